import type { WeeklyListsReport } from "../../../shared/api/jobs";
import type { ScheduleBody } from "../../../shared/api/settings";
import type { ExplanationLocale } from "../../../shared/domain/explain";
import type { LocalDate } from "../../../shared/domain/dates";
import { formatIsoWeek, isoWeekEnd, isoWeekStart, type IsoWeek } from "../../../shared/domain/iso-week";
import type { FrequencyPolicy } from "../../../shared/domain/policy";
import { weeklyFollowUpList, type WeeklyFollowUpList } from "../../../shared/domain/weekly-list";
import { assertNever, type AssociateId, type ContactId } from "../../../shared/domain/vocabulary";
import type { FieldMapping } from "../config";
import type { CrmAppointment, CrmAssociate, CrmFullPort } from "../crm/port";
import type { PortfolioCustomer } from "../../../shared/domain/portfolio";
import { readPortfolio, type Portfolio } from "./portfolio";

/**
 * The Monday lists: for every rep who owns tiered customers, a static selection in the CRM holding the
 * week's due, overdue and never-contacted customers (the domain's weekly list), optionally with one
 * checklist task per customer. Idempotent by construction: the selection is found by name and its
 * members are made to match; a task is created only when the rep's tasks of the week carry no marker
 * for that customer. A second run for the same week therefore only adds and removes what changed.
 */

export function selectionName(week: IsoWeek, initials: string, language: ExplanationLocale): string {
  switch (language) {
    case "sv":
      return `Uppföljning v${week.week} — ${initials}`;
    case "nb":
      return `Oppfølging uke ${week.week} — ${initials}`;
    case "en":
      return `Follow-ups week ${week.week} — ${initials}`;
    default:
      return assertNever(language, "language");
  }
}

function description(week: IsoWeek, language: ExplanationLocale): string {
  const w = formatIsoWeek(week);
  switch (language) {
    case "sv":
      return `Kundrytm: kunder att kontakta ${w} (förfallna, försenade och aldrig kontaktade).`;
    case "nb":
      return `Kundrytm: kunder å kontakte ${w} (forfalte, forsinkede og aldri kontaktet).`;
    case "en":
      return `Kundrytm: customers to contact in ${w} (due, overdue and never contacted).`;
    default:
      return assertNever(language, "language");
  }
}

export function weeklyTaskMarker(week: IsoWeek, contactId: number): string {
  return `[kundrytm:week:${formatIsoWeek(week)}:${contactId}]`;
}

const TASK_TEXT: Record<ExplanationLocale, Record<"due" | "overdue" | "never-contacted", (name: string, days: number) => string>> = {
  sv: { due: (n) => `Kontakta ${n} denna vecka`, overdue: (n, d) => `Kontakta ${n} (${d} dagar försenad)`, "never-contacted": (n) => `Kontakta ${n} (aldrig kontaktad)` },
  nb: { due: (n) => `Kontakt ${n} denne uken`, overdue: (n, d) => `Kontakt ${n} (${d} dager forsinket)`, "never-contacted": (n) => `Kontakt ${n} (aldri kontaktet)` },
  en: { due: (n) => `Contact ${n} this week`, overdue: (n, d) => `Contact ${n} (${d} days overdue)`, "never-contacted": (n) => `Contact ${n} (never contacted)` },
};

export type WeeklyCrm = Pick<
  CrmFullPort,
  "listCompanies" | "listCategories" | "listCustomFieldItems" | "listAssociates" | "findSelectionByName" | "createStaticSelection" | "setSelectionMembers" | "listAppointments" | "createAppointment"
>;

export interface WeeklyListsOptions {
  crm: WeeklyCrm;
  fields: FieldMapping;
  policy: FrequencyPolicy;
  week: IsoWeek;
  schedule: ScheduleBody["weeklyLists"];
  dryRun: boolean;
  onRep?: (done: number, total: number) => void;
}

/** Reps who own tiered customers: each gets a list (an empty one empties last run's selection). */
export function repsWithCustomers(portfolio: Portfolio, associates: readonly CrmAssociate[]): CrmAssociate[] {
  const owners = new Set(portfolio.customers.filter((c) => c.owner !== null && c.tier !== null && c.tier !== "former").map((c) => c.owner as AssociateId));
  return associates.filter((a) => owners.has(a.id));
}

/**
 * The follow-up tasks this job created count as the list itself, not as contacts planned elsewhere:
 * a customer whose only open plan is its own marker task stays on the week's list.
 */
export function ignoringOwnTasks(customers: readonly PortfolioCustomer[], weekTasks: readonly CrmAppointment[], week: IsoWeek): PortfolioCustomer[] {
  const marked = new Set(weekTasks.filter((a) => !a.completed && a.contactId !== null && a.text.includes(weeklyTaskMarker(week, a.contactId))).map((a) => a.contactId as number));
  if (marked.size === 0) return [...customers];
  return customers.map((c) => (marked.has(c.id) ? { ...c, nextPlanned: null } : c));
}

/** One rep's list for the week; with follow-up tasks on, also the rep's appointments of the week (read once). */
export async function repWeeklyList(
  crm: Pick<CrmFullPort, "listAppointments">,
  input: { rep: AssociateId; customers: readonly PortfolioCustomer[]; policy: FrequencyPolicy; week: IsoWeek; schedule: ScheduleBody["weeklyLists"]; today?: LocalDate },
): Promise<{ list: WeeklyFollowUpList; weekTasks: CrmAppointment[] }> {
  const { week, schedule } = input;
  const weekTasks = schedule.createTasks ? await crm.listAppointments({ from: isoWeekStart(week), to: isoWeekEnd(week), associateId: input.rep }) : [];
  const customers = ignoringOwnTasks(input.customers, weekTasks, week);
  return { list: weeklyFollowUpList({ rep: input.rep, week, customers, policy: input.policy, defaultCountry: schedule.defaultCountry, today: input.today }), weekTasks };
}

export async function runWeeklyLists(options: WeeklyListsOptions): Promise<WeeklyListsReport> {
  const { crm, week, schedule } = options;
  const [portfolio, associates] = await Promise.all([readPortfolio(crm, options.fields, { activityDates: true }), crm.listAssociates()]);
  const reps = repsWithCustomers(portfolio, associates);
  const report: WeeklyListsReport = { dryRun: options.dryRun, week: formatIsoWeek(week), reps: [], skipped: portfolio.skipped };
  let done = 0;
  for (const rep of reps) {
    const { list, weekTasks } = await repWeeklyList(crm, { rep: rep.id, customers: portfolio.customers, policy: options.policy, week, schedule });
    const name = selectionName(week, rep.initials, schedule.language);
    const ids = list.entries.map((e) => e.customer.id);
    const row: WeeklyListsReport["reps"][number] = { rep: rep.id, initials: rep.initials, selectionName: name, selectionId: null, customers: ids.length, added: 0, removed: 0, tasksCreated: 0 };
    if (options.dryRun) {
      row.entries = list.entries.map((e) => ({ contactId: e.customer.id, name: e.customer.name, tier: e.tier, reason: e.reason, dueDate: e.dueDate, daysOverdue: e.daysOverdue }));
    }
    if (!options.dryRun) {
      const selection = (await crm.findSelectionByName(name)) ?? (await crm.createStaticSelection({ name, description: description(week, schedule.language), ownerId: rep.id }));
      row.selectionId = selection.id;
      const change = await crm.setSelectionMembers(selection.id, ids);
      row.added = change.added;
      row.removed = change.removed;
      if (schedule.createTasks) row.tasksCreated = await createTasks(crm, list, weekTasks, schedule.language);
    }
    report.reps.push(row);
    options.onRep?.(++done, reps.length);
  }
  return report;
}

/** One checklist task per customer on the list, on its due day within the week; existing ones (by marker) are kept. */
async function createTasks(crm: WeeklyCrm, list: WeeklyFollowUpList, existing: readonly CrmAppointment[], language: ExplanationLocale): Promise<number> {
  const from = isoWeekStart(list.week);
  const to = isoWeekEnd(list.week);
  let created = 0;
  for (const entry of list.entries) {
    const marker = weeklyTaskMarker(list.week, entry.customer.id);
    if (existing.some((a) => a.contactId === entry.customer.id && a.text.includes(marker))) continue;
    const day = entry.dueDate >= from && entry.dueDate <= to ? entry.dueDate : from;
    await crm.createAppointment({
      contactId: entry.customer.id as ContactId,
      associateId: list.rep,
      startDate: `${day}T09:00:00`,
      endDate: `${day}T09:30:00`,
      description: `${TASK_TEXT[language][entry.reason](entry.customer.name, entry.daysOverdue)}\n${marker}`,
      completed: false,
      checklist: true,
    });
    created++;
  }
  return created;
}
