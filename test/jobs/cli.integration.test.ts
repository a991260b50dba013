/** `kundrytm …` as users run it: bin/kundrytm.js as a child process, with the connector's environment. */
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import ExcelJS from "exceljs";
import type { RunningSandbox } from "../../sandbox/src";
import { connectorEnv, demoOrders, demoSandbox, REPO, tempDir, writeOrdersCsv } from "./support";

let sb: RunningSandbox;
const tmp = tempDir("kundrytm-cli-");

beforeAll(async () => {
  sb = await demoSandbox(60);
});
afterAll(async () => {
  await sb?.close();
  tmp.remove();
});

function kundrytm(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["bin/kundrytm.js", ...args], { cwd: REPO, env: { PATH: process.env.PATH ?? "", ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

test("doctor: all good against the sandbox; a refused sign-in and a missing variable are said plainly, with exit code 1", async () => {
  const env = connectorEnv(sb, { DATA_DIR: path.join(tmp.dir, "doctor") });
  const ok = await kundrytm(["doctor"], env);
  expect(ok.code).toBe(0);
  expect(ok.stdout).toContain("✔ SuperOffice reachable and signed in");
  expect(ok.stdout).toContain("! No order history imported yet");
  expect(ok.stdout).toContain("Everything needed is in place.");

  const refused = await kundrytm(["doctor"], { ...env, SUPEROFFICE_ACCESS_TOKEN: "not-a-valid-token" });
  expect(refused.code).toBe(1);
  expect(refused.stdout).toMatch(/✘ SuperOffice refused the connector's sign-in \(.*\): check SUPEROFFICE_ACCESS_TOKEN \(it may have expired\)\. SuperOffice said: ".+"\./);

  const { SUPEROFFICE_WEBAPI_URL: _, ...missing } = env;
  const unconfigured = await kundrytm(["doctor"], missing);
  expect(unconfigured.code).toBe(1);
  expect(unconfigured.stdout).toContain("✘ Configuration: SUPEROFFICE_WEBAPI_URL: is not set; it is required (The tenant's webapi_url");
  expect(unconfigured.stdout).toContain("docs/admin.md, section 13");
}, 60_000);

test("import-orders with a mapping file and --on-error, then weekly-lists --dry-run for a given week", async () => {
  const env = connectorEnv(sb, { DATA_DIR: path.join(tmp.dir, "jobs") });
  const lines = demoOrders(60).slice(0, 200);
  const file = writeOrdersCsv(path.join(tmp.dir, "orders.csv"), lines);
  const text = fs.readFileSync(file, "utf8").split("\n");
  text[5] = text[5]!.replace(/,\d{4}-\d{2}-\d{2},/, ",not a date,");
  fs.writeFileSync(file, text.join("\n"));
  const mapping = path.join(tmp.dir, "mapping.json");
  fs.writeFileSync(mapping, JSON.stringify({ customerKey: { kind: "customerNumber", column: "customer_number" }, date: "order_date", amount: "amount", currency: "currency", orderNumber: "order_number", orderLine: "line" }));

  const stopped = await kundrytm(["import-orders", file, "--mapping", mapping], env);
  expect(stopped.code).toBe(1);
  expect(stopped.stdout).toContain("line 6:");
  expect(stopped.stdout).toContain("Nothing was imported");

  const skipped = await kundrytm(["import-orders", file, "--mapping", mapping, "--on-error", "skip"], env);
  expect(skipped.code).toBe(0);
  expect(skipped.stdout).toContain(`Imported ${lines.length - 1} new order lines; 0 were already imported.`);

  const badMapping = await kundrytm(["import-orders", file, "--mapping", file], env);
  expect(badMapping.code).not.toBe(0);
  expect(badMapping.stderr).toContain("cannot read the mapping");

  // An XLSX export, named without its extension: --format says what it is.
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Orders");
  sheet.addRow(["order_number", "line", "org_number", "order_date", "amount", "currency", "product_line", "country"]);
  const more = demoOrders(60).slice(200, 230);
  for (const l of more) sheet.addRow([l.orderNumber, l.line, l.orgNr, new Date(`${l.orderDate}T00:00:00Z`), l.amount, l.currency, l.productLine, l.country]);
  const xlsx = path.join(tmp.dir, "export.dat");
  await workbook.xlsx.writeFile(xlsx);
  const fromXlsx = await kundrytm(["import-orders", xlsx, "--format", "xlsx"], env);
  expect(fromXlsx.stderr).toBe("");
  expect(fromXlsx.stdout).toContain(`Imported ${more.length} new order lines; 0 were already imported.`);
  const unknownType = await kundrytm(["import-orders", xlsx], env);
  expect(unknownType.code).toBe(1);
  expect(unknownType.stdout).toContain('Import refused: Unknown file type ".dat"');

  const lists = await kundrytm(["weekly-lists", "--week", "2026-W48", "--dry-run"], env);
  expect(lists.code).toBe(0);
  expect(lists.stdout).toContain("Dry run: follow-up lists for 2026-W48");
  expect(lists.stdout).toMatch(/Follow-ups week 48 — [A-Z]+: \d+ customers/);
  const swedish = await kundrytm(["weekly-lists", "--week", "2026-W48", "--dry-run"], { ...env, KUNDRYTM_LIST_LANGUAGE: "sv" });
  expect(swedish.stdout).toMatch(/Uppföljning v48 — [A-Z]+: \d+ customers/);
  const badWeek = await kundrytm(["weekly-lists", "--week", "2026-W54"], env);
  expect(badWeek.code).not.toBe(0);
  expect(badWeek.stderr).toContain("Not an ISO week");
}, 90_000);

test("installed as a command (a symlink named kundrytm, as npm link, a global install and npx create), it runs the CLI", async () => {
  const binDir = path.join(tmp.dir, "bin");
  fs.mkdirSync(binDir);
  fs.symlinkSync(path.join(REPO, "bin", "kundrytm.js"), path.join(binDir, "kundrytm"));
  const run = (args: string[], env: Record<string, string>) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      // Through the shebang, from another folder, with this Node first on PATH.
      const child = spawn("kundrytm", args, { cwd: tmp.dir, env: { PATH: [binDir, path.dirname(process.execPath), process.env.PATH ?? ""].join(path.delimiter), ...env } });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      child.on("exit", (code) => resolve({ code, stdout, stderr }));
    });

  const version = await run(["--version"], {});
  expect(version).toEqual({ code: 0, stdout: `${JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")).version}\n`, stderr: "" });

  const doctor = await run(["doctor"], connectorEnv(sb, { DATA_DIR: path.join(tmp.dir, "linked") }));
  expect(doctor.stdout).toContain("✔ SuperOffice reachable and signed in");
  expect(doctor.code).toBe(0);
}, 60_000);

test("an admin's session: tier settings, import, dry run with every company and the thresholds, the lists, removing history; piped into head", async () => {
  const env = connectorEnv(sb, { DATA_DIR: path.join(tmp.dir, "admin") });
  const set = await kundrytm(["settings", "set", "tiers", "--method", "natural", "--window", "12", "--hysteresis", "10", "--rate", "NOK=0.95", "--rate", "EUR=11.4", "--overwrite", "Prospekt"], env);
  expect(set.stderr).toBe("");
  expect(JSON.parse(set.stdout)).toMatchObject({ method: { method: "natural" }, windowMonths: 12, hysteresisMargin: 0.1, rates: { NOK: 0.95, EUR: 11.4 }, overwriteCategories: ["Prospekt"] });
  const shown = await kundrytm(["settings", "show", "tiers"], env);
  expect(JSON.parse(shown.stdout)).toMatchObject({ rates: { NOK: 0.95 } });
  const bad = await kundrytm(["settings", "set", "tiers", "--hysteresis", "80"], env);
  expect(bad.code).toBe(1);
  expect(bad.stderr).toContain("hysteresisMargin");
  expect(JSON.parse((await kundrytm(["settings", "show", "tiers"], env)).stdout)).toMatchObject({ hysteresisMargin: 0.1 });

  const file = writeOrdersCsv(path.join(tmp.dir, "history.csv"), demoOrders(60));
  expect((await kundrytm(["import-orders", file], env)).code).toBe(0);
  const table = await kundrytm(["classify", "--dry-run", "--as-of", "2026-11-23", "--format", "table"], env);
  expect(table.code).toBe(0);
  expect(table.stdout).toMatch(/Thresholds \(SEK, \d+ customers with revenue\): A from [\d ]+, B from [\d ]+, C from [\d ]+, D below\./);
  expect(table.stdout).toMatch(/^\s+\d+ {2}.+ (A|B|C|D|former|–) +(A|B|C|D|former|–) +[\d ]+ {2}/m);
  const csv = await kundrytm(["classify", "--dry-run", "--as-of", "2026-11-23", "--format", "csv"], env);
  const rows = csv.stdout.trim().split("\n");
  expect(rows[0]).toBe("contact_id,name,tier,previous_tier,revenue,currency,move");
  expect(rows.length).toBeGreaterThan(40);

  // Into a reader that stops after one line: no EPIPE crash, exit code 0.
  const piped = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn("sh", ["-c", `"${process.execPath}" bin/kundrytm.js classify --dry-run --as-of 2026-11-23 --format csv | head -n 1; exit "\${PIPESTATUS:-0}"`], { cwd: REPO, env: { PATH: process.env.PATH ?? "", ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
  expect(piped.stdout).toBe("contact_id,name,tier,previous_tier,revenue,currency,move\n");
  expect(piped.stderr).not.toMatch(/EPIPE|Error/);

  const lists = await kundrytm(["weekly-lists", "--week", "2026-W48", "--dry-run"], env);
  expect(lists.code).toBe(0);
  expect(lists.stdout).toMatch(/ — [A-Z]+: [1-9]\d* customers\n {4}[A-D] {2}\S/);

  const missing = await kundrytm(["orders", "remove", "--source", "nothing.csv"], env);
  expect(missing.code).toBe(1);
  expect(missing.stdout).toContain("No import of nothing.csv is stored");
  const removed = await kundrytm(["orders", "remove", "--source", file], env);
  expect(removed.stdout).toMatch(/^Removed \d+ order lines of 1 import\./);
  const none = await kundrytm(["orders", "remove"], env);
  expect(none.code).toBe(1);
  expect(none.stderr).toContain("--source <file> or --all");
  const all = await kundrytm(["orders", "remove", "--all"], env);
  expect(all.stdout).toMatch(/^Removed 0 order lines of \d+ imports?\./);
}, 300_000);
