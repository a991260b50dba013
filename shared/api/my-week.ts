import { z } from "zod";
// The vocabulary only: the pane parses this contract and must not pull the domain's rules (holidays) in.
import { COUNTRIES, FOLLOW_UP_REASONS, TIERS } from "../domain/vocabulary";
import { isIsoWeekText } from "../domain/iso-week";

/** The pane's "my week": the signed-in rep's follow-up list for an ISO week (the Monday list). */

export const MyWeekQuery = z.object({
  /** ISO week like 2026-W48; default: the current week in the connector's schedule time zone. */
  week: z.string().refine(isIsoWeekText, "an ISO week that exists, like 2026-W48 (weeks 01–52, or 53 in a long year)").optional(),
});

export const MyWeekEntry = z.object({
  company: z.object({ id: z.number().int(), name: z.string(), country: z.enum(COUNTRIES).nullable() }),
  tier: z.enum(TIERS),
  reason: z.enum(FOLLOW_UP_REASONS),
  /** Proposed date of the contact (YYYY-MM-DD). */
  dueDate: z.string(),
  daysOverdue: z.number().int(),
  intervalWeeks: z.number().int(),
  lastContact: z.string().nullable(),
});
export type MyWeekEntry = z.infer<typeof MyWeekEntry>;

export const MyWeekResponse = z.discriminatedUnion("known", [
  z.object({
    known: z.literal(true),
    rep: z.object({ id: z.number().int(), name: z.string(), initials: z.string() }),
    week: z.string(),
    from: z.string(),
    to: z.string(),
    /** Name of the rep's static selection in the CRM for this week. */
    selectionName: z.string(),
    entries: z.array(MyWeekEntry),
  }),
  /** The signed-in address belongs to no CRM user. */
  z.object({ known: z.literal(false), email: z.string() }),
]);
export type MyWeekResponse = z.infer<typeof MyWeekResponse>;
