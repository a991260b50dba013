import { Caption1, makeStyles, Subtitle2, Text, tokens } from "@fluentui/react-components";
import type { ActivitySummary, CompanyCard } from "../../../../../shared/api/card";
import { useI18n } from "../../../i18n/I18nProvider";
import { TierBadge, TierMoveNote } from "./TierBadge";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  header: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXXS },
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

/** The customer card: who the person is (when there is one), their company and tier, and the rhythm of contact. */
export function CardView({ card }: { card: CompanyCard }) {
  const { t } = useI18n();
  const styles = useStyles();
  return (
    <section className={styles.root} aria-label={card.company.name} data-testid="customer-card">
      <div className={styles.header}>
        {card.person && (
          <Subtitle2 as="h2" data-testid="person-name">
            {card.person.name}
          </Subtitle2>
        )}
        {card.person?.title && <Caption1 className={styles.muted}>{card.person.title}</Caption1>}
        <div className={styles.company}>
          <Text weight="semibold" data-testid="company-name">
            {card.company.name}
          </Text>
          <TierBadge status={card.tier.status} />
        </div>
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
        <dt className={styles.term}>{t.potential}</dt>
        <dd className={styles.value} data-testid="potential">
          {card.potential ?? <span className={styles.muted}>{t.notJudged}</span>}
        </dd>
        <dt className={styles.term}>{t.accountType}</dt>
        <dd className={styles.value} data-testid="account-type">
          {card.accountType ? t.accountTypes[card.accountType] : <span className={styles.muted}>{t.notJudged}</span>}
        </dd>
        <dt className={styles.term}>{t.lastContact}</dt>
        <dd className={styles.value} data-testid="last-contact">
          <Activity activity={card.lastContact} />
        </dd>
        <dt className={styles.term}>{t.nextContact}</dt>
        <dd className={styles.value} data-testid="next-contact">
          <Activity activity={card.nextContact} />
        </dd>
      </dl>
    </section>
  );
}
