import { Caption1, makeStyles, Text, tokens } from "@fluentui/react-components";
import { lazy, Suspense, useEffect, useState } from "react";
import { assertNever } from "../../../../../shared/domain/vocabulary";
import { useServices } from "../../../app/services";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { useI18n } from "../../../i18n/I18nProvider";
import type { ItemRef, MeetingTimes } from "../../../office/adapter";
import type { Counterpart } from "../../../office/counterparts";
import { localToday } from "../../activity/utils/localDate";
import { usePanePeople } from "../hooks/usePanePeople";
import { CardSkeleton } from "./CardSkeleton";
import { CustomerCard } from "./CustomerCard";
import { PeopleList } from "./PeopleList";

// Appointments only: the meeting's prep view and "log it" banner load when one is opened.
const MeetingView = lazy(() => import(/* webpackChunkName: "meeting" */ "../../meetings/components/MeetingView"));

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  muted: { color: tokens.colorNeutralForeground3 },
  source: { color: tokens.colorNeutralForeground3, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
});

/** Which item the card below comes from, so a rep sees at a glance that it is the mail they selected. */
export function ShownFrom({ item }: { item: ItemRef }) {
  const { t } = useI18n();
  const styles = useStyles();
  const text = t.shownFrom[item.kind.startsWith("appointment") ? "meeting" : "email"](item.subject?.trim() || t.noSubject);
  return (
    <Caption1 className={styles.source} data-testid="shown-from" title={text}>
      {text}
    </Caption1>
  );
}

function People({ itemKey, people, meeting = null }: { itemKey: string; people: Counterpart[]; meeting?: MeetingTimes | null }) {
  const [selected, setSelected] = useState(people[0]?.email ?? "");
  const current = people.some((p) => p.email === selected) ? selected : (people[0]?.email ?? "");
  // A banner's "log it" opens the form of that attendee; saves make the banner ask again.
  const [logRequest, setLogRequest] = useState<{ email: string; n: number }>({ email: "", n: 0 });
  const [savedCount, setSavedCount] = useState(0);
  const meetingLog = meeting ? { logDefaults: { type: "meeting" as const, date: localToday(meeting.start) }, onSaved: () => setSavedCount((n) => n + 1) } : {};
  return (
    <>
      {meeting && (
        <Suspense fallback={null}>
          <MeetingView
            itemKey={itemKey}
            meeting={meeting}
            people={people}
            savedCount={savedCount}
            onLog={(email) => {
              setSelected(email);
              setLogRequest((r) => ({ email, n: r.n + 1 }));
            }}
          />
        </Suspense>
      )}
      {people.length > 1 && <PeopleList people={people} selected={current} onSelect={setSelected} />}
      {/* Keyed by item and person: a new selection starts from a clean state, never the old card. */}
      <CustomerCard
        key={`${itemKey}|${current}`}
        email={current}
        name={people.find((p) => p.email === current)?.name ?? ""}
        itemKey={itemKey}
        logRequest={logRequest.email === current ? logRequest.n : 0}
        {...meetingLog}
      />
    </>
  );
}

/** The card part of the pane: follows the selected item and shows its people; `onItem` hears of each newly selected item. */
export function CardPane({ onItem }: { onItem?: (key: string | null) => void }) {
  const { office, itemCheckMs } = useServices();
  const { t } = useI18n();
  const styles = useStyles();
  const { state, retry } = usePanePeople({ office, itemCheckMs });
  const key = state.status === "no-item" ? null : state.item.key;
  useEffect(() => onItem?.(key), [onItem, key]);

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
          <People key={state.item.key} itemKey={state.item.key} people={state.counterparts} meeting={state.meeting} />
        );
      default:
        return assertNever(state, "people state");
    }
  })();

  return (
    <div className={styles.root} data-item-key={key ?? ""}>
      {state.status !== "no-item" && <ShownFrom item={state.item} />}
      {body}
    </div>
  );
}
