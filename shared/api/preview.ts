import { z } from "zod";

/**
 * The preview page's simulated mailbox, served by the connector in the embedded mode only at
 * GET /preview/mailbox.json (no authentication; it describes the demo tenant, nothing else).
 * Items mirror what Outlook gives a task pane in read mode, so the simulated Office stays faithful.
 */

export const PreviewAddress = z.object({ displayName: z.string(), emailAddress: z.string() });
export type PreviewAddress = z.infer<typeof PreviewAddress>;

/** A rep of the demo tenant the preview can sign in as (the mailbox owner). */
export const PreviewRep = z.object({ email: z.string(), name: z.string(), initials: z.string() });
export type PreviewRep = z.infer<typeof PreviewRep>;

export const PreviewMessage = z.object({
  itemType: z.literal("message"),
  /** Outlook's item id: stable per item, what the pane's identity check compares. */
  id: z.string().min(1),
  internetMessageId: z.string(),
  subject: z.string(),
  from: PreviewAddress,
  /** Empty: addressed to the signed-in rep. */
  to: z.array(PreviewAddress),
  cc: z.array(PreviewAddress),
  /** ISO 8601 date-time with offset. */
  receivedAt: z.string(),
  body: z.string(),
  /** Why this item is in the demo, shown as a hint on the preview page (e.g. "Tier A customer"). */
  note: z.string().optional(),
});
export type PreviewMessage = z.infer<typeof PreviewMessage>;

export const PreviewAppointment = z.object({
  itemType: z.literal("appointment"),
  id: z.string().min(1),
  subject: z.string(),
  organizer: PreviewAddress,
  requiredAttendees: z.array(PreviewAddress),
  optionalAttendees: z.array(PreviewAddress),
  /** ISO 8601 date-times with offset. */
  start: z.string(),
  end: z.string(),
  location: z.string(),
  body: z.string(),
  note: z.string().optional(),
});
export type PreviewAppointment = z.infer<typeof PreviewAppointment>;

export const PreviewItem = z.discriminatedUnion("itemType", [PreviewMessage, PreviewAppointment]);
export type PreviewItem = z.infer<typeof PreviewItem>;

export const PreviewMailbox = z.object({
  /** The tenant's display name, e.g. the demo company. */
  tenant: z.string(),
  reps: z.array(PreviewRep).min(1),
  items: z.array(PreviewItem),
});
export type PreviewMailbox = z.infer<typeof PreviewMailbox>;
