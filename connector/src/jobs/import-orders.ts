import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { DEFAULT_COLUMN_MAPPING } from "../../../shared/api/imports";
import type { TextEncoding } from "../erp/csv";
import type { BadRowReport, ImportReport } from "../../../shared/api/jobs";
import type { CrmFullPort } from "../crm/port";
import { ColumnMappingSchema, fileKindOf, streamCsvOrderLines, streamXlsxOrderLines, type ColumnMappingInput, type ErpOrderLine, type FileKind, type OnError } from "../erp";
import type { Db } from "../store/db";
import { CHANGES_LISTED, ordersRepository, type ChangedLine, type OrderLineInput } from "../store/orders";
import { CustomerKeyIndex } from "./customer-keys";

/** The demo ERP's export (and a common shape): customers by organisation number. */
export const DEFAULT_MAPPING: ColumnMappingInput = DEFAULT_COLUMN_MAPPING;

/** Every ERP export shares one source, so a later file's overlap with an earlier one is recognised. */
export const ERP_SOURCE = "erp";
export const SALES_SOURCE = "superoffice-sales";

export interface ImportProgress {
  (phase: "read" | "resolve" | "write", done: number, total: number | null): void;
}

export interface ImportFileOptions {
  file: string;
  format?: FileKind;
  mapping: ColumnMappingInput;
  /** "stop": the first bad row (unreadable, or no CRM company) refuses the whole file; "skip": import the good rows. */
  onError: "stop" | "skip";
  decimal?: "auto" | "," | ".";
  /** CSV only: the file's encoding; default: detected (see the reader's `encoding`). */
  encoding?: TextEncoding;
  sheet?: string;
  /** Overwrite known lines whose amount, date, currency or customer changed; without it they are only reported. */
  updateChanged?: boolean;
  progress?: ImportProgress;
}

function sha256(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = crypto.createHash("sha256");
    fs.createReadStream(file)
      .on("data", (chunk) => hash.update(chunk))
      .on("error", reject)
      .on("end", () => resolve(hash.digest("hex")));
  });
}

const toBad = (b: { line: number; reason: string; column?: string | null }): BadRowReport => ({ line: b.line, reason: b.reason, column: b.column ?? null });

function refused(source: string, rows: number, good: number, bad: BadRowReport[], fileError: string | null): ImportReport {
  return { source, written: false, rows, good, inserted: 0, alreadyImported: 0, changed: 0, updated: 0, changes: [], bad, warnings: [], fileError, batchId: null };
}

/**
 * Imports an ERP export: reads and validates every row, finds each customer's CRM company from one
 * paged company listing, and stores the lines not yet known (order number + line). A known line with a
 * different amount, date, currency or customer is reported as changed and overwritten only with
 * `updateChanged`. With onError "stop" a bad
 * row or an unknown customer writes nothing; with "skip" the good rows are stored and every bad one is
 * reported with its line and reason.
 */
export async function importOrderFile(deps: { db: Db; crm: Pick<CrmFullPort, "listCompanies"> }, options: ImportFileOptions): Promise<ImportReport> {
  const source = path.basename(options.file);
  const mapping = ColumnMappingSchema.parse(options.mapping);
  const kind = options.format ?? fileKindOf(options.file);
  if (kind === null) return refused(source, 0, 0, [], `Unknown file type "${path.extname(options.file)}": use --format csv or xlsx.`);
  if (!fs.existsSync(options.file)) return refused(source, 0, 0, [], `No such file: ${options.file}`);

  const lines: ErpOrderLine[] = [];
  const onError: OnError = options.onError === "stop" ? "stop" : "keep-good-rows";
  const readOptions = {
    onError,
    ...(options.decimal ? { decimal: options.decimal } : {}),
    ...(options.encoding ? { encoding: options.encoding } : {}),
    ...(options.sheet ? { sheet: options.sheet } : {}),
  };
  const onLine = (l: ErpOrderLine) => {
    lines.push(l);
    if (lines.length % 50_000 === 0) options.progress?.("read", lines.length, null);
  };
  const outcome = kind === "xlsx" ? await streamXlsxOrderLines(options.file, mapping, readOptions, onLine) : await streamCsvOrderLines(options.file, mapping, readOptions, onLine);
  if (!outcome.ok) return refused(source, 0, 0, [], outcome.error.message);
  const summary = outcome.summary;
  const bad = summary.bad.map(toBad);
  if (summary.stopped) return { ...refused(source, summary.rows, 0, bad, null), warnings: summary.warnings };

  options.progress?.("resolve", 0, lines.length);
  const index = new CustomerKeyIndex(await deps.crm.listCompanies());
  const good: OrderLineInput[] = [];
  for (const line of lines) {
    const found = index.resolve(line.customerKeyKind, line.customerKey);
    if (found.ok) {
      good.push(line);
      continue;
    }
    bad.push({ line: line.sourceLine, reason: found.reason, column: mapping.customerKey.column });
    if (options.onError === "stop") return { ...refused(source, summary.rows, good.length, bad, null), warnings: summary.warnings };
  }
  bad.sort((a, b) => a.line - b.line);

  const orders = ordersRepository(deps.db);
  const batchId = await orders.startBatch({ source: ERP_SOURCE, fileName: source, fileSha256: await sha256(options.file) });
  // A stored line keyed another way (org number, customer number, CRM id) is the same customer when both find the same company.
  const sameCustomer = (stored: { customerKeyKind: string; customerKey: string }, line: OrderLineInput) => {
    const a = index.resolve(stored.customerKeyKind, stored.customerKey);
    const b = index.resolve(line.customerKeyKind, line.customerKey);
    return a.ok && b.ok ? a.contactId === b.contactId : stored.customerKeyKind === line.customerKeyKind && stored.customerKey === line.customerKey;
  };
  try {
    const totals = { inserted: 0, duplicates: 0, changed: 0, updated: 0 };
    const changes: ChangedLine[] = [];
    const CHUNK = 50_000;
    for (let i = 0; i < good.length; i += CHUNK) {
      const r = await orders.insertLines(batchId, ERP_SOURCE, good.slice(i, i + CHUNK), { updateChanged: options.updateChanged ?? false, sameCustomer });
      totals.inserted += r.inserted;
      totals.duplicates += r.duplicates;
      totals.changed += r.changed;
      totals.updated += r.updated;
      changes.push(...r.changes.slice(0, CHANGES_LISTED - changes.length));
      options.progress?.("write", Math.min(i + CHUNK, good.length), good.length);
    }
    await orders.finishBatch(batchId, { status: "completed", rowsRead: summary.rows, rejects: bad });
    return {
      source,
      written: true,
      rows: summary.rows,
      good: good.length,
      inserted: totals.inserted,
      alreadyImported: totals.duplicates,
      changed: totals.changed,
      updated: totals.updated,
      changes,
      bad,
      warnings: summary.warnings,
      fileError: null,
      batchId,
    };
  } catch (error) {
    await orders.finishBatch(batchId, { status: "failed", rowsRead: summary.rows, rejects: bad, error: (error as Error).message }).catch(() => undefined);
    throw error;
  }
}

/**
 * Imports SuperOffice sales with status Sold dated in [from, to] as order lines (natural key: the sale
 * id). Sales the CRM returns in a shape that cannot be read, or without a company, are reported.
 */
export async function importSoldSales(
  deps: { db: Db; crm: Pick<CrmFullPort, "listSoldSales"> },
  options: { from: string; to: string; currency: string; onError: "stop" | "skip" },
): Promise<ImportReport> {
  const source = `${SALES_SOURCE} ${options.from}..${options.to}`;
  const page = await deps.crm.listSoldSales(options.from, options.to);
  const bad: BadRowReport[] = page.rejected.map((r) => ({ line: r.saleId ?? 0, reason: `sale ${r.saleId ?? "?"}: ${r.reason}`, column: null }));
  const good: OrderLineInput[] = [];
  for (const sale of page.sales) {
    const currency = (sale.currency ?? options.currency).trim().toUpperCase();
    if (sale.contactId === null) {
      bad.push({ line: sale.id, reason: `sale ${sale.id} has no company`, column: null });
      continue;
    }
    if (!/^[A-Z]{3}$/.test(currency)) {
      bad.push({ line: sale.id, reason: `sale ${sale.id}: currency "${currency}" is not a currency code`, column: null });
      continue;
    }
    good.push({
      customerKeyKind: "crmId",
      customerKey: String(sale.contactId),
      date: sale.date,
      amount: sale.amount,
      currency,
      productLine: null,
      country: null,
      orderNumber: String(sale.id),
      orderLine: null,
      naturalKey: `sale:${sale.id}`,
      sourceLine: sale.id,
    });
  }
  const rows = page.sales.length + page.rejected.length;
  if (bad.length > 0 && options.onError === "stop") return refused(source, rows, good.length, bad, null);
  const orders = ordersRepository(deps.db);
  const batchId = await orders.startBatch({ source: SALES_SOURCE, fileName: null, fileSha256: null });
  // A sale is SuperOffice's own record: a later import of a changed sale always takes the CRM's word.
  const r = await orders.insertLines(batchId, SALES_SOURCE, good, { updateChanged: true });
  await orders.finishBatch(batchId, { status: "completed", rowsRead: rows, rejects: bad });
  return { source, written: true, rows, good: good.length, inserted: r.inserted, alreadyImported: r.duplicates, changed: r.changed, updated: r.updated, changes: r.changes, bad, warnings: [], fileError: null, batchId };
}
