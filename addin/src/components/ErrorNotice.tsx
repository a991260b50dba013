import { Button, makeStyles, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import type { ClientErrorCode } from "../api/errors";
import { useI18n } from "../i18n/I18nProvider";

const useStyles = makeStyles({
  // A long address in the title breaks anywhere rather than pushing a narrow pane sideways.
  root: { minWidth: 0 },
  body: { overflowWrap: "anywhere", minWidth: 0 },
});

/**
 * An error in the pane's words, chosen by code (which says who failed: the connection to Kundrytm,
 * Kundrytm, or SuperOffice), with a retry when one can help. `title` says what failed for whom (the
 * sender's card, a company's save); `retryAfterSeconds` is when the connector asked to be asked again.
 */
export function ErrorNotice({ code, onRetry, title, retryAfterSeconds }: { code: ClientErrorCode; onRetry?: () => void; title?: string; retryAfterSeconds?: number }) {
  const { t } = useI18n();
  const styles = useStyles();
  return (
    <MessageBar intent="error" role="alert" layout="multiline" className={styles.root} data-error-code={code}>
      <MessageBarBody className={styles.body}>
        {title && <MessageBarTitle>{title}</MessageBarTitle>}
        {t.errors[code]}
        {retryAfterSeconds !== undefined && retryAfterSeconds > 0 && ` ${t.retryAfter(retryAfterSeconds)}`}
      </MessageBarBody>
      {onRetry && (
        <MessageBarActions>
          <Button size="small" onClick={onRetry}>
            {t.retry}
          </Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
