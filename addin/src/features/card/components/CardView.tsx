import { Caption1, makeStyles, Subtitle2, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";
import type { ActivitySummary, CompanyCard } from "../../../../../shared/api/card";
import { useI18n } from "../../../i18n/I18nProvider";
import { TierBadge, TierMoveNote } from "./TierBadge";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  header: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS, minWidth: 0 },
  companyName: { margin: 0, overflowWrap: "anywhere" },
  person: { overflowWrap: "anywhere" },
  company: { display: "flex", alignItems: "center", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXS },
  facts: {
    display: "grid",
    gridTemplateColumns: "minmax(88px, max-content) 1fr",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, color: tokens.colorNeutralForeground1, overflowWrap: "anywhere" },
  muted: { color: tokens.colorNeutralForeground3 },
});

function Activity({ activity }: { activity: ActivitySummary | null }) {
  const { t, formatDate } = useI18n();
  const styles = useStyles();
  if (!activity) return <span className={styles.muted}>{t.none}</span>;
  return (
    <span>
      <time dateTime={activity.date}>{formatDate(activity.date)}</time>
      {activity.type ? ` · ${activity.type}` : ""}
    </span>
  );
}

/** Potential and account type, read only: what shows until the rep's controls for them have loaded. */
export function JudgementFacts({ card }: { card: Pick<CompanyCard, "potential" | "accountType"> }) {
  const { t } = useI18n();
  const styles = useStyles();
  return (
    <dl className={styles.facts}>
      <dt className={styles.term}>{t.potential}</dt>
      <dd className={styles.value} data-testid="potential">
        {card.potential ?? <span className={styles.muted}>{t.notJudged}</span>}
      </dd>
      <dt className={styles.term}>{t.accountType}</dt>
      <dd className={styles.value} data-testid="account-type">
        {card.accountType ? t.accountTypes[card.accountType] : <span className={styles.muted}>{t.notJudged}</span>}
      </dd>
    </dl>
  );
}

/**
 * The customer card, what matters first: the company with its tier and where the follow-up stands
 * (`status`), then who the person is (when there is one), then the owner and the contacts.
 */
export function CardView({ card, status, children }: { card: CompanyCard; status?: ReactNode; children?: ReactNode }) {
  const { t } = useI18n();
  const styles = useStyles();
  return (
    <section className={styles.root} aria-label={card.company.name} data-testid="customer-card">
      <div className={styles.header}>
        <div className={styles.company}>
          <Subtitle2 as="h2" className={styles.companyName} data-testid="company-name">
            {card.company.name}
          </Subtitle2>
          <TierBadge status={card.tier.status} />
        </div>
        {status}
        {card.person && (
          <span className={styles.person}>
            <span data-testid="person-name">{card.person.name}</span>
            {card.person.title && <span className={styles.muted}> · {card.person.title}</span>}
          </span>
        )}
        {card.company.orgNr && <Caption1 className={styles.muted}>{card.company.orgNr}</Caption1>}
        {card.tier.explanation && (
          <Caption1 className={styles.muted} data-testid="tier-explanation">
            {card.tier.explanation}
          </Caption1>
        )}
        {card.tier.move && <TierMoveNote move={card.tier.move} className={styles.muted} />}
      </div>
      <dl className={styles.facts}>
        <dt className={styles.term}>{t.owner}</dt>
        <dd className={styles.value} data-testid="owner">
          {card.owner ? card.owner.name : <span className={styles.muted}>{t.noOwner}</span>}
        </dd>
        <dt className={styles.term}>{t.lastContact}</dt>
        <dd className={styles.value} data-testid="last-contact">
          <Activity activity={card.lastContact} />
        </dd>
        <dt className={styles.term}>{t.nextContact}</dt>
        <dd className={styles.value} data-testid="next-contact">
          <Activity activity={card.nextContact} />
        </dd>
        {children}
      </dl>
    </section>
  );
}
