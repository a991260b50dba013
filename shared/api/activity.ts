import { z } from "zod";
import { CalendarDate, cleanText } from "./fields";
import { ACCOUNT_TYPES, ACTIVITY_TYPES, POTENTIALS, TIER_STATUSES } from "../domain/vocabulary";

/**
 * The pane↔connector contract for a customer's rhythm (frequency, due/overdue), the rep's judgement
 * (potential, account type) and logging an activity with its next step.
 */

/** A calendar date, yyyy-MM-dd, in the customer's country. */
export const LocalDateText = CalendarDate;

/** Where the customer's follow-up stands (shared/domain dueStatus). */
export const DueState = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("planned"), date: LocalDateText }),
  z.object({ kind: z.literal("never-contacted") }),
  z.object({ kind: z.literal("overdue"), dueDate: LocalDateText, daysOverdue: z.number().int() }),
  z.object({ kind: z.literal("due-this-week"), dueDate: LocalDateText }),
  z.object({ kind: z.literal("not-due"), dueDate: LocalDateText }),
  z.object({ kind: z.literal("no-interval") }),
]);
export type DueState = z.infer<typeof DueState>;

/** GET /api/v1/companies/:companyId/rhythm */
export const Rhythm = z.object({
  companyId: z.number().int(),
  tier: z.enum(TIER_STATUSES).nullable(),
  potential: z.enum(POTENTIALS).nullable(),
  accountType: z.enum(ACCOUNT_TYPES).nullable(),
  /** Personal contact interval from the frequency policy; null: no personal contact asked for. */
  personalWeeks: z.number().int().nullable(),
  digitalWeeks: z.number().int().nullable(),
  lastContact: LocalDateText.nullable(),
  nextPlanned: LocalDateText.nullable(),
  /** The proposed next personal contact (a working day); null without an interval. */
  dueDate: LocalDateText.nullable(),
  due: DueState,
});
export type Rhythm = z.infer<typeof Rhythm>;

export const CompanyParams = z.object({ companyId: z.coerce.number().int().positive() });

/** PUT /api/v1/companies/:companyId/judgement — the rep's judgement, written to the CRM. Omitted: unchanged. */
export const JudgementRequest = z
  .object({
    potential: z.enum(POTENTIALS).optional(),
    accountType: z.enum(ACCOUNT_TYPES).optional(),
    /** One key per judgement the rep confirms: a repeat of it gets the first answer. Omitted: each request is its own. */
    idempotencyKey: z.string().uuid().optional(),
  })
  .refine((j) => j.potential !== undefined || j.accountType !== undefined, "potential or accountType");
export type JudgementRequest = z.infer<typeof JudgementRequest>;

/** The judgement as the CRM holds it after the write; the rhythm follows from it. */
export const JudgementResponse = z.object({
  potential: z.enum(POTENTIALS).nullable(),
  accountType: z.enum(ACCOUNT_TYPES).nullable(),
  rhythm: Rhythm,
});
export type JudgementResponse = z.infer<typeof JudgementResponse>;

/** GET /api/v1/companies/:companyId/next-step?after=yyyy-MM-dd — the proposed follow-up after a contact on `after`. */
export const NextStepQuery = z.object({ after: LocalDateText });
export const NextStepProposal = z.object({
  proposal: z.object({ date: LocalDateText, intervalWeeks: z.number().int() }).nullable(),
});
export type NextStepProposal = z.infer<typeof NextStepProposal>;

/** POST /api/v1/activities — a completed activity and, optionally, its next step as a follow-up for the owner. */
export const LogActivityRequest = z.object({
  /** One key per save in the pane; a repeated key returns the first result and writes nothing. */
  idempotencyKey: z.string().uuid(),
  companyId: z.number().int().positive(),
  personId: z.number().int().positive().nullable(),
  type: z.enum(ACTIVITY_TYPES),
  date: LocalDateText,
  notes: cleanText(8000),
  outcome: cleanText(500),
  nextStep: z.object({ date: LocalDateText, text: cleanText(500) }).nullable(),
  /**
   * The next step is a follow-up of its own beside the customer's planned one. Omitted or false: the
   * customer's open follow-up is moved to the next step's date (docs/architecture.md, "One next step").
   */
  separateFollowUp: z.boolean().optional(),
});
export type LogActivityRequest = z.infer<typeof LogActivityRequest>;

/** What became of the next step: the customer's follow-up moved to its date, a new one, or none asked for. */
export const FollowUpOutcome = z.discriminatedUnion("action", [
  z.object({ action: z.literal("none") }),
  z.object({
    action: z.enum(["moved", "created"]),
    id: z.number().int(),
    /** The follow-up's date now; null only for saves recorded before the connector said so. */
    date: LocalDateText.nullable(),
    /** Where a moved follow-up was before. */
    previousDate: LocalDateText.nullable(),
    /** The CRM user the follow-up is for (the company's owner, or whoever the moved one was for). */
    associate: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  }),
]);
export type FollowUpOutcome = z.infer<typeof FollowUpOutcome>;

export const LogActivityResponse = z.object({
  activityId: z.number().int(),
  followUpId: z.number().int().nullable(),
  followUp: FollowUpOutcome,
  /** True when this key was saved before: nothing was written this time. */
  replayed: z.boolean(),
});
export type LogActivityResponse = z.infer<typeof LogActivityResponse>;
