import { Button, MessageBar, MessageBarActions, MessageBarBody } from "@fluentui/react-components";
import { toClientError } from "../../api/errors";
import { useAdminI18n } from "../i18n";

/** A failed call in words an admin can act on; the connector's own sentence when it refused the input. */
export function ErrorBar({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useAdminI18n();
  const e = toClientError(error);
  const text = e.code === "BAD_REQUEST" || e.code === "CONFLICT" ? `${t.errors[e.code]} ${e.message}` : t.errors[e.code];
  return (
    <MessageBar intent="error" role="alert" data-error-code={e.code}>
      <MessageBarBody>{text}</MessageBarBody>
      {onRetry && (
        <MessageBarActions>
          <Button onClick={onRetry}>{t.retry}</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
