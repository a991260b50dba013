import crypto from "node:crypto";
import type { LocalDate, OrderLine } from "../../../shared/domain";
import type { Db, Queryable } from "./db";

/**
 * Order lines and their import batches. A line is identified within its source by its natural key:
 * the ERP's order number and line (whichever customer key the export used), or for lines without an
 * order number a hash of their content. A known line arriving again unchanged is a duplicate; with a
 * different amount, date, currency or customer it is "changed", and overwritten only when asked.
 */

export interface StoredOrderLine extends OrderLine {
  customerKeyKind: string;
  orderNumber: string | null;
  orderLine: string | null;
}

/** A line to store: the reader's order line; naturalKey null when the source has no order number. */
export interface OrderLineInput extends StoredOrderLine {
  naturalKey: string | null;
  sourceLine?: number;
}

export interface RejectedRow {
  line: number;
  reason: string;
  column?: string | null;
}

export interface ImportBatch {
  id: number;
  source: string;
  fileName: string | null;
  fileSha256: string | null;
  status: "running" | "completed" | "failed";
  startedAt: Date;
  finishedAt: Date | null;
  rowsRead: number;
  rowsInserted: number;
  rowsDuplicate: number;
  rowsRejected: number;
  rejects: RejectedRow[];
}

/** Rows per INSERT: a few thousand keeps memory flat and round trips few on both drivers. */
const CHUNK = 5000;

/** What differs between a stored line and the same line in a later import. */
export type ChangedField = "amount" | "date" | "currency" | "customer";

export interface ChangedLine {
  line: number;
  orderNumber: string | null;
  orderLine: string | null;
  fields: ChangedField[];
}

/** The stored line a new one is compared with. */
export interface StoredLineState {
  customerKeyKind: string;
  customerKey: string;
  date: LocalDate;
  amount: number;
  currency: string;
}

export interface InsertOptions {
  /** Overwrite known lines whose amount, date, currency or customer changed (default: report them only). */
  updateChanged?: boolean;
  /** Whether two customer keys name the same customer (default: the same kind and key). */
  sameCustomer?: (stored: StoredLineState, line: OrderLineInput) => boolean;
}

/** At most this many changed lines are listed in a report; all are counted. */
export const CHANGES_LISTED = 1000;

/**
 * The key that makes a line unique within its source: the ERP's order number and line when mapped;
 * otherwise a hash of the line's content and how many identical lines came before it in the file,
 * so a re-import of the same or an overlapping export maps to the same keys.
 */
export function naturalKeysOf(lines: readonly OrderLineInput[]): string[] {
  const seen = new Map<string, number>();
  return lines.map((l) => {
    if (l.naturalKey) return `o:${l.naturalKey}`;
    const content = [l.customerKeyKind, l.customerKey, l.date, l.amount, l.currency, l.productLine ?? "", l.country ?? ""].join("\u001f");
    const n = (seen.get(content) ?? 0) + 1;
    seen.set(content, n);
    return `h:${crypto.createHash("sha256").update(`${content}\u001f${n}`).digest("base64url")}`;
  });
}

interface BatchRow {
  id: number;
  source: string;
  file_name: string | null;
  file_sha256: string | null;
  status: ImportBatch["status"];
  started_at: Date;
  finished_at: Date | null;
  rows_read: number;
  rows_inserted: number;
  rows_duplicate: number;
  rows_rejected: number;
  rejects: RejectedRow[];
}

const toBatch = (r: BatchRow): ImportBatch => ({
  id: r.id,
  source: r.source,
  fileName: r.file_name,
  fileSha256: r.file_sha256,
  status: r.status,
  startedAt: new Date(r.started_at),
  finishedAt: r.finished_at ? new Date(r.finished_at) : null,
  rowsRead: r.rows_read,
  rowsInserted: r.rows_inserted,
  rowsDuplicate: r.rows_duplicate,
  rowsRejected: r.rows_rejected,
  rejects: r.rejects,
});

export function ordersRepository(db: Db) {
  async function insertChunk(tx: Queryable, batchId: number, source: string, lines: readonly OrderLineInput[], keys: readonly string[]): Promise<number> {
    const { rowCount } = await tx.query(
      `insert into order_lines (source, natural_key, batch_id, source_line, customer_key_kind, customer_key, order_date, amount, currency, product_line, country, order_number, order_line)
       select $1, k, $2, sl, ckk, ck, d::date, a::numeric, cur, pl, co, onr, ol
       from unnest($3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])
         as t(k, sl, ckk, ck, d, a, cur, pl, co, onr, ol)
       on conflict (source, natural_key) do nothing`,
      [
        source,
        batchId,
        keys,
        lines.map((l) => l.sourceLine ?? null),
        lines.map((l) => l.customerKeyKind),
        lines.map((l) => l.customerKey),
        lines.map((l) => l.date),
        // Amounts travel as text so no binary float rounding reaches the numeric column.
        lines.map((l) => String(l.amount)),
        lines.map((l) => l.currency),
        lines.map((l) => l.productLine),
        lines.map((l) => l.country),
        lines.map((l) => l.orderNumber),
        lines.map((l) => l.orderLine),
      ],
    );
    return rowCount;
  }

  return {
    async startBatch(batch: { source: string; fileName?: string | null; fileSha256?: string | null }): Promise<number> {
      const { rows } = await db.query<{ id: number }>("insert into import_batches (source, file_name, file_sha256) values ($1, $2, $3) returning id", [
        batch.source,
        batch.fileName ?? null,
        batch.fileSha256 ?? null,
      ]);
      return rows[0]!.id;
    },

    /**
     * Stores the lines not yet known for this source. Known lines are duplicates when nothing differs,
     * else changed: listed, and overwritten only with `updateChanged`.
     */
    async insertLines(
      batchId: number,
      source: string,
      lines: readonly OrderLineInput[],
      options: InsertOptions = {},
    ): Promise<{ inserted: number; duplicates: number; changed: number; updated: number; changes: ChangedLine[] }> {
      const keys = naturalKeysOf(lines);
      const sameCustomer = options.sameCustomer ?? ((a, b) => a.customerKeyKind === b.customerKeyKind && a.customerKey === b.customerKey);
      let inserted = 0;
      let duplicates = 0;
      let changed = 0;
      let updated = 0;
      const changes: ChangedLine[] = [];
      await db.transaction(async (tx) => {
        for (let i = 0; i < lines.length; i += CHUNK) {
          const chunk = lines.slice(i, i + CHUNK);
          const chunkKeys = keys.slice(i, i + CHUNK);
          const { rows } = await tx.query<{ id: number; natural_key: string; customer_key_kind: string; customer_key: string; date: string; amount: string; currency: string }>(
            `select id, natural_key, customer_key_kind, customer_key, to_char(order_date, 'YYYY-MM-DD') as date, amount::text as amount, currency
             from order_lines where source = $1 and natural_key = any($2::text[])`,
            [source, chunkKeys],
          );
          const known = new Map(rows.map((r) => [r.natural_key, r]));
          const fresh: OrderLineInput[] = [];
          const freshKeys: string[] = [];
          const overwrite: { id: number; line: OrderLineInput }[] = [];
          chunk.forEach((line, j) => {
            const key = chunkKeys[j] as string;
            const stored = known.get(key);
            if (!stored) {
              fresh.push(line);
              freshKeys.push(key);
              return;
            }
            const state: StoredLineState = { customerKeyKind: stored.customer_key_kind, customerKey: stored.customer_key, date: stored.date, amount: Number(stored.amount), currency: stored.currency };
            const fields: ChangedField[] = [];
            if (state.amount !== Number(line.amount)) fields.push("amount");
            if (state.date !== line.date) fields.push("date");
            if (state.currency !== line.currency) fields.push("currency");
            if (!sameCustomer(state, line)) fields.push("customer");
            if (fields.length === 0) {
              duplicates++;
              return;
            }
            changed++;
            if (changes.length < CHANGES_LISTED) changes.push({ line: line.sourceLine ?? 0, orderNumber: line.orderNumber, orderLine: line.orderLine, fields });
            if (options.updateChanged) overwrite.push({ id: stored.id, line });
          });
          inserted += fresh.length > 0 ? await insertChunk(tx, batchId, source, fresh, freshKeys) : 0;
          for (const { id, line } of overwrite) {
            await tx.query(
              `update order_lines set customer_key_kind = $2, customer_key = $3, order_date = $4::date, amount = $5::numeric, currency = $6,
                 product_line = $7, country = $8, batch_id = $9, source_line = $10 where id = $1`,
              [id, line.customerKeyKind, line.customerKey, line.date, String(line.amount), line.currency, line.productLine, line.country, batchId, line.sourceLine ?? null],
            );
            updated++;
          }
        }
        await tx.query("update import_batches set rows_inserted = rows_inserted + $2, rows_duplicate = rows_duplicate + $3 where id = $1", [
          batchId,
          inserted + updated,
          duplicates,
        ]);
      });
      return { inserted, duplicates, changed, updated, changes };
    },

    async finishBatch(batchId: number, outcome: { status: "completed" | "failed"; rowsRead: number; rejects: readonly RejectedRow[]; error?: string }): Promise<ImportBatch> {
      const { rows } = await db.query<BatchRow>(
        `update import_batches set status = $2, rows_read = $3, rows_rejected = $4, rejects = $5::jsonb, error = $6, finished_at = now()
         where id = $1 returning *`,
        [batchId, outcome.status, outcome.rowsRead, outcome.rejects.length, JSON.stringify(outcome.rejects), outcome.error ?? null],
      );
      if (!rows[0]) throw new Error(`No import batch ${batchId}`);
      return toBatch(rows[0]);
    },

    async getBatch(batchId: number): Promise<ImportBatch | null> {
      const { rows } = await db.query<BatchRow>("select * from import_batches where id = $1", [batchId]);
      return rows[0] ? toBatch(rows[0]) : null;
    },

    /** The latest completed import of exactly this file content, if any. */
    async findCompletedBatchByFile(source: string, fileSha256: string): Promise<ImportBatch | null> {
      const { rows } = await db.query<BatchRow>(
        "select * from import_batches where source = $1 and file_sha256 = $2 and status = 'completed' order by id desc limit 1",
        [source, fileSha256],
      );
      return rows[0] ? toBatch(rows[0]) : null;
    },

    /** Lines dated within [from, to] (inclusive ISO dates), all sources. */
    async linesBetween(from: LocalDate, to: LocalDate): Promise<StoredOrderLine[]> {
      const { rows } = await db.query<{
        customer_key_kind: string;
        customer_key: string;
        date: string;
        amount: number;
        currency: string;
        product_line: string | null;
        country: string | null;
        order_number: string | null;
        order_line: string | null;
      }>(
        `select customer_key_kind, customer_key, to_char(order_date, 'YYYY-MM-DD') as date, amount::float8 as amount, currency,
                product_line, country, order_number, order_line
         from order_lines where order_date between $1::date and $2::date order by order_date, id`,
        [from, to],
      );
      return rows.map((r) => ({
        customerKeyKind: r.customer_key_kind,
        customerKey: r.customer_key,
        date: r.date,
        amount: r.amount,
        currency: r.currency,
        productLine: r.product_line,
        country: r.country,
        orderNumber: r.order_number,
        orderLine: r.order_line,
      }));
    },

    /**
     * Removes imported order history: the lines of every import of one file (by its file name as
     * imported), or everything. Lines a later import took over (updated) belong to that later import.
     */
    async removeLines(what: { source: string } | { all: true }): Promise<{ lines: number; imports: number }> {
      return db.transaction(async (tx) => {
        if ("all" in what) {
          const lines = await tx.query("delete from order_lines");
          const imports = await tx.query("delete from import_batches");
          return { lines: lines.rowCount, imports: imports.rowCount };
        }
        const name = what.source.replace(/^.*[\\/]/, "");
        const lines = await tx.query("delete from order_lines where batch_id in (select id from import_batches where file_name = $1)", [name]);
        const imports = await tx.query("delete from import_batches where file_name = $1", [name]);
        return { lines: lines.rowCount, imports: imports.rowCount };
      });
    },

    async countLines(): Promise<number> {
      const { rows } = await db.query<{ n: number }>("select count(*)::int as n from order_lines");
      return rows[0]!.n;
    },
  };
}
export type OrdersRepository = ReturnType<typeof ordersRepository>;
