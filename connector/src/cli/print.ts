import type { ClassificationReport, ImportReport, WeeklyListsReport } from "../../../shared/api/jobs";
import type { ClassificationDetails } from "../jobs/classify";
import { TIER_STATUSES } from "../../../shared/domain/vocabulary";

/** Plain-text summaries of the jobs' reports, for people reading a terminal. */

export function printImport(report: ImportReport, out: (line: string) => void): void {
  if (report.fileError) {
    out(`Import refused: ${report.fileError}`);
    return;
  }
  out(`${report.source}: ${report.rows} rows read, ${report.good} good, ${report.bad.length} bad.`);
  for (const warning of report.warnings) out(`Warning: ${warning}`);
  for (const bad of report.bad.slice(0, 50)) out(`  line ${bad.line}: ${bad.reason}`);
  if (report.bad.length > 50) out(`  … and ${report.bad.length - 50} more bad rows`);
  if (!report.written) {
    out("Nothing was imported (stop on first error). Fix the file or run with --on-error skip to import the good rows.");
    return;
  }
  out(`Imported ${report.inserted} new order lines; ${report.alreadyImported} were already imported.`);
  if (report.changed > 0) {
    const listed = report.changes.slice(0, 50);
    out(
      report.updated > 0
        ? `${report.changed} already imported lines had changed; ${report.updated} were updated:`
        : `${report.changed} already imported lines have changed in this file and were left as they were; run again with --update-changed to apply:`,
    );
    for (const c of listed) out(`  line ${c.line}: order ${c.orderNumber ?? "?"}${c.orderLine ? ` line ${c.orderLine}` : ""}: ${c.fields.join(", ")} changed`);
    if (report.changed > listed.length) out(`  … and ${report.changed - listed.length} more changed lines`);
  }
}

export function printClassification(report: ClassificationReport, out: (line: string) => void): void {
  out(`${report.dryRun ? "Dry run" : "Classification"} as of ${report.asOf} (${report.window.months} months from ${report.window.from}), ${report.customers} companies.`);
  const cols = [...TIER_STATUSES, "none"] as const;
  out(`            ${cols.map((c) => c.padStart(7)).join("")}`);
  out(`  before    ${cols.map((c) => String(report.before[c] ?? 0).padStart(7)).join("")}`);
  out(`  after     ${cols.map((c) => String(report.after[c] ?? 0).padStart(7)).join("")}`);
  out(`${report.moves.length} moves:`);
  for (const m of report.moves.slice(0, 100)) out(`  ${m.sentence}`);
  if (report.moves.length > 100) out(`  … and ${report.moves.length - 100} more`);
  for (const p of report.problems) out(`Note: ${p}`);
  if (!report.dryRun) {
    out(`Written: ${report.writes.categories} categories, ${report.writes.tasks} tasks${report.writes.resumed > 0 ? `; ${report.writes.resumed} moves of an interrupted run finished` : ""}.`);
  }
}

export function printWeeklyLists(report: WeeklyListsReport, out: (line: string) => void): void {
  out(`${report.dryRun ? "Dry run: " : ""}follow-up lists for ${report.week}, ${report.reps.length} reps.`);
  for (const r of report.reps) {
    const change = report.dryRun ? "" : ` (+${r.added} −${r.removed}${r.tasksCreated > 0 ? `, ${r.tasksCreated} tasks` : ""})`;
    out(`  ${r.selectionName}: ${r.customers} customers${change}`);
    for (const e of r.entries ?? []) {
      const why = e.reason === "overdue" ? `overdue ${e.daysOverdue} day${e.daysOverdue === 1 ? "" : "s"} (due ${e.dueDate})` : e.reason === "never-contacted" ? "never contacted" : `due ${e.dueDate}`;
      out(`    ${e.tier}  ${e.name.padEnd(40)} ${why}`);
    }
  }
  for (const s of report.skipped) out(`  Skipped ${s.name} (company ${s.companyId}): ${s.reason}.`);
}

const amount = (n: number) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, " ");
const statusText = (s: string | null) => s ?? "–";

/** The thresholds of each segment and every managed company's tier, revenue and previous tier, as a table. */
export function printClassificationTable(details: ClassificationDetails, out: (line: string) => void): void {
  for (const g of details.segments) {
    const t = g.thresholds;
    const where = g.segment === null ? "Thresholds" : `Thresholds in ${g.segment}`;
    out(t ? `${where} (${details.currency}, ${g.customersRanked} customers with revenue): A from ${amount(t.A)}, B from ${amount(t.B)}, C from ${amount(t.C)}, D below.` : `${where}: none (no customer with revenue).`);
  }
  out(`${"id".padStart(7)}  ${"company".padEnd(40)} ${"tier".padEnd(7)} ${"was".padEnd(7)} ${`revenue ${details.currency}`.padStart(16)}  move`);
  for (const c of details.companies) {
    out(`${String(c.contactId).padStart(7)}  ${c.name.slice(0, 40).padEnd(40)} ${statusText(c.tier).padEnd(7)} ${statusText(c.previous).padEnd(7)} ${amount(c.revenue).padStart(16)}  ${c.move ?? ""}`);
  }
}

const csvField = (v: string | number | null) => {
  const text = v === null ? "" : String(v);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** Every managed company's result as CSV (one header line), for a spreadsheet. */
export function printClassificationCsv(details: ClassificationDetails, out: (line: string) => void): void {
  out("contact_id,name,tier,previous_tier,revenue,currency,move");
  for (const c of details.companies) out([c.contactId, c.name, c.tier, c.previous, Math.round(c.revenue * 100) / 100, details.currency, c.move].map(csvField).join(","));
}
