import { readdirSync } from "node:fs";
import { join } from "node:path";

/**
 * `npm run bench [-- name…]`: runs every bench/*.bench.ts in turn (or those whose file name contains
 * one of the given names). Each exports `run(): Promise<void>` and prints its own figures.
 */
interface BenchModule {
  run(): Promise<void>;
}

async function main(): Promise<void> {
  const filters = process.argv.slice(2);
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith(".bench.ts"))
    .filter((f) => filters.length === 0 || filters.some((name) => f.includes(name)))
    .sort();
  if (files.length === 0) {
    console.error(filters.length === 0 ? "No bench/*.bench.ts files." : `No benchmark matches ${filters.join(", ")}.`);
    process.exitCode = 1;
    return;
  }
  let failed = 0;
  for (const file of files) {
    console.log(`\n=== ${file} ===`);
    const started = process.hrtime.bigint();
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the benchmark to run is chosen on the command line
      const mod = require(join(__dirname, file)) as Partial<BenchModule>;
      if (typeof mod.run !== "function") throw new Error(`${file} does not export async function run()`);
      await mod.run();
    } catch (error) {
      failed++;
      console.error(`${file} failed:`, error);
    }
    console.log(`(${file}: ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s)`);
  }
  if (failed > 0) process.exitCode = 1;
}

void main();
