import crypto from "node:crypto";
import { HttpError } from "../http/errors";
import type { Db, Queryable } from "./db";

/**
 * The write ledger: every write to the CRM that must happen once (a logged activity and its follow-up,
 * an archived e-mail, an added sender, a judgement) runs through `runOnce`, keyed by what the caller
 * names it by (the pane's idempotency key, the Message-ID). One row per key holds the claim (which
 * request is working on it), the checkpoints (what has been written so far) and, once done, the answer.
 *
 * - A repeated key whose work is done gets the first answer and writes nothing.
 * - A key another live request is working on waits for it, then answers 409 IN_PROGRESS with Retry-After.
 * - A claim left by a request that failed, or by one that died (not touched for `staleMs`), is taken over
 *   by the next request with its checkpoints; `mayHaveWritten` then tells the work to look in the CRM
 *   (by the marker it puts on what it writes) before writing again.
 * - A key used with other content is refused with 409 CONFLICT: that can never succeed.
 */

export type WriteKind = "activity" | "archive" | "added-sender" | "judgement";

/** What the work of one key sees and records. */
export interface WriteSteps<C> {
  /** What earlier tries of this key recorded (empty on the first try). */
  readonly checkpoints: Readonly<Partial<C>>;
  /** True when an earlier try had started a write whose outcome it did not record. */
  mayHaveWritten(step: keyof C & string): boolean;
  /** Records progress; throws when another request took the claim over meanwhile (nothing more is written). */
  save(progress: Partial<C>): Promise<void>;
  /** Records that a write is about to start (`step` in the checkpoints' `writing` list), then runs it. */
  writing<T>(step: keyof C & string, write: () => Promise<T>): Promise<T>;
}

export interface RunOnceSpec<C, R> {
  kind: WriteKind;
  key: string;
  /** The request's content: the same key with other content is a conflict. */
  content: unknown;
  repEmail: string;
  /** The message of the 409 when the key was used for something else. */
  conflictMessage: string;
  /** The message of the 409 IN_PROGRESS when another request is still working on the key. */
  busyMessage: string;
  work(steps: WriteSteps<C>): Promise<R>;
}

export interface RunOnceResult<R> {
  result: R;
  /** True when the answer is an earlier request's: nothing was written this time. */
  replayed: boolean;
}

export interface LedgerRow<C = Record<string, unknown>, R = unknown> {
  kind: WriteKind;
  key: string;
  state: "pending" | "done";
  checkpoints: Partial<C> & { writing?: string[] };
  result: R | null;
  repEmail: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface WriteLedgerOptions {
  /** A claim untouched for this long belongs to a request that died. Must exceed the longest CRM call. */
  staleMs?: number;
  /** How often running work touches its claim, so it is never taken for dead. */
  heartbeatMs?: number;
  /** How long a repeat waits for the request holding the claim before answering IN_PROGRESS. */
  waitMs?: number;
  pollMs?: number;
  /** What the pane is told to wait before asking again. */
  retryAfterSeconds?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** Thrown inside the work when another request has taken the claim over: this one stops writing. */
export class ClaimLostError extends Error {
  override readonly name = "ClaimLostError";
}

const DEFAULTS = { staleMs: 30_000, heartbeatMs: 5_000, waitMs: 10_000, pollMs: 200, retryAfterSeconds: 2 };

function hashOf(content: unknown): string {
  return crypto.createHash("sha256").update(JSON.stringify(content)).digest("hex");
}

interface RawRow {
  kind: WriteKind;
  key: string;
  state: "pending" | "done";
  request_hash: string;
  claim_token: string | null;
  checkpoints: Record<string, unknown>;
  result: unknown;
  rep_email: string;
  created_at: Date;
  updated_at: Date;
  age_ms: number;
}

const COLUMNS = `kind, key, state, request_hash, claim_token, checkpoints, result, rep_email, created_at, updated_at,
  (extract(epoch from (now() - updated_at)) * 1000)::integer as age_ms`;

function toRow<C, R>(raw: RawRow): LedgerRow<C, R> {
  return {
    kind: raw.kind,
    key: raw.key,
    state: raw.state,
    checkpoints: raw.checkpoints as LedgerRow<C, R>["checkpoints"],
    result: (raw.result ?? null) as R | null,
    repEmail: raw.rep_email,
    createdAt: new Date(raw.created_at),
    updatedAt: new Date(raw.updated_at),
  };
}

export function writeLedger(db: Queryable, options: WriteLedgerOptions = {}) {
  const o = { ...DEFAULTS, ...options };
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  async function readRaw(kind: WriteKind, key: string): Promise<RawRow | null> {
    const { rows } = await db.query<RawRow>(`select ${COLUMNS} from write_ledger where kind = $1 and key = $2`, [kind, key]);
    return rows[0] ?? null;
  }

  async function claimNew(kind: WriteKind, key: string, hash: string, repEmail: string, token: string): Promise<boolean> {
    const { rowCount } = await db.query(
      `insert into write_ledger (kind, key, request_hash, rep_email, state, claim_token) values ($1, $2, $3, $4, 'pending', $5)
       on conflict (kind, key) do nothing returning key`,
      [kind, key, hash, repEmail, token],
    );
    return rowCount === 1;
  }

  /** Takes over a claim nobody holds (released after a failure) or whose holder died; of two takers one wins. */
  async function takeOver(kind: WriteKind, key: string, repEmail: string, token: string): Promise<boolean> {
    const { rowCount } = await db.query(
      `update write_ledger set claim_token = $3, rep_email = $4, updated_at = now()
        where kind = $1 and key = $2 and state = 'pending'
          and (claim_token is null or updated_at < now() - ($5::integer * interval '1 millisecond'))
        returning key`,
      [kind, key, token, repEmail, o.staleMs],
    );
    return rowCount === 1;
  }

  return {
    /** The row of a key, for status look-ups (e.g. is this e-mail archived). */
    async read<C, R>(kind: WriteKind, key: string): Promise<LedgerRow<C, R> | null> {
      const raw = await readRaw(kind, key);
      return raw ? toRow<C, R>(raw) : null;
    },

    async runOnce<C extends Record<string, unknown>, R>(spec: RunOnceSpec<C, R>): Promise<RunOnceResult<R>> {
      const { kind, key, repEmail } = spec;
      const hash = hashOf(spec.content);
      const token = crypto.randomUUID();

      let claimed = await claimNew(kind, key, hash, repEmail, token);
      for (let waited = 0; !claimed; waited += o.pollMs) {
        const row = await readRaw(kind, key);
        if (!row) {
          claimed = await claimNew(kind, key, hash, repEmail, token);
          continue;
        }
        if (row.request_hash !== hash && row.request_hash !== "") throw new HttpError(409, "CONFLICT", spec.conflictMessage);
        if (row.state === "done") return { result: row.result as R, replayed: true };
        if ((row.claim_token === null || row.age_ms >= o.staleMs) && (await takeOver(kind, key, repEmail, token))) {
          claimed = true;
          break;
        }
        if (waited >= o.waitMs) {
          throw new HttpError(409, "IN_PROGRESS", spec.busyMessage, { headers: { "retry-after": String(o.retryAfterSeconds) } });
        }
        await sleep(o.pollMs);
      }

      const stored = (await readRaw(kind, key))?.checkpoints ?? {};
      const checkpoints = { ...stored } as Partial<C> & { writing?: string[] };
      const earlierWrites = new Set(checkpoints.writing ?? []);
      let lost = false;

      const persist = async (set: string, params: unknown[]) => {
        if (lost) throw new ClaimLostError(`Another request took over ${kind} ${key}.`);
        const { rowCount } = await db.query(
          `update write_ledger set ${set}, updated_at = now() where kind = $1 and key = $2 and claim_token = $3 returning key`,
          [kind, key, token, ...params],
        );
        if (rowCount !== 1) {
          lost = true;
          throw new ClaimLostError(`Another request took over ${kind} ${key}.`);
        }
      };
      const steps: WriteSteps<C> = {
        checkpoints,
        mayHaveWritten: (step) => earlierWrites.has(step) && checkpoints[step as keyof C] === undefined,
        async save(progress) {
          Object.assign(checkpoints, progress);
          await persist("checkpoints = $4::jsonb", [JSON.stringify(checkpoints)]);
        },
        async writing(step, write) {
          checkpoints.writing = [...new Set([...(checkpoints.writing ?? []), step])];
          await persist("checkpoints = $4::jsonb", [JSON.stringify(checkpoints)]);
          return write();
        },
      };

      // The claim stays fresh while the work runs, however slow the CRM is.
      const heartbeat = setInterval(() => {
        db.query("update write_ledger set updated_at = now() where kind = $1 and key = $2 and claim_token = $3", [kind, key, token]).catch(() => undefined);
      }, o.heartbeatMs);
      heartbeat.unref?.();
      try {
        const result = await spec.work(steps);
        await persist("state = 'done', result = $4::jsonb, claim_token = null", [JSON.stringify(result)]);
        return { result, replayed: false };
      } catch (error) {
        if (!lost) {
          // Nothing was started in the CRM: forget the key so a retry starts over (with any content).
          // Else release the claim and keep the checkpoints: the retry goes on from them.
          if ((checkpoints.writing ?? []).length === 0) {
            await db.query("delete from write_ledger where kind = $1 and key = $2 and claim_token = $3", [kind, key, token]).catch(() => undefined);
          } else {
            await db.query("update write_ledger set claim_token = null, updated_at = now() where kind = $1 and key = $2 and claim_token = $3", [kind, key, token]).catch(() => undefined);
          }
        }
        throw error;
      } finally {
        clearInterval(heartbeat);
      }
    },
  };
}
export type WriteLedger = ReturnType<typeof writeLedger>;

/**
 * On the embedded store one process owns the data folder: when it opens, no request of an earlier
 * process can still be running, so their claims are released for the next retry to take over at once.
 */
export async function releaseClaimsOfEarlierProcesses(db: Db): Promise<void> {
  if (db.kind !== "pglite") return;
  await db.query("update write_ledger set claim_token = null where state = 'pending' and claim_token is not null");
}
