// Jest reporter: per tier (jest project), its files, tests and time, and the wall time, printed just before
// jest's own summary (which jest always prints last). `npm test` (scripts/test.js) passes its start time, so
// the wall time there covers the type-check, lint and build steps too.
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

class TierTimings {
  constructor(globalConfig) {
    this.maxWorkers = globalConfig.maxWorkers;
  }

  onRunStart() {
    this.jestStarted = Date.now();
  }

  onRunComplete(_contexts, results) {
    const tiers = new Map();
    for (const file of results.testResults) {
      const name = file.displayName?.name ?? "tests";
      const tier = tiers.get(name) ?? { files: 0, tests: 0, first: Infinity, last: 0, busy: 0 };
      tier.files += 1;
      tier.tests += file.numPassingTests + file.numFailingTests + file.numPendingTests;
      tier.first = Math.min(tier.first, file.perfStats.start);
      tier.last = Math.max(tier.last, file.perfStats.end);
      tier.busy += file.perfStats.end - file.perfStats.start;
      tiers.set(name, tier);
    }
    const now = Date.now();
    const lines = [...tiers].map(([name, t]) =>
      `  ${name.padEnd(12)} ${String(t.files).padStart(4)} files ${String(t.tests).padStart(5)} tests   ${seconds(t.last - t.first).padStart(8)} from first to last file (${seconds(t.busy)} in files)`,
    );
    const started = Number(process.env.KUNDRYTM_TEST_STARTED) || 0;
    lines.push(`  jest: ${seconds(now - this.jestStarted)} wall with ${this.maxWorkers} workers`);
    if (started) lines.push(`  npm test: ${seconds(now - started)} wall so far (type-check, lint, build and jest)`);
    process.stderr.write(`\nTest tiers:\n${lines.join("\n")}\n`);
  }
}

module.exports = TierTimings;
