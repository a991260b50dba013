import type { ClassificationReport, ImportReport, WeeklyListsReport } from "../../../shared/api/jobs";
import { TIER_STATUSES } from "../../../shared/domain/vocabulary";

/** Plain-text summaries of the jobs' reports, for people reading a terminal. */

export function printImport(report: ImportReport, out: (line: string) => void): void {
  if (report.fileError) {
    out(`Import refused: ${report.fileError}`);
    return;
  }
  out(`${report.source}: ${report.rows} rows read, ${report.good} good, ${report.bad.length} bad.`);
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
  }
  for (const s of report.skipped) out(`  Skipped ${s.name} (company ${s.companyId}): ${s.reason}.`);
}
