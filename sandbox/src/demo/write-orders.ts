import fs from "node:fs";
import path from "node:path";
import { generateDemoTenant } from "./generate";
import { ordersToCsv } from "./orders";

/**
 * Writes the demo tenant's ERP order export as CSV, for the order-history import:
 *   node --import tsx sandbox/src/demo/write-orders.ts <out.csv> [--customers N] [--seed S] [--now YYYY-MM-DD]
 * Use the same seed, size and date as the sandbox so customer and org numbers match its companies.
 */
function main(argv: string[]): void {
  const out = argv[0];
  if (!out || out.startsWith("--")) throw new Error("Usage: write-orders.ts <out.csv> [--customers N] [--seed S] [--now YYYY-MM-DD] [--tenant Cust00001]");
  const flag = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const int = (name: string, fallback: number) => {
    const v = flag(name);
    if (v === undefined) return fallback;
    if (!/^\d+$/.test(v)) throw new Error(`--${name} must be a whole number, got "${v}"`);
    return Number(v);
  };
  const nowText = flag("now");
  const now = nowText ? new Date(`${nowText}T00:00:00Z`) : new Date();
  if (Number.isNaN(now.getTime())) throw new Error(`--now must be a date (YYYY-MM-DD), got "${nowText}"`);
  const { orders } = generateDemoTenant({ tenant: flag("tenant") ?? "Cust00001", seed: int("seed", 1), customers: int("customers", 300), now });
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  fs.writeFileSync(out, ordersToCsv(orders));
  console.log(`Wrote ${orders.length} order lines to ${out}`);
}

try {
  main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
