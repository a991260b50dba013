import type { Db } from "./db";
import { migrate } from "./migrate";
import { testDatabases } from "./test-databases";
import { ClaimLostError, releaseClaimsOfEarlierProcesses, writeLedger } from "./write-ledger";

/** The write ledger's claim, wait, take-over and checkpoints, on PGlite and PostgreSQL. */

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const spec = (key: string, content: unknown = { n: 1 }) => ({
  kind: "activity" as const,
  key,
  content,
  repEmail: "anna@example.se",
  conflictMessage: "used for another",
  busyMessage: "being saved",
});

describe.each(testDatabases())("write ledger on $name", (target) => {
  let db: Db;
  beforeAll(async () => {
    db = await target.open();
    await migrate(db);
  });
  afterAll(async () => db?.close());

  test("runs the work once per key and answers a repeat with the first answer", async () => {
    const ledger = writeLedger(db);
    let runs = 0;
    const work = async () => ({ id: ++runs });
    expect(await ledger.runOnce({ ...spec("k1"), work })).toEqual({ result: { id: 1 }, replayed: false });
    expect(await ledger.runOnce({ ...spec("k1"), work })).toEqual({ result: { id: 1 }, replayed: true });
    expect(runs).toBe(1);
  });

  test("refuses the key used with other content, with a conflict", async () => {
    const ledger = writeLedger(db);
    await ledger.runOnce({ ...spec("k2"), work: async () => "first" });
    await expect(ledger.runOnce({ ...spec("k2", { n: 2 }), work: async () => "second" })).rejects.toMatchObject({ statusCode: 409, code: "CONFLICT" });
  });

  test("a repeat while the first is running waits for it, then answers IN_PROGRESS with Retry-After", async () => {
    const first = writeLedger(db);
    const impatient = writeLedger(db, { waitMs: 0 });
    const gate = deferred();
    const running = first.runOnce({ ...spec("k3"), work: async () => (await gate.promise, "done") });
    await expect(impatient.runOnce({ ...spec("k3"), work: async () => "twice" })).rejects.toMatchObject({
      statusCode: 409,
      code: "IN_PROGRESS",
      extra: { headers: { "retry-after": "2" } },
    });
    const waiting = writeLedger(db, { pollMs: 5 }).runOnce({ ...spec("k3"), work: async () => "twice" });
    gate.resolve();
    expect(await running).toEqual({ result: "done", replayed: false });
    expect(await waiting).toEqual({ result: "done", replayed: true });
  });

  test("forgets a key whose failed work started no write, and keeps the checkpoints of one that did", async () => {
    const ledger = writeLedger(db);
    await expect(ledger.runOnce({ ...spec("k4"), work: async () => Promise.reject(new Error("before any write")) })).rejects.toThrow("before any write");
    expect(await ledger.read("activity", "k4")).toBeNull();

    await expect(
      ledger.runOnce<{ a: number; b: number }, string>({
        ...spec("k5"),
        work: async (steps) => {
          await steps.save({ a: await steps.writing("a", async () => 7) });
          return steps.writing("b", () => Promise.reject(new Error("during b")));
        },
      }),
    ).rejects.toThrow("during b");
    let seen: { checkpoints: object; mayHaveWrittenA: boolean; mayHaveWrittenB: boolean } | null = null;
    const retried = await ledger.runOnce<{ a: number; b: number }, string>({
      ...spec("k5"),
      work: async (steps) => {
        seen = { checkpoints: { ...steps.checkpoints }, mayHaveWrittenA: steps.mayHaveWritten("a"), mayHaveWrittenB: steps.mayHaveWritten("b") };
        return "finished";
      },
    });
    expect(retried).toEqual({ result: "finished", replayed: false });
    expect(seen).toEqual({ checkpoints: { a: 7, writing: ["a", "b"] }, mayHaveWrittenA: false, mayHaveWrittenB: true });
  });

  test("a claim its holder stopped touching is taken over, and the old holder writes nothing more", async () => {
    const stalled = deferred();
    const inside = deferred();
    const holder = writeLedger(db, { heartbeatMs: 60_000 });
    const afterStall: string[] = [];
    const old = holder.runOnce<{ x: number }, string>({
      ...spec("k6"),
      work: async (steps) => {
        await steps.writing("x", async () => undefined);
        inside.resolve();
        await stalled.promise;
        await steps.save({ x: 1 });
        afterStall.push("wrote after the take-over");
        return "old";
      },
    });
    await inside.promise;
    // The holder stalls (a frozen process) past the stale bound without touching its claim.
    await db.query("update write_ledger set updated_at = now() - interval '1 hour' where kind = 'activity' and key = 'k6'");
    const taker = writeLedger(db, { staleMs: 30_000 });
    const taken = await taker.runOnce<{ x: number }, string>({ ...spec("k6"), work: async (steps) => (steps.mayHaveWritten("x") ? "looked first" : "wrote blind") });
    expect(taken).toEqual({ result: "looked first", replayed: false });
    stalled.resolve();
    await expect(old).rejects.toBeInstanceOf(ClaimLostError);
    expect(afterStall).toEqual([]);
    expect((await taker.read("activity", "k6"))?.result).toBe("looked first");
  });

  test("on the embedded store, claims left by an earlier process are released when it opens", async () => {
    await db.query(
      `insert into write_ledger (kind, key, request_hash, rep_email, state, claim_token, checkpoints) values ('activity', 'k7', '', 'x', 'pending', 'dead', '{"writing":["a"]}')`,
    );
    await releaseClaimsOfEarlierProcesses(db);
    const { rows } = await db.query<{ claim_token: string | null }>("select claim_token from write_ledger where key = 'k7'");
    // PostgreSQL is shared by instances that may be alive: only the embedded store releases at open.
    expect(rows[0]!.claim_token).toBe(db.kind === "pglite" ? null : "dead");
  });
});
