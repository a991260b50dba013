import { makeStyles, tokens } from "@fluentui/react-components";
import type { CompanyCard } from "../../../../../shared/api/card";
import type { DraftDefaults } from "../../activity/hooks/useActivityDraft";
import { useServices } from "../../../app/services";
import { useI18n } from "../../../i18n/I18nProvider";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { lazy, Suspense } from "react";
import { DueBadge, FrequencyFact } from "../../activity/components/RhythmView";
import { useRhythm } from "../../activity/hooks/useRhythm";
import { CardView, JudgementFacts } from "./CardView";

// Editing comes in its own chunk after the card: the first download stays small, the card comes first.
const JudgementControls = lazy(() => import(/* webpackChunkName: "edit" */ "../../activity/components/JudgementControls"));
const LogActivity = lazy(() => import(/* webpackChunkName: "edit" */ "../../activity/components/LogActivityForm"));

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  // A rule drawn with tokens: Fluent's Divider would add its own code to the first download for a line.
  divider: { height: 0, margin: 0, border: "none", borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
});

/** The card with the rhythm, the rep's judgement and logging: what the rep works with on a known customer. */
export function CustomerDetails(props: {
  card: CompanyCard;
  itemKey: string;
  /** After an activity is saved in the CRM (the rhythm reloads either way). */
  onSaved?: () => void;
  logDefaults?: DraftDefaults;
  logRequest?: number;
}) {
  const { card, itemKey, onSaved, logDefaults, logRequest } = props;
  const { api } = useServices();
  const styles = useStyles();
  const { t } = useI18n();
  const rhythm = useRhythm({ api, companyId: card.company.id });
  return (
    <div className={styles.root}>
      <CardView
        card={card}
        status={
          rhythm.state.status === "ready" ? (
            <DueBadge rhythm={rhythm.state.rhythm} />
          ) : rhythm.state.status === "error" ? (
            <ErrorNotice code={rhythm.state.code} title={t.cardNotLoaded(card.company.name)} onRetry={rhythm.reload} />
          ) : null
        }
      >
        {rhythm.state.status === "ready" && <FrequencyFact rhythm={rhythm.state.rhythm} />}
      </CardView>
      <hr className={styles.divider} />
      {/* Potential and account type once: read only until their controls are in, then only the controls. */}
      <Suspense fallback={<JudgementFacts card={card} />}>
        <JudgementControls companyId={card.company.id} companyName={card.company.name} potential={card.potential} accountType={card.accountType} onRhythm={rhythm.replace} />
      </Suspense>
      <Suspense fallback={null}>
        <hr className={styles.divider} />
        <LogActivity
          card={card}
          itemKey={itemKey}
          defaults={logDefaults}
          openRequest={logRequest}
          onSaved={() => {
            rhythm.reload();
            onSaved?.();
          }}
        />
      </Suspense>
    </div>
  );
}
