import { createSuperOfficeClient } from "../../../connector/src/crm/superoffice";
import type { ContactId } from "../../../shared/domain/vocabulary";
import type { Stack } from "./stack";

/** Reads the sandbox directly (not through the connector) to check what the pane's actions wrote. */
export function sandboxAppointments(stack: Stack, contactId: number) {
  const client = createSuperOfficeClient({
    webapiUrl: stack.sandbox.webapiUrl,
    auth: { kind: "bearer", accessToken: stack.sandbox.credentials.bearerTokens[0]! },
  });
  return client.listAppointments({ from: "2020-01-01", to: "2031-12-31", contactId: contactId as ContactId });
}
