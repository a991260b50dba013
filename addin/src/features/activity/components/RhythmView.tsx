import { Badge, makeStyles, tokens } from "@fluentui/react-components";
import type { DueState, Rhythm } from "../../../../../shared/api/activity";
import { assertNever } from "../../../../../shared/domain/vocabulary";
import { useI18n, type I18n } from "../../../i18n/I18nProvider";

const useStyles = makeStyles({
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: "anywhere" },
  // On one line; should a language's status not fit the pane, it ends in an ellipsis (the whole text is its title).
  badge: { alignSelf: "flex-start", maxWidth: "100%", whiteSpace: "nowrap", overflow: "hidden", textOverflow: "ellipsis", display: "block", lineHeight: "20px" },
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

/** Where the follow-up stands (due, overdue, planned), as a badge under the company's name. */
export function DueBadge({ rhythm }: { rhythm: Rhythm }) {
  const i18n = useI18n();
  const styles = useStyles();
  const due = dueText(rhythm.due, i18n);
  return (
    <Badge appearance="tint" color={due.color} className={styles.badge} title={due.text} data-testid="due-status" data-due={rhythm.due.kind}>
      {due.text}
    </Badge>
  );
}

/** The contact frequency the policy gives, as a row of the card's facts. */
export function FrequencyFact({ rhythm }: { rhythm: Rhythm }) {
  const { t } = useI18n();
  const styles = useStyles();
  const frequency =
    rhythm.personalWeeks !== null ? t.everyWeeks(rhythm.personalWeeks) : rhythm.digitalWeeks !== null ? t.digitalOnly : t.noFrequency;
  return (
    <>
      <dt className={styles.term}>{t.frequency}</dt>
      <dd className={styles.value} data-testid="frequency">
        {frequency}
      </dd>
    </>
  );
}
