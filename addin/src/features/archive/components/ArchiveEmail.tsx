import { Button, Caption1, makeStyles, Spinner, Text, tokens } from "@fluentui/react-components";
import { assertNever } from "../../../../../shared/domain/vocabulary";
import { useServices } from "../../../app/services";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { useI18n } from "../../../i18n/I18nProvider";
import { useArchive } from "../hooks/useArchive";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", alignItems: "flex-start", rowGap: tokens.spacingVerticalXS },
  done: { color: tokens.colorPaletteGreenForeground1 },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** "Archive e-mail" on the card: archives the selected message on the customer, once. */
export default function ArchiveEmail({ itemKey, companyId, personId }: { itemKey: string; companyId: number; personId: number | null }) {
  const { api, office } = useServices();
  const { t, locale } = useI18n();
  const styles = useStyles();
  const { state, archive } = useArchive({ api, office, itemKey, companyId, personId });

  const body = (() => {
    switch (state.status) {
      case "unavailable":
        return null;
      case "checking":
        return <Spinner size="tiny" labelPosition="after" label={t.archive.checking} data-testid="archive-checking" />;
      case "ready":
        return (
          <Button appearance="secondary" onClick={() => void archive()} data-testid="archive-email">
            {t.archive.action}
          </Button>
        );
      case "archiving":
        return <Spinner size="tiny" labelPosition="after" label={t.archive.archiving} data-testid="archive-busy" />;
      case "archived": {
        const when = state.archivedAt ? new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(state.archivedAt)) : null;
        // SuperOffice keeps a document on one company: a thread with several customers is archived on one of them.
        const elsewhere = state.company.id !== companyId;
        return (
          <>
            <Text className={elsewhere ? styles.muted : styles.done} role="status" data-testid="archived">
              {elsewhere ? t.archive.archivedOn(state.company.name, when) : when ? t.archive.archivedAt(when) : t.archive.archivedBefore}
            </Text>
            {state.asText && <Caption1 className={styles.muted}>{t.archive.asText}</Caption1>}
          </>
        );
      }
      case "error":
        return <ErrorNotice code={state.code} onRetry={state.code === "TOO_LARGE" ? undefined : () => void archive()} />;
      default:
        return assertNever(state, "archive state");
    }
  })();

  return body && <section className={styles.root} aria-label={t.archive.action}>{body}</section>;
}
