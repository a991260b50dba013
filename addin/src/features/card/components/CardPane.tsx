import { makeStyles, Text, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { assertNever } from "../../../../../shared/domain/vocabulary";
import { useServices } from "../../../app/services";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { useI18n } from "../../../i18n/I18nProvider";
import type { Counterpart } from "../../../office/counterparts";
import { usePanePeople } from "../hooks/usePanePeople";
import { CardSkeleton } from "./CardSkeleton";
import { CustomerCard } from "./CustomerCard";
import { PeopleList } from "./PeopleList";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  muted: { color: tokens.colorNeutralForeground3 },
});

function People({ itemKey, people }: { itemKey: string; people: Counterpart[] }) {
  const [selected, setSelected] = useState(people[0]?.email ?? "");
  const current = people.some((p) => p.email === selected) ? selected : (people[0]?.email ?? "");
  return (
    <>
      {people.length > 1 && <PeopleList people={people} selected={current} onSelect={setSelected} />}
      {/* Keyed by item and person: a new selection starts from a clean state, never the old card. */}
      <CustomerCard key={`${itemKey}|${current}`} email={current} name={people.find((p) => p.email === current)?.name ?? ""} itemKey={itemKey} />
    </>
  );
}

/** The card part of the pane: follows the selected item and shows its people. */
export function CardPane() {
  const { office, itemCheckMs } = useServices();
  const { t } = useI18n();
  const styles = useStyles();
  const { state, retry } = usePanePeople({ office, itemCheckMs });

  const body = (() => {
    switch (state.status) {
      case "no-item":
        return <Text className={styles.muted}>{t.noItem}</Text>;
      case "loading":
        return <CardSkeleton />;
      case "error":
        return <ErrorNotice code="OFFICE" onRetry={retry} />;
      case "ready":
        return state.counterparts.length === 0 ? (
          <Text className={styles.muted}>{t.noCounterpart}</Text>
        ) : (
          <People key={state.item.key} itemKey={state.item.key} people={state.counterparts} />
        );
      default:
        return assertNever(state, "people state");
    }
  })();

  return (
    <div className={styles.root} data-item-key={state.status === "no-item" ? "" : state.item.key}>
      {body}
    </div>
  );
}
