import { createSuperOfficeClient, type SuperOfficeConfigInput, type SuperOfficeDeps } from "../../../connector/src/crm/superoffice";
import type { ContactId } from "../../../shared/domain/vocabulary";
import type { Stack } from "./stack";

/** The connector's SuperOffice client on the sandbox, signed in with its first bearer token; `input` and `deps` add to it (retry, observer). */
export function sandboxCrm(stack: Pick<Stack, "sandbox">, input: Partial<SuperOfficeConfigInput> = {}, deps: SuperOfficeDeps = {}) {
  return createSuperOfficeClient({ webapiUrl: stack.sandbox.webapiUrl, auth: { kind: "bearer", accessToken: stack.sandbox.credentials.bearerTokens[0]! }, ...input }, deps);
}

/** Reads the sandbox directly (not through the connector) to check what the pane's actions wrote. */
export function sandboxAppointments(stack: Pick<Stack, "sandbox">, contactId: number) {
  const client = sandboxCrm(stack);
  // Ten years either side of today: the sandbox's history and anything a test plans are inside.
  const day = (years: number) => new Date(Date.now() + years * 365 * 86_400_000).toISOString().slice(0, 10);
  return client.listAppointments({ from: day(-10), to: day(10), contactId: contactId as ContactId });
}

/** The sandbox's documents on a company whose ExternalRef is `externalRef` (an archived e-mail's Message-ID), with their content. */
export async function sandboxDocumentsWithRef(stack: Pick<Stack, "sandbox">, contactId: number, externalRef: string) {
  const headers = { authorization: `Bearer ${stack.sandbox.credentials.bearerTokens[0]!}`, accept: "application/json" };
  const base = stack.sandbox.webapiUrl;
  const list = (await (
    await fetch(`${base}/v1/Document?$select=documentId&$filter=${encodeURIComponent(`contactId eq ${contactId}`)}&$top=1000`, { headers })
  ).json()) as { value: { documentId: number }[] };
  const found: { id: number; header: string; name: string; personId: number | null; content: string }[] = [];
  for (const row of list.value) {
    const doc = (await (await fetch(`${base}/v1/Document/${row.documentId}`, { headers })).json()) as {
      DocumentId: number; Header: string; Name: string; ExternalRef: string; Person: { PersonId: number } | null;
    };
    if (doc.ExternalRef !== externalRef) continue;
    const content = await fetch(`${base}/v1/Document/${doc.DocumentId}/Content`, { headers });
    found.push({ id: doc.DocumentId, header: doc.Header, name: doc.Name, personId: doc.Person?.PersonId || null, content: content.ok ? Buffer.from(await content.arrayBuffer()).toString("utf8") : "" });
  }
  return found;
}

/** The sandbox's persons with this e-mail address, and their companies. */
export function sandboxPersonsByEmail(stack: Pick<Stack, "sandbox">, email: string) {
  return sandboxCrm(stack).findPersonsByEmail(email);
}
