#!/usr/bin/env node
// npm start: the embedded demo on one machine, with no account anywhere.
// Builds the add-in when its sources changed, starts the SuperOffice sandbox (tenant Cust00001, data in
// .kundrytm/sandbox) and the connector in embedded mode (PGlite in .kundrytm), prints where to look,
// and stops both cleanly on Ctrl-C. Data is kept between runs.
const { spawn, spawnSync } = require("node:child_process");
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

const root = path.join(__dirname, "..");
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 15)) {
  console.error(`Kundrytm needs Node.js 24 LTS or 22 LTS (22.15 or newer); this is ${process.version}.`);
  process.exit(1);
}

require("tsx/cjs/api").register();
const { startSandbox } = require("../sandbox/src/index.ts");
const { writeLocalManifest } = require("../manifest/src/write.ts");
const { generateDemoTenant } = require("../sandbox/src/demo/generate.ts");
const { ordersToCsv, SEK_PER_UNIT } = require("../sandbox/src/demo/orders.ts");
const { loadConfig } = require("../connector/src/config.ts");
const { openStore } = require("../connector/src/store/index.ts");
const { settingsService } = require("../connector/src/features/settings/service.ts");
const { writeCliEnv } = require("../connector/src/cli/runtime.ts");

const port = Number(process.env.PORT || 4000);
const sandboxPort = Number(process.env.SANDBOX_PORT || 4010);
const dataDir = path.resolve(root, process.env.DATA_DIR || ".kundrytm");
const addinDist = path.join(root, "dist", "addin");

/** Newest modification time under the given paths (files and folders, recursively). */
function newest(paths) {
  let latest = 0;
  const visit = (p) => {
    const stat = fs.statSync(p, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p)) if (name !== "node_modules") visit(path.join(p, name));
    } else if (!/\.test\.tsx?$/.test(p)) latest = Math.max(latest, stat.mtimeMs);
  };
  paths.forEach(visit);
  return latest;
}

function buildAddinIfNeeded() {
  const built = fs.statSync(path.join(addinDist, "taskpane.html"), { throwIfNoEntry: false });
  const sources = ["addin", "shared", "manifest/assets", "webpack.config.js"].map((p) => path.join(root, p));
  if (built && built.mtimeMs >= newest(sources)) return;
  console.log(built ? "The add-in's sources changed: rebuilding it…" : "Building the add-in (first start)…");
  const webpack = require.resolve("webpack-cli/bin/cli.js", { paths: [root] });
  const result = spawnSync(process.execPath, [webpack, "--mode", "production"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  if (result.status !== 0) {
    console.error("The add-in build failed (see above). Run `npm run build:addin` to see the full output.");
    process.exit(1);
  }
}

async function waitForHealth(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return false;
    try {
      const res = await fetch(url);
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

/**
 * First start only: the demo tenant's ERP order export is imported and the tiers computed from it, through
 * the same CLI an admin uses, so the pane shows each tier with its reason and the owners get their notices.
 */
/** The demo ERP's order export for the demo tenant, in the data folder. */
function writeDemoExport(tenant) {
  const file = path.join(dataDir, "demo-orders.csv");
  const { orders } = generateDemoTenant({ tenant, seed: 1, customers: 300, now: new Date() });
  fs.writeFileSync(file, ordersToCsv(orders));
  return { file, orders };
}

async function seedOrderHistory(env, tenant) {
  const { file, orders } = writeDemoExport(tenant);
  console.log(`First start: importing the demo order history (${orders.length} order lines) and computing the tiers…`);
  // The demo ERP invoices Norway in NOK and Denmark and Finland in EUR: the tier settings get its rates to
  // SEK, as an admin would enter them on the admin page, so no order line is left out of the revenue.
  const db = await openStore({ databaseUrl: env.DATABASE_URL || null, dataDir });
  try {
    const settings = settingsService(db, loadConfig(env).fields);
    const tiers = (await settings.readAll()).tiers;
    const rates = Object.fromEntries(Object.entries(SEK_PER_UNIT).filter(([currency]) => currency !== "SEK"));
    await settings.save("tiers", { ...tiers, rates: { ...rates, ...tiers.rates } });
  } finally {
    await db.close();
  }
  // Asynchronous: the sandbox answering the CLI runs in this process.
  const cli = (args) =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, [path.join(root, "bin", "kundrytm.js"), ...args], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
      const result = { status: null, stdout: "", stderr: "" };
      child.stdout.on("data", (d) => (result.stdout += d));
      child.stderr.on("data", (d) => (result.stderr += d));
      child.on("close", (status) => resolve({ ...result, status }));
    });
  for (const args of [["import-orders", file, "--on-error", "stop"], ["classify"]]) {
    const result = await cli(args);
    if (result.status !== 0) {
      console.error(`\`kundrytm ${args.join(" ")}\` failed; the demo runs with the seeded tiers only.\n${result.stdout}${result.stderr}`);
      return;
    }
  }
}

async function main() {
  buildAddinIfNeeded();
  const firstStart = !fs.existsSync(path.join(dataDir, "pgdata"));
  fs.mkdirSync(dataDir, { recursive: true });

  // The sandbox and the connector share basic credentials made up for this run.
  const basic = { username: "kundrytm", password: crypto.randomBytes(18).toString("base64url") };
  let sandbox;
  try {
    sandbox = await startSandbox({ port: sandboxPort, dataDir: path.join(dataDir, "sandbox"), tenant: "Cust00001", auth: { basic } });
  } catch (error) {
    if (error && error.code === "EADDRINUSE") console.error(`Port ${sandboxPort} is in use: stop what runs there or set SANDBOX_PORT.`);
    else console.error("The SuperOffice sandbox did not start:", error);
    process.exit(1);
  }
  const tenant = sandbox.tenant;
  const demoFile = path.join(dataDir, "preview-demo.json");
  fs.writeFileSync(demoFile, JSON.stringify(tenant, null, 2));

  const env = {
    ...process.env,
    PORT: String(port),
    HOST: process.env.HOST || "127.0.0.1",
    DATA_DIR: dataDir,
    KUNDRYTM_AUTH: "embedded",
    SUPEROFFICE_WEBAPI_URL: sandbox.webapiUrl,
    SUPEROFFICE_AUTH: "basic",
    SUPEROFFICE_USERNAME: basic.username,
    SUPEROFFICE_PASSWORD: basic.password,
    // The demo tenant is Swedish: jobs and panes without a language of their own read its lists in Swedish.
    SUPEROFFICE_LANGUAGE: "sv",
    PREVIEW_DEMO_FILE: demoFile,
    LOG_LEVEL: process.env.LOG_LEVEL || "warn",
    // The demo's first rep administers it, unless the user named admins (an empty value names nobody).
    KUNDRYTM_ADMINS: process.env.KUNDRYTM_ADMINS ?? (tenant.reps[0] ? tenant.reps[0].email : ""),
    // A real connector writes no Monday lists until an admin turns them on; the demo turns them on for its
    // sandbox tenant, named in Swedish like the tenant (the admin page can turn them off).
    KUNDRYTM_WEEKLY_LISTS: process.env.KUNDRYTM_WEEKLY_LISTS ?? "on",
    KUNDRYTM_LIST_LANGUAGE: process.env.KUNDRYTM_LIST_LANGUAGE ?? "sv",
  };
  // `kundrytm …` in another terminal finds this run's sandbox through this file (mode 600, never printed)
  // and sends its work to the running connector, which alone opens the embedded database.
  const forCli = ["KUNDRYTM_AUTH", "SUPEROFFICE_WEBAPI_URL", "SUPEROFFICE_AUTH", "SUPEROFFICE_USERNAME", "SUPEROFFICE_PASSWORD", "KUNDRYTM_WEEKLY_LISTS", "KUNDRYTM_LIST_LANGUAGE", "DATABASE_URL"];
  writeCliEnv(dataDir, Object.fromEntries(forCli.filter((k) => env[k] !== undefined).map((k) => [k, env[k]])));
  // `npm start -- --empty` (or KUNDRYTM_DEMO_EMPTY=1): the demo tenant without its order history, to import your own.
  const empty = process.argv.slice(2).includes("--empty") || process.env.KUNDRYTM_DEMO_EMPTY === "1";
  if (firstStart && !empty) await seedOrderHistory(env, tenant.tenant);
  if (firstStart && empty) {
    const { file } = writeDemoExport(tenant.tenant);
    console.log(`First start without order history: the demo ERP's export is ${path.relative(root, file) || file}, to import with kundrytm import-orders (docs/jobs.md).`);
  }

  // Its own process group: Ctrl-C reaches only this script, which then stops the connector exactly once.
  // The IPC channel lets the connector notice if this script dies without a chance to stop it.
  const connector = spawn(process.execPath, ["--import", "tsx", path.join(root, "connector", "src", "main.ts")], {
    cwd: root,
    env,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    detached: true,
  });

  let stopping = false;
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    if (connector.exitCode === null && connector.signalCode === null) {
      const exited = new Promise((resolve) => connector.once("exit", resolve));
      connector.kill("SIGTERM");
      await exited;
    }
    await sandbox.close();
    process.exit(code);
  };
  process.on("SIGINT", () => {
    if (stopping) return;
    console.log("\nStopping Kundrytm…");
    void stop(0);
  });
  process.on("SIGTERM", () => void stop(0));
  connector.on("exit", (code, signal) => {
    if (stopping) return;
    console.error(`The connector stopped (${signal ?? `exit code ${code}`}).`);
    void stop(code || 1);
  });

  const origin = `http://127.0.0.1:${port}`;
  if (!(await waitForHealth(`${origin}/health`, connector, 60_000))) {
    console.error(`The connector did not become healthy at ${origin}/health.`);
    return stop(1);
  }

  // The manifest for this address, checked against the schema. Outlook itself loads add-ins over https
  // only: behind a tunnel, `npm run sideload -- --url https://…` writes one for that host (docs/admin.md §12).
  let manifestLine;
  try {
    manifestLine = `  Add-in manifest (this address):                  ${path.relative(root, writeLocalManifest({ port }).file)}`;
  } catch (error) {
    manifestLine = `  The local add-in manifest was not written: ${error instanceof Error ? error.message : String(error)}`;
  }

  const h = tenant.highlights;
  const rep = tenant.reps[0];
  const line = (who, what) => `    ${who.padEnd(44)} ${what}`;
  console.log(`
Kundrytm is running — the embedded demo (SuperOffice sandbox, PGlite; data in ${path.relative(root, dataDir) || "."}/).

  Preview (the task pane on a simulated mailbox):  ${origin}/preview/
  Admin page (policy, tiers, imports, lists):      ${origin}/admin/   (administrators: ${env.KUNDRYTM_ADMINS || "none, see KUNDRYTM_ADMINS"})
  Connector:                                       ${origin}   (health: ${origin}/health)
  SuperOffice sandbox (tenant ${tenant.tenant}):          ${sandbox.webapiUrl}
${manifestLine}
  Monday lists: ${env.KUNDRYTM_WEEKLY_LISTS === "on" ? "on for this demo, written into the sandbox every Monday 06:00 (KUNDRYTM_WEEKLY_LISTS=off to leave them off)" : "off"}; "Run now" on the admin page writes this week's.

  Demo senders to try:
${line(h.tierA.email, `${h.tierA.company} — tier A`)}
${line(h.tierC.email, `${h.tierC.company} — tier C`)}
${line(h.unknownSender, "not in the CRM")}

  Signed in as a rep of ${tenant.ownerCompany}, e.g. ${rep ? `${rep.fullName} <${rep.email}>` : "(no reps)"}.
  Command line (another terminal, no set-up needed): npx kundrytm classify --dry-run   (docs/jobs.md)
  Press Ctrl-C to stop; the data stays for the next start.
`);
}

main().catch((error) => {
  console.error("npm start failed:", error);
  process.exit(1);
});
