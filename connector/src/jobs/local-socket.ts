import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { ImportReport, WeeklyListsReport } from "../../../shared/api/jobs";
import type { Settings, SettingsKey } from "../../../shared/api/settings";
import type { LocalDate } from "../../../shared/domain/dates";
import type { IsoWeek } from "../../../shared/domain/iso-week";
import type { Db } from "../store/db";
import { ordersRepository } from "../store/orders";
import type { ClassifyOutcome } from "./apply-classification";
import type { ImportFileOptions } from "./import-orders";
import type { JobServices } from "./services";

/**
 * The admin's jobs as the CLI runs them. With the embedded database only one process may open the
 * store, so a running connector serves these over a local socket in its data folder (a Unix socket with
 * mode 600, or a named pipe on Windows): `kundrytm` beside `npm start` sends its work there and the
 * connector does it on its own store. Only the user who owns the data folder can connect.
 */
/** Progress callbacks run only in the process doing the work; over the socket they are left out. */
export interface AdminJobs {
  importFile(options: ImportFileOptions): Promise<ImportReport>;
  importSales(options: { from: LocalDate; to?: LocalDate; onError: "stop" | "skip" }): Promise<ImportReport>;
  classify(options: { dryRun: boolean; asOf?: LocalDate; onProgress?: (done: number, total: number) => void }): Promise<ClassifyOutcome>;
  weeklyLists(options: { week?: IsoWeek; dryRun: boolean; onRep?: (done: number, total: number) => void }): Promise<WeeklyListsReport>;
  readSettings(): Promise<Settings>;
  saveSetting(key: SettingsKey, value: unknown): Promise<unknown>;
  removeOrders(options: { source: string } | { all: true }): Promise<{ lines: number; imports: number }>;
}

export function adminJobsOf(jobs: JobServices, db: Db): AdminJobs {
  return {
    importFile: (options) => jobs.importFile(options),
    importSales: (options) => jobs.importSales(options),
    classify: (options) => jobs.classify(options),
    weeklyLists: (options) => jobs.weeklyLists(options),
    readSettings: () => jobs.settings.readAll(),
    saveSetting: (key, value) => jobs.settings.save(key, value),
    removeOrders: (options) => ordersRepository(db).removeLines(options),
  };
}

const METHODS = ["importFile", "importSales", "classify", "weeklyLists", "readSettings", "saveSetting", "removeOrders"] as const satisfies readonly (keyof AdminJobs)[];
type Method = (typeof METHODS)[number];

/** Where the connector of this data folder listens. */
export function socketPathOf(dataDir: string): string {
  const hash = crypto.createHash("sha256").update(path.resolve(dataDir)).digest("hex").slice(0, 16);
  if (process.platform === "win32") return `\\\\.\\pipe\\kundrytm-${hash}`;
  const inFolder = path.join(path.resolve(dataDir), "kundrytm.sock");
  // Unix socket paths are limited to about 100 bytes.
  return Buffer.byteLength(inFolder) < 100 ? inFolder : path.join(os.tmpdir(), `kundrytm-${hash}.sock`);
}

/** An error from the connector, with the name and the problems it had there. */
export class RemoteJobError extends Error {
  constructor(
    message: string,
    readonly remoteName: string,
    readonly problems: { path: (string | number)[]; message: string }[],
  ) {
    super(message);
    this.name = remoteName;
  }
}

export interface LocalJobServer {
  path: string;
  close(): Promise<void>;
}

/** Serves the jobs on the data folder's socket: one JSON request line per connection, one JSON answer line. */
export async function serveLocalJobs(dataDir: string, jobs: AdminJobs): Promise<LocalJobServer> {
  const where = socketPathOf(dataDir);
  // The caller holds the store's lock: a socket file left here is from a process that is gone.
  if (process.platform !== "win32") fs.rmSync(where, { force: true });
  const server = net.createServer((socket) => {
    let buffer = "";
    socket.setEncoding("utf8");
    socket.on("error", () => socket.destroy());
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      const end = buffer.indexOf("\n");
      if (end < 0) {
        if (buffer.length > 1_000_000) socket.destroy();
        return;
      }
      const line = buffer.slice(0, end);
      buffer = "";
      void answer(jobs, line).then((reply) => socket.end(`${JSON.stringify(reply)}\n`));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(where, () => {
      server.off("error", reject);
      resolve();
    });
  });
  if (process.platform !== "win32") fs.chmodSync(where, 0o600);
  return {
    path: where,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        if (process.platform !== "win32") fs.rmSync(where, { force: true });
      }),
  };
}

type Reply = { ok: true; result: unknown } | { ok: false; error: { name: string; message: string; problems: { path: (string | number)[]; message: string }[] } };

async function answer(jobs: AdminJobs, line: string): Promise<Reply> {
  let request: { method?: unknown; params?: unknown };
  try {
    request = JSON.parse(line) as typeof request;
  } catch {
    return { ok: false, error: { name: "BadRequest", message: "The request is not JSON.", problems: [] } };
  }
  if (typeof request.method !== "string" || !(METHODS as readonly string[]).includes(request.method)) {
    return { ok: false, error: { name: "BadRequest", message: `Unknown job ${String(request.method)}.`, problems: [] } };
  }
  const params = Array.isArray(request.params) ? request.params : [];
  try {
    const fn = jobs[request.method as Method] as (...args: unknown[]) => Promise<unknown>;
    return { ok: true, result: await fn(...params) };
  } catch (error) {
    const e = error as { name?: unknown; message?: unknown; problems?: unknown };
    return {
      ok: false,
      error: {
        name: typeof e.name === "string" ? e.name : "Error",
        message: typeof e.message === "string" ? e.message : String(error),
        problems: Array.isArray(e.problems) ? (e.problems as { path: (string | number)[]; message: string }[]) : [],
      },
    };
  }
}

/** The jobs of the connector serving this data folder, or null when none answers there. */
export async function connectLocalJobs(dataDir: string): Promise<AdminJobs | null> {
  const where = socketPathOf(dataDir);
  const reachable = await new Promise<boolean>((resolve) => {
    const probe = net.connect(where);
    probe.once("connect", () => {
      probe.destroy();
      resolve(true);
    });
    probe.once("error", () => resolve(false));
  });
  if (!reachable) return null;
  const call =
    (method: Method) =>
    (...params: unknown[]): Promise<never> =>
      new Promise((resolve, reject) => {
        const socket = net.connect(where);
        let text = "";
        socket.setEncoding("utf8");
        socket.on("connect", () => socket.write(`${JSON.stringify({ method, params })}\n`));
        socket.on("data", (chunk: string) => (text += chunk));
        socket.on("error", (error) => reject(new Error(`The running connector stopped answering (${error.message}).`)));
        socket.on("end", () => {
          let reply: Reply;
          try {
            reply = JSON.parse(text) as Reply;
          } catch {
            reject(new Error("The running connector gave no answer; see its log."));
            return;
          }
          if (reply.ok) resolve(reply.result as never);
          else reject(new RemoteJobError(reply.error.message, reply.error.name, reply.error.problems));
        });
      });
  return Object.fromEntries(METHODS.map((m) => [m, call(m)])) as unknown as AdminJobs;
}
