import { createReadStream } from "node:fs";
import { RevenueAccumulator } from "../../../../shared/domain/revenue";
import { tokenizeCsv } from "../csv";
import { CsvRowHandler } from "../read-csv";
import { resolveColumns } from "../rows";
import type { RangeJob, RangeResult } from "./protocol";

const QUOTE = 34;

/** Reads one range of a CSV file into a revenue partial: the work each worker does. */
export async function readRange(job: RangeJob): Promise<RangeResult> {
  const resolved = resolveColumns(job.header, job.mapping);
  if (!resolved.ok) throw new Error(resolved.error.message);
  const acc = new RevenueAccumulator(job.revenue);
  const handler = new CsvRowHandler(resolved.columns, job.mapping, job.options, (line) => acc.add(line));
  let quotes = 0;
  async function* counted(): AsyncIterable<Buffer> {
    if (job.end <= job.start) return;
    for await (const chunk of createReadStream(job.path, { start: job.start, end: job.end - 1, highWaterMark: 1 << 20 })) {
      const buf = chunk as Buffer;
      for (let i = buf.indexOf(QUOTE); i >= 0; i = buf.indexOf(QUOTE, i + 1)) quotes++;
      yield buf;
    }
  }
  const result = await tokenizeCsv(counted(), job.delimiter, (row) => handler.handle(row), job.options.encoding);
  return {
    partial: acc.partial(),
    bad: handler.bad,
    rows: handler.rows,
    good: handler.good,
    blankLines: result.blankLines,
    lines: result.lines,
    quotes,
    naturalKeys: job.mapping.orderLine !== undefined ? handler.naturalKeys().data() : { packed: new Float64Array(0), texts: [] },
  };
}
