import type { RevenuePartial, RevenueSettings } from "../../../../shared/domain/revenue";
import type { ColumnMapping, Delimiter, ReadOptions } from "../mapping";
import type { NaturalKeysData } from "../natural-keys";
import type { BadRow } from "../rows";

/** One byte range of a CSV file for a worker: rows from `start` (a row start) to `end` (after a line break). */
export interface RangeJob {
  path: string;
  start: number;
  end: number;
  header: string[];
  delimiter: Delimiter;
  mapping: ColumnMapping;
  options: ReadOptions;
  revenue: RevenueSettings;
}

/** What a worker found in its range; line numbers are relative to the range (its first line is 1). */
export interface RangeResult {
  partial: RevenuePartial;
  bad: BadRow[];
  rows: number;
  good: number;
  blankLines: number;
  /** Physical lines in the range. */
  lines: number;
  /** Quote characters in the range: an odd count before a boundary means the split fell inside a quoted field. */
  quotes: number;
  /** Natural keys seen, when the mapping makes them (order and line), to find duplicates across ranges. */
  naturalKeys: NaturalKeysData;
}

export type WorkerReply = { id: number; ok: true; result: RangeResult } | { id: number; ok: false; message: string };
