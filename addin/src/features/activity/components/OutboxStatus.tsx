import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { useServices } from "../../../app/services";
import { useI18n } from "../../../i18n/I18nProvider";
import { useOutbox } from "../hooks/useOutbox";

/** The visible queue of activity saves the connector has not confirmed yet; never silent, never lost. */
export function OutboxStatus() {
  const { outbox } = useServices();
  const { t } = useI18n();
  const entries = useOutbox({ outbox });
  if (entries.length === 0) return null;
  const failed = entries.filter((e) => e.failed);
  const waiting = entries.length - failed.length;
  return (
    <>
      {waiting > 0 && (
        <MessageBar intent="warning" data-testid="outbox" data-waiting={waiting}>
          <MessageBarBody>
            <MessageBarTitle>{t.queueTitle(waiting)}</MessageBarTitle>
            {t.queueDetail}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={() => void outbox.flush()}>
              {t.retryNow}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {failed.map((e) => (
        <MessageBar key={e.request.idempotencyKey} intent="error" data-testid="outbox-failed">
          <MessageBarBody>
            <MessageBarTitle>{t.queueFailed}</MessageBarTitle>
            {e.label} · {e.request.date}
            {e.lastError === "CONFLICT" ? ` — ${t.queueConflict}` : e.lastError && e.lastError in t.errors ? ` — ${t.errors[e.lastError as keyof typeof t.errors]}` : ""}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={() => outbox.discard(e.request.idempotencyKey)}>
              {t.discard}
            </Button>
          </MessageBarActions>
        </MessageBar>
      ))}
    </>
  );
}
