import { Badge, makeStyles, tokens } from "@fluentui/react-components";
import type { DueState, Rhythm } from "../../../../../shared/api/activity";
import { assertNever } from "../../../../../shared/domain/vocabulary";
import { useI18n, type I18n } from "../../../i18n/I18nProvider";

const useStyles = makeStyles({
  facts: { display: "grid", gridTemplateColumns: "minmax(88px, max-content) 1fr", columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalS, margin: 0 },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: "anywhere" },
  // A long status ("Overdue by 19 days (due 4 Nov 2026)") wraps inside the badge in a narrow pane.
  badge: { height: "auto", minHeight: "20px", whiteSpace: "normal", paddingTop: tokens.spacingVerticalXXS, paddingBottom: tokens.spacingVerticalXXS },
});

function dueText(due: DueState, { t, formatDate }: I18n): { text: string; color: "danger" | "warning" | "success" | "informative" | "subtle" } {
  switch (due.kind) {
    case "planned":
      return { text: t.due.planned(formatDate(due.date)), color: "success" };
    case "never-contacted":
      return { text: t.due.neverContacted, color: "warning" };
    case "overdue":
      return { text: t.due.overdue(due.daysOverdue, formatDate(due.dueDate)), color: "danger" };
    case "due-this-week":
      return { text: t.due.dueThisWeek(formatDate(due.dueDate)), color: "warning" };
    case "not-due":
      return { text: t.due.notDue(formatDate(due.dueDate)), color: "informative" };
    case "no-interval":
      return { text: t.due.noInterval, color: "subtle" };
    default:
      return assertNever(due, "due state");
  }
}

/** Frequency from the policy and where the follow-up stands (due, overdue, planned). */
export function RhythmView({ rhythm }: { rhythm: Rhythm }) {
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const frequency =
    rhythm.personalWeeks !== null ? t.everyWeeks(rhythm.personalWeeks) : rhythm.digitalWeeks !== null ? t.digitalOnly : t.noFrequency;
  const due = dueText(rhythm.due, i18n);
  return (
    <dl className={styles.facts}>
      <dt className={styles.term}>{t.frequency}</dt>
      <dd className={styles.value} data-testid="frequency">
        {frequency}
      </dd>
      <dt className={styles.term}>{t.dueStatus}</dt>
      <dd className={styles.value}>
        <Badge appearance="tint" color={due.color} className={styles.badge} data-testid="due-status" data-due={rhythm.due.kind}>
          {due.text}
        </Badge>
      </dd>
    </dl>
  );
}
