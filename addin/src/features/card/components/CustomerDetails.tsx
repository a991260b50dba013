import { Divider, makeStyles, tokens } from "@fluentui/react-components";
import type { Card } from "../../../../../shared/api/card";
import { useServices } from "../../../app/services";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { JudgementControls } from "../../activity/components/JudgementControls";
import { LogActivityForm } from "../../activity/components/LogActivityForm";
import { RhythmView } from "../../activity/components/RhythmView";
import { useRhythm } from "../../activity/hooks/useRhythm";
import { CardView } from "./CardView";

const useStyles = makeStyles({ root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM } });

/** The card with the rhythm, the rep's judgement and logging: what the rep works with on a known customer. */
export function CustomerDetails({ card, itemKey }: { card: Card; itemKey: string }) {
  const { api } = useServices();
  const styles = useStyles();
  const rhythm = useRhythm({ api, companyId: card.company.id });
  return (
    <div className={styles.root}>
      <CardView card={card} />
      {rhythm.state.status === "ready" && <RhythmView rhythm={rhythm.state.rhythm} />}
      {rhythm.state.status === "error" && <ErrorNotice code={rhythm.state.code} onRetry={rhythm.reload} />}
      <Divider />
      <JudgementControls companyId={card.company.id} potential={card.potential} accountType={card.accountType} onRhythm={rhythm.replace} />
      <Divider />
      <LogActivityForm card={card} itemKey={itemKey} onSaved={rhythm.reload} />
    </div>
  );
}
