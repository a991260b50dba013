import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { addDays, type LocalDate } from "../shared/domain";

/**
 * A deterministic, Pareto-shaped order history as CSV: customers drawn by a Zipf law (a few buy most),
 * lognormal line amounts, 5 % credit notes, some lines in EUR and NOK, dates over three years before
 * `asOf` plus a few after it. The same seed gives the same file.
 */
export interface HistorySpec {
  lines: number;
  customers: number;
  asOf: LocalDate;
  seed: number;
}

export const HISTORY_COLUMNS = ["customer", "order_date", "amount", "currency", "product_line", "country", "order_no", "line_no"] as const;

export async function writeOrderHistory(path: string, spec: HistorySpec): Promise<{ bytes: number }> {
  const random = mulberry32(spec.seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  // Zipf weights over customer ranks, shuffled onto customer numbers so size does not follow the number.
  const cdf = new Float64Array(spec.customers);
  let sum = 0;
  for (let i = 0; i < spec.customers; i++) {
    sum += 1 / Math.pow(i + 1, 1.05);
    cdf[i] = sum;
  }
  const ids = Array.from({ length: spec.customers }, (_, i) => 5560000000 + i * 7);
  for (let i = ids.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [ids[i], ids[j]] = [ids[j] as number, ids[i] as number];
  }
  const countries = ["SE", "SE", "SE", "NO", "DK", "FI"];
  const productLines = ["Pumps", "Valves", "Hydraulics", "Service", "Spare parts"];
  const days = Array.from({ length: 36 * 31 }, (_, i) => addDays(spec.asOf, -i));
  const out = createWriteStream(path, { encoding: "utf8" });
  let bytes = 0;
  let chunk = `${HISTORY_COLUMNS.join(",")}\n`;
  let order = 100000;
  for (let n = 0; n < spec.lines; n++) {
    const u = random() * sum;
    let lo = 0;
    let hi = spec.customers - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cdf[mid] as number) < u) lo = mid + 1;
      else hi = mid;
    }
    const id = ids[lo] as number;
    const country = countries[id % countries.length] as string;
    const r = random();
    const currency = r < 0.03 ? "EUR" : r < 0.05 ? "NOK" : "SEK";
    let amount = Math.exp(8 + normal());
    if (random() < 0.05) amount = -amount * 0.5;
    const date = random() < 0.002 ? addDays(spec.asOf, 1 + Math.floor(random() * 20)) : (days[Math.floor(random() * days.length)] as string);
    if (n % 3 === 0) order++;
    chunk += `${id},${date},${amount.toFixed(2)},${currency},${productLines[Math.floor(random() * productLines.length)]},${country},${order},${(n % 3) + 1}\n`;
    if (chunk.length > 1 << 20) {
      bytes += Buffer.byteLength(chunk);
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  bytes += Buffer.byteLength(chunk);
  out.end(chunk);
  await once(out, "finish");
  return { bytes };
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
