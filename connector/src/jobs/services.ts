import type { ClassificationReport, ImportReport, WeeklyListsReport } from "../../../shared/api/jobs";
import type { ScheduleBody } from "../../../shared/api/settings";
import type { LocalDate } from "../../../shared/domain/dates";
import { formatIsoWeek, isoWeekStart, parseIsoWeek, type IsoWeek } from "../../../shared/domain/iso-week";
import type { FieldMapping } from "../config";
import type { CrmFullPort } from "../crm/port";
import { settingsService } from "../features/settings/service";
import type { Db } from "../store/db";
import { withJobLock } from "../store/job-lock";
import { jobRunsRepository } from "../store/job-runs";
import { runClassification, type ClassifyOutcome } from "./apply-classification";
import { importOrderFile, importSoldSales, type ImportFileOptions } from "./import-orders";
import { dueDay, dueWeek, zonedParts, type ScheduledJob } from "./scheduler";
import { runWeeklyLists } from "./weekly-lists";

export const WEEKLY_LISTS_JOB = "weekly-lists";
export const NIGHTLY_CLASSIFY_JOB = "classify-nightly";

/** Another run of the same job holds its lock (here or in another instance). */
export class JobBusyError extends Error {
  override readonly name = "JobBusyError";
}

export type JobRunOutcome = "completed" | "failed" | "busy";

export interface JobServicesDeps {
  db: Db;
  crm: CrmFullPort;
  /** The field mapping from the configuration; the admin's saved mapping overrides it. */
  configFields: FieldMapping;
  /** The schedule from the configuration; the admin's saved schedule overrides it. */
  configSchedule?: ScheduleBody;
  /** Told of every run that writes (not dry runs): for metrics. */
  onJobRun?: (job: string, outcome: JobRunOutcome, seconds: number) => void;
  now?: () => Date;
}

/** The connector's jobs over one store and one CRM, reading the admin's settings at every run. */
export function jobServices(deps: JobServicesDeps) {
  const { db, crm } = deps;
  const now = deps.now ?? (() => new Date());
  const settings = settingsService(db, deps.configFields, deps.configSchedule);
  const runs = jobRunsRepository(db);

  /** Runs a writing job and tells onJobRun how it ended; null: nothing ran (the unit was done before). */
  async function timed<T>(job: string, run: () => Promise<T>, outcomeOf: (result: T) => JobRunOutcome | null = () => "completed"): Promise<T> {
    const started = performance.now();
    const report = (outcome: JobRunOutcome | null) => {
      if (outcome) deps.onJobRun?.(job, outcome, (performance.now() - started) / 1000);
    };
    try {
      const result = await run();
      report(outcomeOf(result));
      return result;
    } catch (error) {
      report(error instanceof JobBusyError ? "busy" : "failed");
      throw error;
    }
  }

  async function today(): Promise<LocalDate> {
    const s = await settings.readAll();
    return zonedParts(now(), s.schedule.classification.timeZone).date;
  }

  async function classify(options: { dryRun: boolean; asOf?: LocalDate; onProgress?: (done: number, total: number) => void }): Promise<ClassifyOutcome> {
    const s = await settings.readAll();
    return runClassification({
      db,
      crm,
      fields: await settings.fields(),
      tiers: s.tiers,
      asOf: options.asOf ?? zonedParts(now(), s.schedule.classification.timeZone).date,
      locale: s.schedule.classification.language,
      dryRun: options.dryRun,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
  }

  async function buildLists(options: { week?: IsoWeek; dryRun: boolean; onRep?: (done: number, total: number) => void }): Promise<WeeklyListsReport> {
    const s = await settings.readAll();
    const week = options.week ?? dueWeek(now(), s.schedule.weeklyLists.time, s.schedule.weeklyLists.timeZone);
    return runWeeklyLists({
      crm,
      fields: await settings.fields(),
      policy: s.policy,
      week,
      schedule: s.schedule.weeklyLists,
      dryRun: options.dryRun,
      ...(options.onRep ? { onRep: options.onRep } : {}),
    });
  }

  /**
   * The Monday lists on demand (CLI, admin). Writing runs hold the job lock, so two runs never create
   * the same selection twice; throws JobBusyError while another instance is writing them.
   */
  async function weeklyLists(options: { week?: IsoWeek; dryRun: boolean; onRep?: (done: number, total: number) => void }): Promise<WeeklyListsReport> {
    if (options.dryRun) return buildLists(options);
    const locked = await withJobLock(db, WEEKLY_LISTS_JOB, () => buildLists(options));
    if (!locked.acquired) throw new JobBusyError("The Monday lists are being written right now; try again when that run has finished.");
    return locked.result;
  }

  /**
   * The scheduled Monday run for one week: under the job lock, and only if no instance completed it
   * before. Returns null when another instance holds the lock or the week is done.
   */
  async function scheduledWeeklyLists(weekKey: string): Promise<WeeklyListsReport | null> {
    const locked = await withJobLock(db, WEEKLY_LISTS_JOB, async () => {
      const begun = await runs.begin(WEEKLY_LISTS_JOB, weekKey);
      if (begun.kind === "done") return null;
      try {
        const report = await buildLists({ week: parseIsoWeek(weekKey), dryRun: false });
        await runs.complete(begun.run.id, report);
        return report;
      } catch (error) {
        await runs.fail(begun.run.id, (error as Error).message);
        throw error;
      }
    });
    return locked.acquired ? locked.result : null;
  }

  /** The nightly classification for one day, once across instances. */
  async function scheduledClassification(day: LocalDate): Promise<ClassificationReport | null> {
    const locked = await withJobLock(db, NIGHTLY_CLASSIFY_JOB, async () => {
      const begun = await runs.begin(NIGHTLY_CLASSIFY_JOB, day);
      if (begun.kind === "done") return null;
      try {
        const outcome = await classify({ dryRun: false, asOf: day });
        const report = outcome.kind === "ran" ? outcome.report : null;
        await runs.complete(begun.run.id, report);
        return report;
      } catch (error) {
        await runs.fail(begun.run.id, (error as Error).message);
        throw error;
      }
    });
    return locked.acquired ? locked.result : null;
  }

  const timedScheduledWeeklyLists = (weekKey: string) => timed(WEEKLY_LISTS_JOB, () => scheduledWeeklyLists(weekKey), (report) => (report ? "completed" : null));
  const timedScheduledClassification = (day: LocalDate) => timed(NIGHTLY_CLASSIFY_JOB, () => scheduledClassification(day), (report) => (report ? "completed" : null));

  const scheduledJobs: ScheduledJob[] = [
    {
      name: WEEKLY_LISTS_JOB,
      async due(at) {
        const w = (await settings.readAll()).schedule.weeklyLists;
        if (!w.enabled) return null;
        const week = dueWeek(at, w.time, w.timeZone);
        // Catching up later in the week is for a connector that was down on Monday morning. One that never
        // wrote a list starts on a Monday; until then "Run now" on the admin page writes this week's.
        if (zonedParts(at, w.timeZone).date !== isoWeekStart(week) && !(await runs.everCompleted(WEEKLY_LISTS_JOB))) return null;
        return formatIsoWeek(week);
      },
      run: async (key) => (await timedScheduledWeeklyLists(key)) !== null,
    },
    {
      name: NIGHTLY_CLASSIFY_JOB,
      async due(at) {
        const c = (await settings.readAll()).schedule.classification;
        return c.enabled ? dueDay(at, c.time, c.timeZone) : null;
      },
      run: async (key) => (await timedScheduledClassification(key)) !== null,
    },
  ];

  return {
    settings,
    today,
    importFile: (options: ImportFileOptions): Promise<ImportReport> => importOrderFile({ db, crm }, options),
    importSales: async (options: { from: LocalDate; to?: LocalDate; onError: "stop" | "skip" }): Promise<ImportReport> => {
      const s = await settings.readAll();
      return importSoldSales({ db, crm }, { from: options.from, to: options.to ?? (await today()), currency: s.tiers.baseCurrency, onError: options.onError });
    },
    classify: (options: Parameters<typeof classify>[0]) =>
      options.dryRun ? classify(options) : timed("classify", () => classify(options), (outcome) => (outcome.kind === "busy" ? "busy" : "completed")),
    weeklyLists: (options: Parameters<typeof weeklyLists>[0]) => (options.dryRun ? weeklyLists(options) : timed(WEEKLY_LISTS_JOB, () => weeklyLists(options))),
    scheduledWeeklyLists: timedScheduledWeeklyLists,
    scheduledClassification: timedScheduledClassification,
    scheduledJobs,
  };
}
export type JobServices = ReturnType<typeof jobServices>;
