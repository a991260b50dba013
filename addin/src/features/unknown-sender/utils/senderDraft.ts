import { z } from "zod";

/** What the rep typed in the add-sender form, kept per sender so switching mail or closing the pane loses nothing. */
export const SenderDraft = z.object({
  firstName: z.string(),
  lastName: z.string(),
  title: z.string(),
  /** A suggested company's id as text, "new", or null (not picked yet). */
  picked: z.string().nullable(),
  companyName: z.string(),
  /** The connector's idempotency key for adding this sender: a retry, even after reopening the pane, adds once. */
  idempotencyKey: z.string().uuid().optional(),
});
export type SenderDraft = z.infer<typeof SenderDraft>;

const PREFIX = "kundrytm.sender-draft.v1.";

export const senderDraftKey = (email: string) => `${PREFIX}${email.trim().toLowerCase()}`;

export function readSenderDraft(storage: Pick<Storage, "getItem">, email: string): SenderDraft | null {
  try {
    const parsed = SenderDraft.safeParse(JSON.parse(storage.getItem(senderDraftKey(email)) ?? "null"));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function writeSenderDraft(storage: Pick<Storage, "setItem">, email: string, draft: SenderDraft): void {
  try {
    storage.setItem(senderDraftKey(email), JSON.stringify(draft));
  } catch {
    // A full or blocked storage must not break typing; the form still holds the values.
  }
}

export function clearSenderDraft(storage: Pick<Storage, "removeItem">, email: string): void {
  try {
    storage.removeItem(senderDraftKey(email));
  } catch {
    // Blocked storage: the sender is added all the same (with a card now, the form and its draft are not shown again).
  }
}
