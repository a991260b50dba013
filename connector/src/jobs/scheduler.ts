import { addIsoWeeks, isoWeekOf, isoWeekStart, type IsoWeek } from "../../../shared/domain/iso-week";
import type { LocalDate } from "../../../shared/domain/dates";

/**
 * The connector's own clock for its jobs (no external cron). Each tick asks which runs are due; the
 * job itself is guarded by the job lock and the job-run record, so several instances ticking at once
 * still run each unit of work once.
 */

/** Local calendar date and minutes past midnight of an instant in a time zone. */
export function zonedParts(instant: Date, timeZone: string): { date: LocalDate; minutes: number } {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "00";
  return { date: `${get("year")}-${get("month")}-${get("day")}`, minutes: Number(get("hour")) * 60 + Number(get("minute")) };
}

function minutesOf(time: string): number {
  const [h = "0", m = "0"] = time.split(":");
  return Number(h) * 60 + Number(m);
}

/**
 * The ISO week whose Monday list is due at `instant`: the current week once its Monday has reached
 * `time` in `timeZone` (a connector that was down on Monday morning catches up later in the week);
 * before that, the previous week's list is still the one that counts.
 */
export function dueWeek(instant: Date, time: string, timeZone: string): IsoWeek {
  const { date, minutes } = zonedParts(instant, timeZone);
  const week = isoWeekOf(date);
  const isMonday = isoWeekStart(week) === date;
  return isMonday && minutes < minutesOf(time) ? addIsoWeeks(week, -1) : week;
}

/** The local date a nightly run is due for: today once `time` has passed, else yesterday's run still counts. */
export function dueDay(instant: Date, time: string, timeZone: string): LocalDate | null {
  const { date, minutes } = zonedParts(instant, timeZone);
  return minutes >= minutesOf(time) ? date : null;
}

/**
 * The scheduler's gate for a CRM with a tenant status service: a job waits while the tenant is not
 * running (maintenance, suspended); an unreachable status service does not hold jobs back.
 */
export function crmTenantReady(crm: { tenantState?(): Promise<{ running: boolean } | null> }): () => Promise<boolean> {
  return async () => {
    const state = await crm.tenantState?.().catch(() => null);
    return state === null || state === undefined || state.running;
  };
}

export interface ScheduledJob {
  name: string;
  /** The unit of work due now (e.g. "2026-W48"), or null when nothing is due. */
  due(now: Date): Promise<string | null>;
  /** Runs the unit of work unless it is done or another instance holds it; true when it ran here. */
  run(runKey: string): Promise<boolean>;
}

export interface Scheduler {
  /** Runs one tick now (also used by tests); resolves when the jobs it started have finished. */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

export function startScheduler(options: {
  jobs: readonly ScheduledJob[];
  intervalMs?: number;
  now?: () => Date;
  onError?: (job: string, error: unknown) => void;
  /** Told when a job ran a unit of work in this process. */
  onRun?: (job: string, runKey: string) => void;
  /**
   * Asked before a due job runs (the CRM tenant's state); false skips it, and it stays due, so a later
   * tick runs it once the tenant is back.
   */
  ready?: () => Promise<boolean>;
  /** Told when a due job was skipped because `ready` said no. */
  onSkip?: (job: string, runKey: string) => void;
}): Scheduler {
  const now = options.now ?? (() => new Date());
  let running: Promise<void> = Promise.resolve();
  let busy = false;
  let stopped = false;
  const tick = (): Promise<void> => {
    if (busy || stopped) return running;
    busy = true;
    running = (async () => {
      for (const job of options.jobs) {
        try {
          const key = await job.due(now());
          if (key !== null && !stopped) {
            if (options.ready && !(await options.ready())) {
              options.onSkip?.(job.name, key);
              continue;
            }
            if (await job.run(key)) options.onRun?.(job.name, key);
          }
        } catch (error) {
          options.onError?.(job.name, error);
        }
      }
    })().finally(() => {
      busy = false;
    });
    return running;
  };
  const timer = setInterval(() => void tick(), options.intervalMs ?? 30_000);
  timer.unref();
  void tick();
  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running.catch(() => undefined);
    },
  };
}
