import { Badge, Button, Caption1, makeStyles, Skeleton, SkeletonItem, Subtitle2, Text, tokens } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { MyWeekEntry } from "../../../../../shared/api/my-week";
import { assertNever, type FollowUpReason } from "../../../../../shared/domain/vocabulary";
import { useCompanyWrites } from "../../../api/useCompanyWrites";
import { useRequest } from "../../../api/useRequest";
import { useServices } from "../../../app/services";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { useI18n } from "../../../i18n/I18nProvider";
import { CardSkeleton } from "../../card/components/CardSkeleton";
import { CustomerDetails } from "../../card/components/CustomerDetails";
import { TierBadge } from "../../card/components/TierBadge";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM, minWidth: 0 },
  group: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS, minWidth: 0 },
  groupHeader: { display: "flex", alignItems: "center", columnGap: tokens.spacingHorizontalS, margin: 0 },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
  entry: {
    width: "100%",
    minWidth: 0,
    justifyContent: "flex-start",
    textAlign: "start",
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
  },
  entryBody: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXXS, minWidth: 0, width: "100%" },
  entryTop: { display: "flex", alignItems: "center", columnGap: tokens.spacingHorizontalS, minWidth: 0 },
  name: { flex: "1 1 auto", minWidth: 0, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
  badge: { flexShrink: 0, whiteSpace: "nowrap" },
  muted: { color: tokens.colorNeutralForeground3 },
  back: { alignSelf: "flex-start" },
});

/** What needs doing first comes first: overdue, then due this week, then never contacted. */
const GROUP_ORDER: readonly FollowUpReason[] = ["overdue", "due", "never-contacted"];
const GROUP_COLORS: Record<FollowUpReason, "danger" | "warning" | "informative"> = { overdue: "danger", due: "warning", "never-contacted": "informative" };

function EntryButton({ entry, onOpen }: { entry: MyWeekEntry; onOpen: () => void }) {
  const { t, formatDate } = useI18n();
  const styles = useStyles();
  const when = (() => {
    switch (entry.reason) {
      case "overdue":
        return t.week.overdueBy(entry.daysOverdue);
      case "due":
        return t.week.dueOn(formatDate(entry.dueDate));
      case "never-contacted":
        return t.due.neverContacted;
      default:
        return assertNever(entry.reason, "follow-up reason");
    }
  })();
  const detail = entry.lastContact ? `${when} · ${t.week.lastContactOn(formatDate(entry.lastContact.slice(0, 10)))}` : when;
  return (
    <Button appearance="subtle" className={styles.entry} onClick={onOpen} data-testid="week-entry" data-company-id={entry.company.id}>
      <span className={styles.entryBody}>
        <span className={styles.entryTop}>
          <Text weight="semibold" className={styles.name}>
            {entry.company.name}
          </Text>
          <span className={styles.badge}>
            <TierBadge status={entry.tier} />
          </span>
        </span>
        <Caption1 className={styles.muted}>{detail}</Caption1>
      </span>
    </Button>
  );
}

function WeekList({ onOpen, refresh }: { onOpen: (entry: MyWeekEntry) => void; refresh: number }) {
  const { api } = useServices();
  const { t, formatDate } = useI18n();
  const styles = useStyles();
  // Asked again whenever `refresh` changes (after a save on an opened customer).
  const { state, reload } = useRequest((signal) => api.getMyWeek(signal), [api, refresh]);
  switch (state.status) {
    case "loading":
      return (
        <Skeleton aria-label={t.week.loading} aria-busy="true" role="progressbar" data-testid="week-loading">
          <SkeletonItem size={16} />
          <SkeletonItem size={32} />
          <SkeletonItem size={32} />
        </Skeleton>
      );
    case "error":
      return <ErrorNotice code={state.code} onRetry={reload} />;
    case "ready":
      break;
    default:
      return assertNever(state, "week state");
  }
  const week = state.value;
  if (!week.known) return <Text className={styles.muted} data-testid="week-unknown-rep">{t.week.notCrmUser(week.email)}</Text>;
  // Grouped by reason; within a group, the order the connector gives (tier, then days overdue).
  const groups = GROUP_ORDER.map((reason) => ({ reason, entries: week.entries.filter((e) => e.reason === reason) })).filter((g) => g.entries.length > 0);
  return (
    <div className={styles.root} data-testid="my-week">
      <Subtitle2 as="h2">{t.week.title(week.week, formatDate(week.from), formatDate(week.to))}</Subtitle2>
      {groups.length === 0 && (
        <Text className={styles.muted} data-testid="week-empty">
          {t.week.empty}
        </Text>
      )}
      {groups.map((group) => (
        <section key={group.reason} className={styles.group} aria-label={t.week.groups[group.reason]} data-testid={`week-group-${group.reason}`}>
          <h3 className={styles.groupHeader}>
            <Text weight="semibold">{t.week.groups[group.reason]}</Text>
            <Badge appearance="tint" color={GROUP_COLORS[group.reason]} size="small">
              {group.entries.length}
            </Badge>
          </h3>
          <ul className={styles.list}>
            {group.entries.map((entry) => (
              <li key={entry.company.id}>
                <EntryButton entry={entry} onOpen={() => onOpen(entry)} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

/** Where drafts of a company opened from the week are kept: one per company, apart from any e-mail. */
const WEEK_ITEM_KEY = "my-week";

function OpenedCustomer({ entry, onBack, onSaved }: { entry: MyWeekEntry; onBack: () => void; onSaved: () => void }) {
  const { api } = useServices();
  const { t } = useI18n();
  const styles = useStyles();
  const companyId = entry.company.id;
  // A company's card without a person, read again after each write on it (the one shown stays meanwhile).
  const written = useCompanyWrites(api, companyId);
  const { state, reload } = useRequest((signal) => api.getCompanyCard(companyId, signal).then((r) => r.card), [api, companyId, written], { keepWhileReloading: true });
  return (
    <div className={styles.root} data-testid="week-customer">
      <Button appearance="subtle" className={styles.back} onClick={onBack} data-testid="week-back">
        {t.week.back}
      </Button>
      <Caption1 className={styles.muted} data-testid="shown-from">
        {t.shownFrom.week}
      </Caption1>
      {state.status === "loading" && <CardSkeleton />}
      {state.status === "error" && <ErrorNotice code={state.code} title={t.cardNotLoaded(entry.company.name)} onRetry={reload} />}
      {state.status === "ready" && <CustomerDetails card={state.value} itemKey={WEEK_ITEM_KEY} onSaved={onSaved} />}
    </div>
  );
}

/**
 * "My week": the rep's follow-ups (overdue, due, never contacted); a customer opens in place. A customer
 * opened here belongs to the Outlook item selected at the time (`itemKey`): selecting another item closes it.
 */
export default function MyWeekView({ itemKey = null }: { itemKey?: string | null }) {
  const [openedOn, setOpenedOn] = useState<{ entry: MyWeekEntry; itemKey: string | null } | null>(null);
  const opened = openedOn && openedOn.itemKey === itemKey ? openedOn.entry : null;
  const setOpened = (entry: MyWeekEntry | null) => setOpenedOn(entry ? { entry, itemKey } : null);
  // Something logged on the opened customer changes the list: it is asked again on the way back.
  const [savedSinceOpen, setSavedSinceOpen] = useState(false);
  const [refresh, setRefresh] = useState(0);
  const styles = useStyles();
  // Back to the list, by the back button or a newly selected item: after a save it is asked again.
  useEffect(() => {
    if (opened || !savedSinceOpen) return;
    setSavedSinceOpen(false);
    setRefresh((n) => n + 1);
  }, [opened, savedSinceOpen]);
  const back = () => setOpened(null);
  return (
    <div className={styles.root}>
      {/* The list stays mounted under an opened customer, so going back reloads it only after a save. */}
      <div hidden={opened !== null}>
        <WeekList onOpen={setOpened} refresh={refresh} />
      </div>
      {opened && <OpenedCustomer key={opened.company.id} entry={opened} onBack={back} onSaved={() => setSavedSinceOpen(true)} />}
    </div>
  );
}
