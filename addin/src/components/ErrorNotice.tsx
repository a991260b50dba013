import { Button, MessageBar, MessageBarActions, MessageBarBody } from "@fluentui/react-components";
import type { ClientErrorCode } from "../api/errors";
import { useI18n } from "../i18n/I18nProvider";

/** An error in the pane's words, chosen by code, with a retry when one can help. */
export function ErrorNotice({ code, onRetry }: { code: ClientErrorCode; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <MessageBar intent="error" role="alert" data-error-code={code}>
      <MessageBarBody>{t.errors[code]}</MessageBarBody>
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
