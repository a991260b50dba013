import type { ClassificationReport } from "../../../shared/api/jobs";
import type { TierSettingsBody } from "../../../shared/api/settings";
import type { LocalDate } from "../../../shared/domain/dates";
import { renderTierExplanation, type ExplanationLocale } from "../../../shared/domain/explain";
import type { AppointmentId, AssociateId } from "../../../shared/domain/vocabulary";
import type { FieldMapping } from "../config";
import { CrmError, type CrmAppointment, type CrmFullPort } from "../crm/port";
import type { Db } from "../store/db";
import { withJobLock } from "../store/job-lock";
import { jobRunsRepository, type JobRun } from "../store/job-runs";
import { tierResultsRepository, type TierResultInput } from "../store/tier-results";
import { planClassification, moveNeedsTask, type ClassificationDetails, type ClassifiedCompany, type ClassifyCrm, type PlannedMove } from "./classify";

/**
 * Applying a classification: for every move, write the category, create the owner's checklist task
 * and record the tier history. The moves and each one's progress are kept in the job run before the
 * first CRM write, so a run killed half-way is finished by the next start (no move lost, none doubled):
 * the categories are written together in one bulk call (setting a category again is harmless), and a
 * task whose creation may have happened is looked up by the marker in its text before it is created again.
 */

export const CLASSIFY_JOB = "classify";

interface MoveState extends PlannedMove {
  /** A CRM write for this move may have started. */
  started: boolean;
  taskId: AppointmentId | null;
  done: boolean;
}

interface Progress {
  asOf: LocalDate;
  moves: MoveState[];
  report: ClassificationReport;
}

export type ApplyCrm = ClassifyCrm & Pick<CrmFullPort, "setCompanyCategories" | "updateCompany" | "createAppointment" | "listAppointments">;

export interface ApplyOptions {
  db: Db;
  crm: ApplyCrm;
  fields: FieldMapping;
  tiers: TierSettingsBody;
  asOf: LocalDate;
  locale: ExplanationLocale;
  dryRun: boolean;
  onProgress?: (done: number, total: number) => void;
}

export function taskMarker(runId: number, contactId: number): string {
  return `[kundrytm:tier:${runId}:${contactId}]`;
}

const TASK_TIME = { start: "08:00:00", end: "08:15:00" };

export type ClassifyOutcome = { kind: "ran"; report: ClassificationReport; details: ClassificationDetails; resumedRun: number | null } | { kind: "busy" };

/** Dry run: the plan only. Apply: finish an interrupted run first, then plan afresh and write the moves. */
export async function runClassification(options: ApplyOptions): Promise<ClassifyOutcome> {
  if (options.dryRun) {
    const plan = await planClassification(options);
    return { kind: "ran", report: plan.report, details: plan.details, resumedRun: null };
  }
  const locked = await withJobLock(options.db, CLASSIFY_JOB, async () => {
    const runs = jobRunsRepository(options.db);
    let resumed = 0;
    let resumedRun: number | null = null;
    for (const run of await runs.recent(CLASSIFY_JOB, 20)) {
      if (run.status !== "running" || run.dryRun) continue;
      const again = await runs.begin<Progress>(CLASSIFY_JOB, run.runKey);
      if (again.kind !== "resumed") continue;
      resumedRun = again.run.id;
      resumed += await executeMoves(options, again.run, { fromThisListing: false });
      const moves = again.run.progress.moves;
      await runs.complete(again.run.id, { ...again.run.progress.report, dryRun: false, writes: { ...countWrites(moves), resumed } });
    }
    const plan = await planClassification(options);
    const begun = await runs.begin<Progress>(CLASSIFY_JOB, `${options.asOf}@${new Date().toISOString()}`, {
      initialProgress: { asOf: options.asOf, moves: plan.moves.map((m) => ({ ...m, started: false, taskId: null, done: false })), report: plan.report },
    });
    const run = begun.run;
    await executeMoves(options, run, { fromThisListing: true });
    const report: ClassificationReport = { ...plan.report, dryRun: false, writes: { ...countWrites(run.progress.moves), resumed } };
    // Every company's result commits with the run: a run killed before this point leaves the previous
    // results, and the next start's fresh plan stores its own.
    await options.db.transaction(async (tx) => {
      await tierResultsRepository(tx).saveRun(run.id, options.locale, resultsToStore(plan.classified, options.locale));
      await jobRunsRepository(tx).complete(run.id, report);
    });
    return { report, details: plan.details, resumedRun };
  });
  return locked.acquired ? { kind: "ran", ...locked.result } : { kind: "busy" };
}

/** The sentence is the one a move's task carries: same result, name, previous status and language. */
function resultsToStore(classified: readonly ClassifiedCompany[], locale: ExplanationLocale): TierResultInput[] {
  return classified.map((c) => ({
    contactId: c.contactId,
    status: c.status,
    previous: c.from,
    explanation: renderTierExplanation({ result: c.result, customerName: c.name, locale, from: c.from }),
    details: c.result.explanation,
  }));
}

function countWrites(moves: readonly MoveState[]): { categories: number; tasks: number } {
  return { categories: moves.filter((m) => m.done).length, tasks: moves.filter((m) => m.taskId !== null).length };
}

/**
 * Writes every move of the run that is not done; returns how many it finished. Moves planned from this
 * run's own company listing go in one bulk write. A resumed run's moves may be days old and the company
 * deleted since: the bulk write would create an empty row for it, so each is written on its own, and a
 * company that is gone is passed over (no task, no history).
 */
async function executeMoves(options: ApplyOptions, run: JobRun<Progress>, source: { fromThisListing: boolean }): Promise<number> {
  const { db, crm } = options;
  const runs = jobRunsRepository(db);
  const progress = run.progress;
  const total = progress.moves.length;
  // Tasks that may exist from an interrupted attempt, found once per owner by their marker.
  const existing = new Map<AssociateId, CrmAppointment[]>();
  const findTask = async (move: MoveState): Promise<AppointmentId | null> => {
    if (move.ownerId === null) return null;
    let list = existing.get(move.ownerId);
    if (!list) {
      list = await crm.listAppointments({ from: progress.asOf, to: progress.asOf, associateId: move.ownerId });
      existing.set(move.ownerId, list);
    }
    const marker = taskMarker(run.id, move.contactId);
    return list.find((a) => a.contactId === move.contactId && a.text.includes(marker))?.id ?? null;
  };

  let finished = 0;
  let done = progress.moves.filter((m) => m.done).length;
  const pending = progress.moves.filter((m) => !m.done);
  if (pending.length === 0) return 0;
  // Moves an earlier attempt began may have a task already; the others certainly do not.
  const begunBefore = new Set(pending.filter((m) => m.started).map((m) => m.contactId));
  for (const move of pending) move.started = true;
  await runs.checkpoint(run.id, progress);
  const gone = new Set<number>();
  if (source.fromThisListing) {
    // An emptied category is no list item: those few go one by one, the rest in the bulk write.
    const withItem = pending.filter((m) => m.categoryId !== 0);
    if (withItem.length > 0) await crm.setCompanyCategories(withItem.map((m) => ({ contactId: m.contactId, categoryId: m.categoryId })));
    for (const move of pending) if (move.categoryId === 0) await crm.updateCompany(move.contactId, { categoryId: null });
  } else {
    for (const move of pending) {
      try {
        await crm.updateCompany(move.contactId, { categoryId: move.categoryId === 0 ? null : move.categoryId });
      } catch (error) {
        if (!(error instanceof CrmError && error.code === "CRM_NOT_FOUND")) throw error;
        gone.add(move.contactId);
      }
    }
  }
  for (const move of pending) {
    if (gone.has(move.contactId)) {
      move.done = true;
      await runs.checkpoint(run.id, progress);
      continue;
    }
    if (begunBefore.has(move.contactId) && move.taskId === null && moveNeedsTask(move.kind)) {
      move.taskId = await findTask(move);
    }
    if (move.taskId === null && move.ownerId !== null && moveNeedsTask(move.kind)) {
      const task = await crm.createAppointment({
        contactId: move.contactId,
        associateId: move.ownerId,
        startDate: `${progress.asOf}T${TASK_TIME.start}`,
        endDate: `${progress.asOf}T${TASK_TIME.end}`,
        description: `${move.sentence}\n${taskMarker(run.id, move.contactId)}`,
        completed: false,
        checklist: true,
      });
      move.taskId = task.id;
    }
    move.done = true;
    // The history row and the checkpoint commit together: a resumed run never records a move twice.
    await db.transaction(async (tx) => {
      await tx.query(
        "insert into tier_history (contact_id, from_status, to_status, explanation, run_id, details) values ($1, $2, $3, $4, $5, $6::jsonb)",
        [move.contactId, move.from, move.to, move.sentence, run.id, JSON.stringify({ kind: move.kind, ...move.details, taskId: move.taskId })],
      );
      await jobRunsRepository(tx).checkpoint(run.id, progress);
    });
    finished++;
    done++;
    options.onProgress?.(done, total);
  }
  return finished;
}
