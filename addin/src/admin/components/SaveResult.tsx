import { MessageBar, MessageBarBody } from "@fluentui/react-components";
import { useAdminI18n } from "../i18n";
import { ErrorBar } from "./ErrorBar";

/** Where a section's Save stands. */
export type SaveState = { kind: "idle" | "saving" | "saved" } | { kind: "error"; error: unknown };

/** "Saved." after a save, the reason after a failed one, nothing otherwise. */
export function SaveResult({ state, testId }: { state: SaveState; testId?: string }) {
  const { t } = useAdminI18n();
  if (state.kind === "error") return <ErrorBar error={state.error} />;
  if (state.kind !== "saved") return null;
  return (
    <MessageBar intent="success" data-testid={testId}>
      <MessageBarBody>{t.saved}</MessageBarBody>
    </MessageBar>
  );
}
