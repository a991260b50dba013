import { open } from "node:fs/promises";
import { RevenueAccumulator, type RevenueSettings, type RevenueSummary } from "../../../../shared/domain/revenue";
import { tokenizeCsv } from "../csv";
import { ColumnMappingSchema, ReadOptionsSchema, type ColumnMapping, type ColumnMappingInput, type Delimiter, type ReadOptions, type ReadOptionsInput } from "../mapping";
import { headerOf, streamCsvOrderLines, type ReadSummary } from "../read-csv";
import { NaturalKeySet } from "../natural-keys";
import { resolveColumns, type FileError } from "../rows";
import { CsvWorkerPool, defaultPoolSize } from "./pool";
import type { RangeJob, RangeResult } from "./protocol";

/** Below this size one thread is faster than splitting the file. */
export const PARALLEL_MIN_BYTES = 8 << 20;
const HEAD_BYTES = 1 << 20;
const PROBE_BYTES = 1 << 16;
const LF = 10;
const QUOTE = 34;

export type AggregateOutcome =
  | { ok: true; summary: ReadSummary; revenue: RevenueSummary; /** How many ranges were read in parallel (1: sequentially). */ ranges: number }
  | { ok: false; error: FileError };

/**
 * Revenue per customer straight from a CSV export, reading the file in parallel ranges on worker
 * threads and merging the partial sums. The result is the sequential reader's: same rows, bad rows
 * (by line) and totals. When a split could be wrong — a boundary inside a quoted field, the same
 * order line in two ranges, or a bad row under onError "stop" — it reads the file again in one pass.
 */
export async function aggregateCsvRevenue(input: {
  path: string;
  mapping: ColumnMappingInput;
  options: ReadOptionsInput;
  revenue: RevenueSettings;
  /** A pool to reuse; without one, a pool is started for this file and closed after. */
  pool?: CsvWorkerPool;
  /** Files smaller than this are read on one thread (default PARALLEL_MIN_BYTES). */
  minParallelBytes?: number;
}): Promise<AggregateOutcome> {
  const mapping = ColumnMappingSchema.parse(input.mapping);
  const options = ReadOptionsSchema.parse(input.options);
  const plan = await planRanges(input.path, mapping, options, input.pool?.size, input.minParallelBytes ?? PARALLEL_MIN_BYTES);
  if (!plan.ok) return plan;
  if (plan.bounds.length < 3) return sequential(input.path, mapping, options, input.revenue);
  const pool = input.pool ?? new CsvWorkerPool(plan.bounds.length - 1);
  let results: RangeResult[];
  try {
    const jobs: RangeJob[] = plan.bounds.slice(0, -1).map((start, k) => ({
      path: input.path,
      start,
      end: plan.bounds[k + 1] as number,
      header: plan.header,
      delimiter: plan.delimiter,
      mapping,
      options,
      revenue: input.revenue,
    }));
    results = await pool.run(jobs);
  } catch (error) {
    return { ok: false, error: { code: "FILE_UNREADABLE", message: `The file could not be read: ${(error as Error).message}` } };
  } finally {
    if (!input.pool) await pool.close();
  }
  if (!splitHeld(results, mapping, options)) return sequential(input.path, mapping, options, input.revenue);

  const acc = new RevenueAccumulator(input.revenue);
  const summary: ReadSummary = { rows: 0, good: 0, bad: [], blankLines: 0, stopped: false, delimiter: plan.delimiter, warnings: [] };
  let lineOffset = plan.headerLines;
  for (const r of results) {
    acc.merge(r.partial, lineOffset);
    for (const b of r.bad) summary.bad.push({ ...b, line: b.line + lineOffset });
    summary.rows += r.rows;
    summary.good += r.good;
    summary.blankLines += r.blankLines;
    lineOffset += r.lines;
  }
  return { ok: true, summary, revenue: acc.summary(), ranges: results.length };
}

/** The parallel result stands only when every boundary is outside quotes and no order line is in two ranges. */
function splitHeld(results: readonly RangeResult[], mapping: ColumnMapping, options: ReadOptions): boolean {
  let quotes = 0;
  for (const r of results) {
    if (quotes % 2 !== 0) return false;
    quotes += r.quotes;
    if (options.onError === "stop" && r.bad.length > 0) return false;
  }
  if (mapping.orderLine !== undefined) {
    // Keys are unique within a range (a repeat there is a bad row), so a repeat here spans two ranges.
    const seen = new NaturalKeySet();
    for (const r of results) if (!seen.absorb(r.naturalKeys)) return false;
  }
  return true;
}

async function sequential(path: string, mapping: ColumnMapping, options: ReadOptions, revenue: RevenueSettings): Promise<AggregateOutcome> {
  const acc = new RevenueAccumulator(revenue);
  const outcome = await streamCsvOrderLines(path, mapping, options, (line) => acc.add(line));
  if (!outcome.ok) return outcome;
  return { ok: true, summary: outcome.summary, revenue: acc.summary(), ranges: 1 };
}

type Plan = { ok: true; header: string[]; delimiter: Delimiter; headerLines: number; bounds: number[] } | { ok: false; error: FileError };

/**
 * Reads the header and picks range boundaries: each just after a line break near an equal share of
 * the file. Fewer than two ranges (small file, one worker, a header we cannot see the end of) means
 * reading sequentially.
 */
async function planRanges(path: string, mapping: ColumnMapping, options: ReadOptions, workers: number | undefined, minBytes: number): Promise<Plan> {
  let file;
  try {
    file = await open(path, "r");
  } catch (error) {
    return { ok: false, error: { code: "FILE_UNREADABLE", message: `The file could not be read: ${(error as Error).message}` } };
  }
  try {
    const size = (await file.stat()).size;
    const head = Buffer.alloc(Math.min(size, HEAD_BYTES));
    await file.read(head, 0, head.length, 0);
    const bom = head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
    const headerEnd = endOfFirstRow(head, bom);
    let header: string[] | null = null;
    let delimiter: Delimiter = options.delimiter ?? ",";
    const headBytes = head.subarray(bom, headerEnd < 0 ? head.length : headerEnd);
    const info = await tokenizeCsv(headBytes, options.delimiter, (row) => {
      header = headerOf(row);
      return false;
    }, options.encoding);
    delimiter = info.delimiter;
    const fields = header as string[] | null;
    if (fields === null) return { ok: false, error: { code: "EMPTY_FILE", message: "The file is empty: no header row." } };
    const resolved = resolveColumns(fields, mapping);
    if (!resolved.ok) return { ok: false, error: resolved.error };
    // Ranges of at least half the threshold each, one per worker.
    const count = Math.min(workers ?? defaultPoolSize(), Math.floor((2 * size) / Math.max(1, minBytes)));
    if (headerEnd < 0 || size < minBytes || count < 2) return { ok: true, header: fields, delimiter, headerLines: 1, bounds: [] };
    let headerLines = 0;
    for (let i = bom; i < headerEnd; i++) if (head[i] === LF) headerLines++;
    const bounds = [headerEnd];
    const probe = Buffer.alloc(PROBE_BYTES);
    for (let k = 1; k < count; k++) {
      const at = headerEnd + Math.floor(((size - headerEnd) * k) / count);
      const { bytesRead } = await file.read(probe, 0, PROBE_BYTES, at);
      const lf = probe.subarray(0, bytesRead).indexOf(LF);
      if (lf < 0) return { ok: true, header: fields, delimiter, headerLines, bounds: [] };
      const bound = at + lf + 1;
      if (bound > (bounds[bounds.length - 1] as number) && bound < size) bounds.push(bound);
    }
    bounds.push(size);
    return { ok: true, header: fields, delimiter, headerLines, bounds };
  } finally {
    await file.close();
  }
}

/** The position after the first line break outside quotes, or -1 when the buffer holds no whole row. */
function endOfFirstRow(buf: Buffer, from: number): number {
  let quoted = false;
  for (let i = from; i < buf.length; i++) {
    const b = buf[i];
    if (b === QUOTE) quoted = !quoted;
    else if (b === LF && !quoted) return i + 1;
  }
  return -1;
}
