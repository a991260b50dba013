import fs from "node:fs";
import path from "node:path";
import { Command, InvalidArgumentError, Option } from "commander";
import { parseIsoWeek } from "../../../shared/domain/iso-week";
import { isLocalDate } from "../../../shared/domain/dates";
import { ColumnMappingSchema, type ColumnMappingInput } from "../erp";
import { ENCODING_CHOICES, type EncodingChoice } from "../erp/csv";
import { DEFAULT_MAPPING } from "../jobs/import-orders";
import { JobBusyError } from "../jobs/services";
import { VERSION } from "../version";
import { runDoctor } from "./doctor";
import { SettingsError } from "../features/settings/service";
import { printClassification, printClassificationCsv, printClassificationTable, printImport, printWeeklyLists } from "./print";
import { progressBar } from "./progress";
import { describeStartFailure, openRuntime, withCliEnv, type Runtime } from "./runtime";

/** `kundrytm …`: the connector's jobs from the command line, with the connector's configuration. */

export { DEFAULT_MAPPING };

// Output piped into a reader that stops early (`| head`): the rest is dropped, the command still finishes.
let stdoutClosed = false;
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
  stdoutClosed = true;
});
const out = (line: string) => {
  if (!stdoutClosed) process.stdout.write(`${line}\n`);
};

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

interface SetTierOptions {
  method?: "natural" | "pareto" | "fixed";
  shares?: string;
  thresholds?: string;
  window?: string;
  segmentBy?: string;
  hysteresis?: string;
  baseCurrency?: string;
  rate: string[];
  overwrite?: string;
  untieredCategory?: string;
}

function threeNumbers(text: string, what: string): { A: number; B: number; C: number } {
  const parts = text.split(/[,;]/).map((p) => Number(p.trim().replace(/\s/g, "")));
  if (parts.length !== 3 || parts.some((n) => !Number.isFinite(n))) throw new Error(`${what} takes three numbers for A, B and C, like 50,30,15`);
  return { A: parts[0]!, B: parts[1]!, C: parts[2]! };
}

/** The tier settings with the command line's changes; the settings service validates the result. */
export function changedTiers(current: Record<string, unknown> & { method: { method: string }; rates: Record<string, number> }, opts: SetTierOptions): Record<string, unknown> {
  const next: Record<string, unknown> = { ...current, rates: { ...current.rates } };
  const method = opts.method ?? (opts.shares ? "pareto" : opts.thresholds ? "fixed" : undefined);
  if (method === "natural") next.method = { method: "natural" };
  if (method === "pareto") next.method = { method: "pareto", ...(opts.shares ? { shares: threeNumbers(opts.shares, "--shares") } : current.method.method === "pareto" ? { shares: (current.method as unknown as { shares: unknown }).shares } : {}) };
  if (method === "fixed") {
    if (!opts.thresholds && current.method.method !== "fixed") throw new Error("--method fixed needs --thresholds A,B,C");
    next.method = { method: "fixed", thresholds: opts.thresholds ? threeNumbers(opts.thresholds, "--thresholds") : (current.method as unknown as { thresholds: unknown }).thresholds };
  }
  if (opts.window !== undefined) next.windowMonths = Number(opts.window);
  if (opts.segmentBy !== undefined) next.segmentBy = opts.segmentBy;
  if (opts.hysteresis !== undefined) {
    const percent = Number(opts.hysteresis.replace(",", ".").replace("%", ""));
    if (!Number.isFinite(percent)) throw new Error(`--hysteresis takes a per cent like 10, not "${opts.hysteresis}"`);
    next.hysteresisMargin = percent / 100;
  }
  if (opts.baseCurrency !== undefined) next.baseCurrency = opts.baseCurrency.trim().toUpperCase();
  const rates = next.rates as Record<string, number>;
  for (const r of opts.rate) {
    const m = /^\s*([A-Za-z]{3})\s*=\s*(.*)$/.exec(r);
    if (!m) throw new Error(`--rate takes CODE=rate like NOK=0.95, not "${r}"`);
    const code = m[1]!.toUpperCase();
    if (m[2]!.trim() === "") {
      delete rates[code];
      continue;
    }
    const rate = Number(m[2]!.trim().replace(",", "."));
    if (!(rate > 0) || !Number.isFinite(rate)) throw new Error(`--rate ${code}: the rate must be a positive number, not "${m[2]}"`);
    rates[code] = rate;
  }
  if (opts.overwrite !== undefined) next.overwriteCategories = opts.overwrite.split(",").map((n) => n.trim()).filter((n) => n !== "");
  if (opts.untieredCategory !== undefined) next.noTierCategory = opts.untieredCategory.trim() === "" ? null : opts.untieredCategory.trim();
  return next;
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
    .addOption(
      new Option("--encoding <name>", "CSV text encoding; auto: a byte order mark decides, else UTF-8 when valid, else Windows-1252 (the report warns when the text is not valid in it)")
        .choices(Object.keys(ENCODING_CHOICES))
        .default("auto"),
    )
    .option("--sheet <name>", "XLSX worksheet (default: the first)")
    .option("--update-changed", "overwrite imported lines whose amount, date, currency or customer changed (default: only report them)")
    .option("--json", "print the report as JSON")
    .action(async (file: string, opts: { format?: "csv" | "xlsx"; mapping?: string; onError: "stop" | "skip"; decimal: "auto" | "," | "."; encoding: EncodingChoice; sheet?: string; updateChanged?: boolean; json?: boolean }) => {
      const mapping = readMapping(opts.mapping);
      await withRuntime(async (rt) => {
        const bar = progressBar("Importing");
        const report = await rt.jobs.importFile({
          file: path.resolve(file),
          mapping,
          onError: opts.onError,
          decimal: opts.decimal,
          encoding: ENCODING_CHOICES[opts.encoding],
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
    .addOption(new Option("--format <format>", "also every company's tier, revenue and previous tier, and the thresholds: table, csv (companies only) or json").choices(["table", "csv", "json"]))
    .option("--json", "print the report as JSON")
    .action(async (opts: { dryRun?: boolean; asOf?: string; format?: "table" | "csv" | "json"; json?: boolean }) => {
      await withRuntime(async (rt) => {
        const bar = progressBar("Writing moves");
        const outcome = await rt.jobs.classify({ dryRun: opts.dryRun ?? false, ...(opts.asOf ? { asOf: opts.asOf } : {}), onProgress: (d, t) => bar.update(d, t) });
        bar.stop();
        if (outcome.kind === "busy") {
          process.stderr.write("kundrytm: another classification is running right now; try again when it has finished.\n");
          return 3;
        }
        if (opts.format === "json") out(JSON.stringify({ report: outcome.report, details: outcome.details }));
        else if (opts.format === "csv") printClassificationCsv(outcome.details, out);
        else if (opts.json) out(JSON.stringify(outcome.report));
        else {
          printClassification(outcome.report, out);
          if (opts.format === "table") printClassificationTable(outcome.details, out);
        }
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

  const settings = program.command("settings").description("Show or change the admin's settings (as on the admin page).");
  settings
    .command("show")
    .description("Print the settings as JSON: all, or one of policy, tiers, fieldMapping, capacities, schedule.")
    .argument("[key]", "one setting")
    .action(async (key: string | undefined) => {
      await withRuntime(async (rt) => {
        const all = await rt.jobs.readSettings();
        if (key !== undefined && !(key in all)) {
          process.stderr.write(`kundrytm: no setting "${key}"; the settings are ${Object.keys(all).join(", ")}.\n`);
          return 1;
        }
        out(JSON.stringify(key === undefined ? all : all[key as keyof typeof all], null, 2));
        return 0;
      });
    });
  settings
    .command("set")
    .description("Change the tier settings; what is not given stays as it is.")
    .argument("<key>", "the setting to change: tiers")
    .addOption(new Option("--method <method>", "natural (breaks in the data), pareto (revenue shares) or fixed (amounts)").choices(["natural", "pareto", "fixed"]))
    .option("--shares <A,B,C>", "pareto: per cent of revenue for A, B and C, e.g. 50,30,15")
    .option("--thresholds <A,B,C>", "fixed: revenue from which a customer is A, B and C, e.g. 1000000,250000,50000")
    .addOption(new Option("--window <months>", "revenue window in months").choices(["12", "24", "36"]))
    .addOption(new Option("--segment-by <what>", "classify within each segment").choices(["none", "country", "productLine"]))
    .option("--hysteresis <percent>", "margin a customer must pass a threshold by to change tier, in per cent (0–50)")
    .option("--base-currency <code>", "the currency revenue is counted in, e.g. SEK")
    .option("--rate <CODE=rate>", "units of the base currency per unit of CODE, e.g. NOK=0.95 (repeatable; CODE= removes it)", (v: string, all: string[]) => [...all, v], [] as string[])
    .option("--overwrite <names>", "comma-separated categories classification may overwrite besides its own, e.g. Prospekt,Kund (\"\" for none)")
    .option("--untiered-category <name>", "category for companies that lose their tier (\"\" empties the category instead)")
    .action(async (key: string, opts: SetTierOptions) => {
      if (key !== "tiers") {
        process.stderr.write(`kundrytm: only the tier settings can be set here; change "${key}" on the admin page (/admin/).\n`);
        process.exitCode = 1;
        return;
      }
      await withRuntime(async (rt) => {
        const current = (await rt.jobs.readSettings()).tiers;
        let next: Record<string, unknown>;
        try {
          next = changedTiers(current, opts);
        } catch (error) {
          process.stderr.write(`kundrytm: ${(error as Error).message}\n`);
          return 1;
        }
        try {
          out(JSON.stringify(await rt.jobs.saveSetting("tiers", next), null, 2));
          return 0;
        } catch (error) {
          if (!(error instanceof SettingsError) && (error as Error).name !== "SettingsError") throw error;
          const problems = (error as SettingsError).problems;
          process.stderr.write(`kundrytm: ${(error as Error).message}${problems.map((p) => `\n  ${p.path.join(".")}: ${p.message}`).join("")}\n`);
          return 1;
        }
      });
    });

  const orders = program.command("orders").description("The imported order history.");
  orders
    .command("remove")
    .description("Remove imported order lines: those of one imported file, or all of them.")
    .option("--source <file>", "the file as it was imported (its name)")
    .option("--all", "every imported order line, all files and SuperOffice sales")
    .action(async (opts: { source?: string; all?: boolean }) => {
      if ((opts.source === undefined) === (opts.all !== true)) {
        process.stderr.write("kundrytm: say what to remove: --source <file> or --all.\n");
        process.exitCode = 1;
        return;
      }
      await withRuntime(async (rt) => {
        const removed = await rt.jobs.removeOrders(opts.all ? { all: true } : { source: opts.source as string });
        if (removed.imports === 0 && !opts.all) {
          out(`No import of ${path.basename(opts.source as string)} is stored; nothing was removed.`);
          return 1;
        }
        out(`Removed ${removed.lines} order lines of ${removed.imports} import${removed.imports === 1 ? "" : "s"}. Run kundrytm classify --dry-run to see what that changes.`);
        return 0;
      });
    });

  program
    .command("doctor")
    .description("Check the configuration, the store and the CRM connection; exit code 1 if anything is wrong.")
    .action(async () => {
      const findings = await runDoctor(withCliEnv(process.env));
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
