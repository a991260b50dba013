import { makeStyles, Skeleton, SkeletonItem, tokens } from "@fluentui/react-components";
import { useI18n } from "../../../i18n/I18nProvider";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  short: { width: "45%" },
});

/** Placeholder in the card's shape while the connector answers. */
export function CardSkeleton() {
  const { t } = useI18n();
  const styles = useStyles();
  return (
    <Skeleton className={styles.root} aria-label={t.loading} aria-busy="true" role="progressbar" data-testid="card-loading">
      <SkeletonItem size={20} />
      <SkeletonItem size={16} className={styles.short} />
      <SkeletonItem size={12} />
      <SkeletonItem size={12} />
      <SkeletonItem size={12} />
    </Skeleton>
  );
}
