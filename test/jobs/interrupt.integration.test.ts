/**
 * A classification killed half-way (SIGKILL, the CLI as a child process, the sandbox slowed down) and
 * run again completes: every move written once, no task twice, none missing. On the embedded store
 * (PGlite in a data folder) and on PostgreSQL when a server is available.
 */
import { moveNeedsTask } from "../../connector/src/jobs/classify";
import path from "node:path";
import type { RunningSandbox } from "../../sandbox/src";
import type { ClassificationReport } from "../../shared/api/jobs";
import type { ContactId } from "../../shared/domain/vocabulary";
import { DEFAULT_MAPPING } from "../../connector/src/cli/main";
import { openStore } from "../../connector/src/store";
import type { Db } from "../../connector/src/store/db";
import { AS_OF, connectorEnv, demoOrders, demoSandbox, exited, postgresDatabase, saveTestSettings, sandboxClient, servicesFor, spawnTs, tempDir, waitFor, writeOrdersCsv } from "./support";

const CUSTOMERS = 200;
const TASK = "POST /api/v1/Appointment";

interface Target {
  name: string;
  env(dataDir: string): Record<string, string>;
  open(dataDir: string): Promise<Db>;
  cleanup(): Promise<void>;
}

const targets: Target[] = [
  {
    name: "pglite",
    env: (dataDir) => ({ DATA_DIR: dataDir }),
    open: (dataDir) => openStore({ databaseUrl: null, dataDir }),
    cleanup: async () => undefined,
  },
];
let pgDb: Awaited<ReturnType<typeof postgresDatabase>> | null = null;
targets.push({
  name: "postgres",
  env: (dataDir) => ({ DATA_DIR: dataDir, DATABASE_URL: pgDb!.url }),
  open: (dataDir) => openStore({ databaseUrl: pgDb!.url, dataDir }),
  cleanup: async () => pgDb?.drop(),
});

describe.each(targets)("classification killed half-way on $name", (target) => {
  let sb: RunningSandbox;
  const tmp = tempDir("kundrytm-interrupt-");
  afterAll(async () => {
    await sb?.close();
    await target.cleanup();
    tmp.remove();
  });

  test("the second run finishes the first one's moves: each category right, one task per move, history once", async () => {
    if (target.name === "postgres") pgDb ??= await postgresDatabase();
    sb = await demoSandbox(CUSTOMERS);
    const env = connectorEnv(sb, target.env(tmp.dir));

    // Import and settings in this process, then close the store for the child processes.
    let db = await target.open(tmp.dir);
    const crm = sandboxClient(sb);
    const jobs = servicesFor(db, crm, sb);
    await saveTestSettings(jobs);
    const file = writeOrdersCsv(path.join(tmp.dir, "orders.csv"), demoOrders(CUSTOMERS));
    expect((await jobs.importFile({ file, mapping: DEFAULT_MAPPING, onError: "stop" })).written).toBe(true);
    const plan = await jobs.classify({ dryRun: true, asOf: AS_OF });
    if (plan.kind !== "ran") throw new Error("busy");
    const moves = plan.report.moves;
    expect(moves.length).toBeGreaterThanOrEqual(8);
    await db.close();

    // First run: slow CRM, killed once about half the tasks are created (the categories went first, in one bulk write).
    const withTask = moves.filter((m) => moveNeedsTask(m.kind)).length;
    expect(withTask).toBeGreaterThanOrEqual(4);
    sb.setKnobs({ latencyMs: 120 });
    sb.resetStats();
    const first = spawnTs("bin/kundrytm.js", ["classify", "--as-of", AS_OF, "--json"], env);
    const firstExit = exited(first);
    await waitFor("half the tasks", () => (sb.stats().callsByPath[TASK] ?? 0) >= Math.floor(withTask / 2));
    first.kill("SIGKILL");
    const killed = await firstExit;
    expect(killed.signal).toBe("SIGKILL");
    const tasksBefore = sb.stats().callsByPath[TASK] ?? 0;
    expect(tasksBefore).toBeLessThan(withTask);

    // Second run: completes what the first began, then finds nothing else to move.
    sb.setKnobs({ latencyMs: 0 });
    const second = await exited(spawnTs("bin/kundrytm.js", ["classify", "--as-of", AS_OF, "--json"], env));
    expect(second.stderr).toBe("");
    expect(second.code).toBe(0);
    const report = JSON.parse(second.stdout) as ClassificationReport;
    // The killed run finished the moves up to its last task, except perhaps the one it was killed in;
    // the second one finished the rest (the tasks below prove none was created twice).
    expect(report.writes.resumed).toBeGreaterThan(0);
    expect(report.writes.resumed).toBeLessThan(moves.length);
    expect(report.moves).toEqual([]);

    // Every planned move is in the CRM, with exactly one task where a move asks for one.
    const tasks = (await crm.listAppointments({ from: AS_OF, to: AS_OF })).filter((a) => a.text.includes("[kundrytm:tier:"));
    for (const move of moves) {
      const company = await crm.getCompany(move.contactId as ContactId);
      expect([move.contactId, company.category?.name.toLowerCase()]).toEqual([move.contactId, move.to === null ? undefined : move.to === "former" ? "tidigare kund" : move.to.toLowerCase()]);
      const mine = tasks.filter((t) => t.contactId === move.contactId);
      expect([move.contactId, mine.length]).toEqual([move.contactId, moveNeedsTask(move.kind) ? 1 : 0]);
    }
    expect(tasks).toHaveLength(moves.filter((m) => moveNeedsTask(m.kind)).length);

    db = await target.open(tmp.dir);
    try {
      const { rows } = await db.query<{ contact_id: number; n: number }>("select contact_id, count(*)::int as n from tier_history where run_id is not null group by contact_id");
      expect(rows).toHaveLength(moves.length);
      expect(rows.every((r) => r.n === 1)).toBe(true);
      const runs = await db.query<{ status: string }>("select status from job_runs where job = 'classify' order by id");
      expect(runs.rows.map((r) => r.status)).toEqual(["completed", "completed"]);
    } finally {
      await db.close();
    }
  }, 120_000);
});
