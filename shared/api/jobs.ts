import { z } from "zod";
import { FOLLOW_UP_REASONS, TIER_STATUSES, TIERS } from "../domain/vocabulary";
import { TIER_MOVE_KINDS } from "../domain/moves";

/** Reports of the connector's jobs, shared by the CLI, the admin API and the job-run log. */

/** Jobs recorded in the job-run log: manual and nightly classification, and the Monday lists. */
export const JOB_NAMES = ["classify", "classify-nightly", "weekly-lists"] as const;
export type JobName = (typeof JOB_NAMES)[number];

export const JOB_STATUSES = ["running", "succeeded", "failed"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const BadRowReport = z.object({ line: z.number().int(), reason: z.string(), column: z.string().nullable() });
export type BadRowReport = z.infer<typeof BadRowReport>;

export const ImportReport = z.object({
  source: z.string(),
  /** False when the import was refused (stop on first error, a file error): nothing was written. */
  written: z.boolean(),
  rows: z.number().int(),
  good: z.number().int(),
  /** New order lines stored. */
  inserted: z.number().int(),
  /** Lines already stored by an earlier import (same order number and line), unchanged. */
  alreadyImported: z.number().int(),
  /** Lines already stored whose amount, date, currency or customer differ in this file. */
  changed: z.number().int(),
  /** Of the changed lines, how many were overwritten (only when the import was asked to update changed lines). */
  updated: z.number().int(),
  /** The changed lines (the first 1000): the file's line and what differs. */
  changes: z.array(z.object({ line: z.number().int(), orderNumber: z.string().nullable(), orderLine: z.string().nullable(), fields: z.array(z.enum(["amount", "date", "currency", "customer"])) })),
  bad: z.array(BadRowReport),
  /** About the file as a whole, e.g. the encoding it was read in when it was not valid UTF-8. */
  warnings: z.array(z.string()),
  fileError: z.string().nullable(),
  batchId: z.number().int().nullable(),
});
export type ImportReport = z.infer<typeof ImportReport>;

const Distribution = z.record(z.enum([...TIER_STATUSES, "none"]), z.number().int());

export const TierMoveReport = z.object({
  contactId: z.number().int(),
  name: z.string(),
  kind: z.enum(TIER_MOVE_KINDS),
  from: z.enum(TIER_STATUSES).nullable(),
  /** Null: the company no longer has a tier ("cleared"). */
  to: z.enum(TIER_STATUSES).nullable(),
  sentence: z.string(),
});
export type TierMoveReport = z.infer<typeof TierMoveReport>;

export const ClassificationReport = z.object({
  dryRun: z.boolean(),
  asOf: z.string(),
  window: z.object({ from: z.string(), to: z.string(), months: z.number().int() }),
  customers: z.number().int(),
  before: Distribution,
  after: Distribution,
  moves: z.array(TierMoveReport),
  /** Order lines whose currency has no rate: counted, never folded into revenue. */
  unconvertedLines: z.number().int(),
  /** Order lines of companies that are no longer in the CRM. */
  unknownCompanies: z.number().int(),
  writes: z.object({ categories: z.number().int(), tasks: z.number().int(), resumed: z.number().int() }),
  problems: z.array(z.string()),
});
export type ClassificationReport = z.infer<typeof ClassificationReport>;

export const WeeklyListRepReport = z.object({
  rep: z.number().int(),
  initials: z.string(),
  selectionName: z.string(),
  selectionId: z.number().int().nullable(),
  customers: z.number().int(),
  added: z.number().int(),
  removed: z.number().int(),
  tasksCreated: z.number().int(),
  /** The customers on the list, in its order; given by dry runs (written runs keep the log small). */
  entries: z
    .array(z.object({ contactId: z.number().int(), name: z.string(), tier: z.enum(TIERS), reason: z.enum(FOLLOW_UP_REASONS), dueDate: z.string(), daysOverdue: z.number().int() }))
    .optional(),
});

/** A company a job left out because the CRM gave a value the rules cannot read (e.g. an impossible date). */
export const SkippedCompanyReport = z.object({ companyId: z.number().int(), name: z.string(), reason: z.string() });

export const WeeklyListsReport = z.object({
  dryRun: z.boolean(),
  week: z.string(),
  reps: z.array(WeeklyListRepReport),
  /** Companies on no list this run, each with its reason; every other company was judged as usual. */
  skipped: z.array(SkippedCompanyReport),
});
export type WeeklyListsReport = z.infer<typeof WeeklyListsReport>;

export const JobRun = z.object({
  id: z.number().int(),
  job: z.enum(JOB_NAMES),
  key: z.string(),
  status: z.enum(JOB_STATUSES),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  instance: z.string(),
  summary: z.unknown(),
});
export type JobRun = z.infer<typeof JobRun>;
