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
