import type { Db } from "./db";

/**
 * Runs fn only if no other holder has the named job lock, and reports whether it ran.
 * PostgreSQL: a session advisory lock, so several connector instances over one database run a
 * scheduled job once. PGlite: one process owns the data folder, so an in-process lock is enough.
 */
export type JobLockResult<T> = { acquired: true; result: T } | { acquired: false };

/** Namespace of Kundrytm's advisory locks (first key of the two-key form). */
const LOCK_NAMESPACE = 0x4b524d; // "KRM"

const localLocks = new WeakMap<Db, Set<string>>();

export async function withJobLock<T>(db: Db, name: string, fn: () => Promise<T>): Promise<JobLockResult<T>> {
  if (db.kind === "pglite") {
    let held = localLocks.get(db);
    if (!held) localLocks.set(db, (held = new Set()));
    if (held.has(name)) return { acquired: false };
    held.add(name);
    try {
      return { acquired: true, result: await fn() };
    } finally {
      held.delete(name);
    }
  }
  return db.withSession(async (session) => {
    const { rows } = await session.query<{ locked: boolean }>("select pg_try_advisory_lock($1, hashtext($2)) as locked", [LOCK_NAMESPACE, name]);
    if (!rows[0]?.locked) return { acquired: false } as const;
    try {
      return { acquired: true, result: await fn() } as const;
    } finally {
      // If the session died the lock died with it; a failing unlock must not hide fn's outcome.
      await session.query("select pg_advisory_unlock($1, hashtext($2))", [LOCK_NAMESPACE, name]).catch(() => undefined);
    }
  });
}

/** Second-key namespace of the per-company locks, apart from the jobs' names. */
const COMPANY_LOCK_NAMESPACE = 0x4b524e; // "KRN"

/** Runs fn for a key once every earlier caller of that key is done. */
export type KeyedLock = <T>(key: number, fn: () => Promise<T>) => Promise<T>;

/** Callers of one key queue in this process, in the order they asked. */
export function inProcessLock(): KeyedLock {
  const queues = new Map<number, Promise<unknown>>();
  return async (key, fn) => {
    const ahead = queues.get(key) ?? Promise.resolve();
    let done!: () => void;
    const mine = new Promise<void>((resolve) => (done = resolve));
    const tail = ahead.then(() => mine);
    queues.set(key, tail);
    await ahead;
    try {
      return await fn();
    } finally {
      done();
      if (queues.get(key) === tail) queues.delete(key);
    }
  };
}

/**
 * The lock of one customer company: two saves on it plan its follow-up one after the other, so the second
 * finds what the first planned. In the process the callers queue; over PostgreSQL the queue's head also
 * holds a session advisory lock, so connector instances take turns too.
 */
export function companyLock(db: Db): KeyedLock {
  const local = inProcessLock();
  if (db.kind === "pglite") return local;
  return (companyId, fn) =>
    local(companyId, () =>
      db.withSession(async (session) => {
        await session.query("select pg_advisory_lock($1, $2)", [COMPANY_LOCK_NAMESPACE, companyId]);
        try {
          return await fn();
        } finally {
          await session.query("select pg_advisory_unlock($1, $2)", [COMPANY_LOCK_NAMESPACE, companyId]).catch(() => undefined);
        }
      }),
    );
}
