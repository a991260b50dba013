import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { useI18n } from "../../../i18n/I18nProvider";

// Drawn with tokens and one keyframe: Fluent's Skeleton would add its own code to the pane's first download.
const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  bar: {
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
    animationName: { "0%": { opacity: 1 }, "50%": { opacity: 0.5 }, "100%": { opacity: 1 } },
    animationDuration: "1.6s",
    animationIterationCount: "infinite",
    "@media (prefers-reduced-motion: reduce)": { animationName: "none" },
  },
  short: { width: "45%" },
});

/** Placeholder in the card's shape while the connector answers. */
export function CardSkeleton() {
  const { t } = useI18n();
  const styles = useStyles();
  const bar = (height: number, extra?: string) => <div className={mergeClasses(styles.bar, extra)} style={{ height }} />;
  return (
    <div className={styles.root} aria-label={t.loading} aria-busy="true" role="progressbar" data-testid="card-loading">
      {bar(20)}
      {bar(16, styles.short)}
      {bar(12)}
      {bar(12)}
      {bar(12)}
    </div>
  );
}
