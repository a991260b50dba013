/**
 * `kundrytm …` beside a running connector on the embedded database (npm start): the command's work is
 * done by the connector on its own store, never by a second PGlite on the same folder; where the
 * connector cannot be reached the command refuses in plain words. The store is intact afterwards.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { RunningSandbox } from "../../sandbox/src";
import { writeCliEnv } from "../../connector/src/cli/runtime";
import { socketPathOf } from "../../connector/src/jobs/local-socket";
import { openStore } from "../../connector/src/store";
import { ordersRepository } from "../../connector/src/store/orders";
import { lockFileOf, StoreLockedError } from "../../connector/src/store/pglite-lock";
import { AS_OF, connectorEnv, demoOrders, demoSandbox, exited, spawnTs, tempDir, waitFor, writeOrdersCsv } from "./support";

let sb: RunningSandbox;
const tmp = tempDir("kundrytm-beside-");
const children: ChildProcess[] = [];

beforeAll(async () => {
  sb = await demoSandbox(40);
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  await sb?.close();
  tmp.remove();
});

/** The CLI as an admin runs it in a second terminal: only DATA_DIR (here a test folder) and PATH. */
const cli = (dataDir: string, args: string[]) => exited(spawnTs("bin/kundrytm.js", args, { DATA_DIR: dataDir }));

test("import and dry run beside the running connector go to the connector; a second open of the folder is refused; the store is intact", async () => {
  const dataDir = path.join(tmp.dir, "running");
  fs.mkdirSync(dataDir, { recursive: true });
  const env = connectorEnv(sb, { DATA_DIR: dataDir, HOST: "127.0.0.1", PORT: "0", KUNDRYTM_AUTH: "embedded" });
  // What npm start leaves for the CLI; mode 600.
  const envFile = writeCliEnv(dataDir, { SUPEROFFICE_WEBAPI_URL: env.SUPEROFFICE_WEBAPI_URL!, SUPEROFFICE_AUTH: "bearer", SUPEROFFICE_ACCESS_TOKEN: env.SUPEROFFICE_ACCESS_TOKEN! });
  expect(fs.statSync(envFile).mode & 0o777).toBe(0o600);
  const connector = spawnTs("connector/src/main.ts", [], env);
  children.push(connector);
  const connectorExit = exited(connector);
  await waitFor("the connector's local socket", () => fs.existsSync(socketPathOf(dataDir)) || connector.exitCode !== null, 60_000);
  expect(connector.exitCode).toBeNull();

  const lines = demoOrders(40).slice(0, 120);
  const file = writeOrdersCsv(path.join(tmp.dir, "orders.csv"), lines);
  const imported = await cli(dataDir, ["import-orders", file]);
  expect(imported.stderr).toBe("");
  expect(imported.stdout).toContain(`Imported ${lines.length} new order lines; 0 were already imported.`);
  const dry = await cli(dataDir, ["classify", "--dry-run", "--as-of", AS_OF, "--json"]);
  expect(dry.code).toBe(0);
  const report = JSON.parse(dry.stdout) as { dryRun: boolean; moves: unknown[] };
  expect(report.dryRun).toBe(true);

  // No second process opens the folder while the connector has it.
  await expect(openStore({ databaseUrl: null, dataDir })).rejects.toBeInstanceOf(StoreLockedError);

  connector.kill("SIGTERM");
  expect((await connectorExit).code).toBe(0);
  expect(fs.existsSync(lockFileOf(path.join(dataDir, "pgdata")))).toBe(false);
  const db = await openStore({ databaseUrl: null, dataDir });
  try {
    expect(await ordersRepository(db).countLines()).toBe(lines.length);
  } finally {
    await db.close();
  }
}, 120_000);

test("a process holding the folder that does not answer makes the CLI refuse in plain words, and nothing changes", async () => {
  const dataDir = path.join(tmp.dir, "held");
  const seeded = await openStore({ databaseUrl: null, dataDir });
  await seeded.close();
  // A live process that is no connector holds the lock (as a connector that hangs would).
  const holder = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
  children.push(holder);
  fs.writeFileSync(lockFileOf(path.join(dataDir, "pgdata")), `${holder.pid}\n`);
  const refused = await cli(dataDir, ["import-orders", writeOrdersCsv(path.join(tmp.dir, "more.csv"), demoOrders(40).slice(0, 10))]);
  expect(refused.code).toBe(2);
  expect(refused.stderr).toContain(`The connector (process ${holder.pid}) has the embedded database in ${dataDir} open and does not answer on its local socket.`);
  holder.kill("SIGKILL");
  await new Promise((resolve) => holder.once("exit", resolve));

  // The holder is gone: its lock is stale and taken over; the store has nothing from the refused run.
  const db = await openStore({ databaseUrl: null, dataDir });
  try {
    expect(await ordersRepository(db).countLines()).toBe(0);
  } finally {
    await db.close();
  }
}, 60_000);
