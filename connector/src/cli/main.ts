import fs from "node:fs";
import path from "node:path";
import { Command, InvalidArgumentError, Option } from "commander";
import { parseIsoWeek } from "../../../shared/domain/iso-week";
import { isLocalDate } from "../../../shared/domain/dates";
import { ColumnMappingSchema, type ColumnMappingInput } from "../erp";
import { DEFAULT_MAPPING } from "../jobs/import-orders";
import { JobBusyError } from "../jobs/services";
import { VERSION } from "../version";
import { runDoctor } from "./doctor";
import { printClassification, printImport, printWeeklyLists } from "./print";
import { progressBar } from "./progress";
import { describeStartFailure, openRuntime, type Runtime } from "./runtime";

/** `kundrytm …`: the connector's jobs from the command line, with the connector's configuration. */

export { DEFAULT_MAPPING };

const out = (line: string) => process.stdout.write(`${line}\n`);

function readMapping(file: string | undefined): ColumnMappingInput {
  if (!file) return DEFAULT_MAPPING;
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new InvalidArgumentError(`cannot read the mapping ${file}: ${(error as Error).message}`);
  }
  const parsed = ColumnMappingSchema.safeParse(json);
  if (!parsed.success) throw new InvalidArgumentError(`the mapping ${file} is not valid: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return json as ColumnMappingInput;
}

function isoDate(value: string): string {
  if (!isLocalDate(value)) throw new InvalidArgumentError("expected a date YYYY-MM-DD");
  return value;
}

async function withRuntime(fn: (rt: Runtime) => Promise<number>): Promise<void> {
  let rt: Runtime;
  try {
    rt = await openRuntime();
  } catch (error) {
    process.stderr.write(`kundrytm: ${describeStartFailure(error)}\n`);
    process.exitCode = 2;
    return;
  }
  try {
    process.exitCode = await fn(rt);
  } catch (error) {
    process.stderr.write(`kundrytm: ${error instanceof Error ? error.message : String(error)}\n`);
    // Over the local socket the connector's error arrives with its name.
    process.exitCode = error instanceof JobBusyError || (error as Error).name === "JobBusyError" ? 3 : 1;
  } finally {
    await rt.close();
  }
}

export function buildCli(): Command {
  const program = new Command("kundrytm").description("Kundrytm connector jobs: order import, classification, Monday lists, checks.").version(VERSION);

  program
    .command("import-orders")
    .description("Import an ERP order export (CSV or XLSX); re-importing adds only what is new.")
    .argument("<file>", "the export file")
    .addOption(new Option("--format <format>", "file format (default: by extension)").choices(["csv", "xlsx"]))
    .option("--mapping <file.json>", "column mapping (default: order_number, line, org_number, order_date, amount, currency, product_line, country)")
    .addOption(new Option("--on-error <mode>", "stop: refuse the file at the first bad row; skip: import the good rows").choices(["stop", "skip"]).default("stop"))
    .addOption(new Option("--decimal <mark>", "decimal mark of amounts").choices(["auto", ",", "."]).default("auto"))
    .option("--sheet <name>", "XLSX worksheet (default: the first)")
    .option("--update-changed", "overwrite imported lines whose amount, date, currency or customer changed (default: only report them)")
    .option("--json", "print the report as JSON")
    .action(async (file: string, opts: { format?: "csv" | "xlsx"; mapping?: string; onError: "stop" | "skip"; decimal: "auto" | "," | "."; sheet?: string; updateChanged?: boolean; json?: boolean }) => {
      const mapping = readMapping(opts.mapping);
      await withRuntime(async (rt) => {
        const bar = progressBar("Importing");
        const report = await rt.jobs.importFile({
          file: path.resolve(file),
          mapping,
          onError: opts.onError,
          decimal: opts.decimal,
          updateChanged: opts.updateChanged ?? false,
          ...(opts.format ? { format: opts.format } : {}),
          ...(opts.sheet ? { sheet: opts.sheet } : {}),
          progress: (phase, done, total) => {
            if (phase === "write" && total !== null) bar.update(done, total);
          },
        });
        bar.stop();
        if (opts.json) out(JSON.stringify(report));
        else printImport(report, out);
        return report.written ? 0 : 1;
      });
    });

  program
    .command("import-sales")
    .description("Import SuperOffice sales with status Sold as order history.")
    .requiredOption("--from <date>", "first sale date (YYYY-MM-DD)", isoDate)
    .option("--to <date>", "last sale date (default: today)", isoDate)
    .addOption(new Option("--on-error <mode>", "stop or skip unreadable sales").choices(["stop", "skip"]).default("skip"))
    .option("--json", "print the report as JSON")
    .action(async (opts: { from: string; to?: string; onError: "stop" | "skip"; json?: boolean }) => {
      await withRuntime(async (rt) => {
        const report = await rt.jobs.importSales({ from: opts.from, ...(opts.to ? { to: opts.to } : {}), onError: opts.onError });
        if (opts.json) out(JSON.stringify(report));
        else printImport(report, out);
        return report.written ? 0 : 1;
      });
    });

  program
    .command("classify")
    .description("Compute tiers from the stored order history and write the moves to the CRM.")
    .option("--dry-run", "show the moves and the distribution before/after; write nothing")
    .option("--as-of <date>", "last day of the revenue window (default: today)", isoDate)
    .option("--json", "print the report as JSON")
    .action(async (opts: { dryRun?: boolean; asOf?: string; json?: boolean }) => {
      await withRuntime(async (rt) => {
        const bar = progressBar("Writing moves");
        const outcome = await rt.jobs.classify({ dryRun: opts.dryRun ?? false, ...(opts.asOf ? { asOf: opts.asOf } : {}), onProgress: (d, t) => bar.update(d, t) });
        bar.stop();
        if (outcome.kind === "busy") {
          process.stderr.write("kundrytm: another classification is running right now; try again when it has finished.\n");
          return 3;
        }
        if (opts.json) out(JSON.stringify(outcome.report));
        else printClassification(outcome.report, out);
        return 0;
      });
    });

  program
    .command("weekly-lists")
    .description("Create or update each rep's follow-up selection for an ISO week.")
    .option("--week <week>", "ISO week like 2026-W48 (default: the current week)", (v: string) => {
      try {
        return parseIsoWeek(v);
      } catch (error) {
        throw new InvalidArgumentError((error as Error).message);
      }
    })
    .option("--dry-run", "show the lists; write nothing")
    .option("--json", "print the report as JSON")
    .action(async (opts: { week?: ReturnType<typeof parseIsoWeek>; dryRun?: boolean; json?: boolean }) => {
      await withRuntime(async (rt) => {
        const bar = progressBar("Reps");
        const report = await rt.jobs.weeklyLists({ dryRun: opts.dryRun ?? false, ...(opts.week ? { week: opts.week } : {}), onRep: (d, t) => bar.update(d, t) });
        bar.stop();
        if (opts.json) out(JSON.stringify(report));
        else printWeeklyLists(report, out);
        return 0;
      });
    });

  program
    .command("doctor")
    .description("Check the configuration, the store and the CRM connection; exit code 1 if anything is wrong.")
    .action(async () => {
      const findings = await runDoctor(process.env);
      for (const f of findings) out(`${f.level === "ok" ? "✔" : f.level === "warn" ? "!" : "✘"} ${f.text}`);
      const problems = findings.filter((f) => f.level === "problem").length;
      out(problems === 0 ? "Everything needed is in place." : `${problems} problem${problems === 1 ? "" : "s"} to fix.`);
      process.exitCode = problems === 0 ? 0 : 1;
    });

  return program;
}

/** Runs the command line `argv` (as in process.argv); bin/kundrytm.js calls it. */
export function main(argv: readonly string[]): Promise<void> {
  return buildCli()
    .parseAsync(argv as string[])
    .then(
      () => undefined,
      (error: unknown) => {
        process.stderr.write(`kundrytm: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = 1;
      },
    );
}
