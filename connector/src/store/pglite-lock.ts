import fs from "node:fs";

/**
 * One process per embedded database folder: PGlite is a single-user PostgreSQL, and two processes on
 * one folder corrupt it. The lock is a file beside the folder, created exclusively and holding the
 * owner's process id; a lock whose process is gone is taken over.
 */

export class StoreLockedError extends Error {
  override readonly name = "StoreLockedError";
  readonly code = "STORE_LOCKED";
  constructor(
    readonly pid: number,
    readonly dataDir: string,
  ) {
    super(`The embedded database in ${dataDir} is in use by another process (${pid}), most likely the running connector (npm start).`);
  }
}

export function lockFileOf(dataDir: string): string {
  return `${dataDir.replace(/[\\/]+$/, "")}.lock`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The live process holding the folder's lock, or null. */
export function lockHolder(dataDir: string): number | null {
  let text: string;
  try {
    text = fs.readFileSync(lockFileOf(dataDir), "utf8");
  } catch {
    return null;
  }
  const pid = Number.parseInt(text, 10);
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid) ? pid : null;
}

/** Takes the folder's lock or throws StoreLockedError; returns the release. */
export function acquireStoreLock(dataDir: string): () => void {
  const file = lockFileOf(dataDir);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, "wx", 0o600);
      fs.writeSync(fd, `${process.pid}\n`);
      fs.closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(file, "utf8").trim() === String(process.pid)) fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = lockHolder(dataDir);
      if (holder !== null) throw new StoreLockedError(holder, dataDir);
      // Left by a process that is gone (killed, crashed): take it over.
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Cannot take the lock ${file}`);
}
