import { z } from "zod";
import { ACTIVITY_TYPES } from "../../../../../shared/domain/vocabulary";

/** What the rep has typed in the log form, saved on every change so switching mail or a crash loses nothing. */
export const ActivityDraft = z.object({
  type: z.enum(ACTIVITY_TYPES),
  date: z.string(),
  outcome: z.string(),
  notes: z.string(),
  followUp: z.boolean(),
  followUpDate: z.string(),
  followUpText: z.string(),
  /** The next step as a follow-up of its own instead of moving the customer's planned one. */
  separateFollowUp: z.boolean().optional(),
  /**
   * The save's idempotency key, made when the draft starts and kept with it: however often Save is pressed
   * (an answer lost, the device unable to store the save), the connector writes the activity once.
   */
  idempotencyKey: z.string().optional(),
});
export type ActivityDraft = z.infer<typeof ActivityDraft>;

const PREFIX = "kundrytm.draft.v1.";

export function draftKey(itemKey: string, email: string): string {
  return `${PREFIX}${itemKey}|${email}`;
}

export function readDraft(storage: Pick<Storage, "getItem">, key: string): ActivityDraft | null {
  try {
    const parsed = ActivityDraft.safeParse(JSON.parse(storage.getItem(key) ?? "null"));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function writeDraft(storage: Pick<Storage, "setItem">, key: string, draft: ActivityDraft): void {
  try {
    storage.setItem(key, JSON.stringify(draft));
  } catch {
    // A full or blocked storage must not break typing; the form still holds the values.
  }
}

export function clearDraft(storage: Pick<Storage, "removeItem">, key: string): void {
  storage.removeItem(key);
}

// Kept apart (no zod) for the parts of the pane that only need the date.
export { localToday } from "./localDate";
