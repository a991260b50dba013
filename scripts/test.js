#!/usr/bin/env node
// npm test: type-check, lint, build the add-in (the e2e tier runs the built pane), then every tier in one
// jest run, so that jest's summary stays the last lines. Each step prints its time; before the summary the
// tier-timings reporter prints each tier's and the wall time since this script started.
const { spawnSync } = require("node:child_process");

const started = Date.now();
const steps = [
  ["type-check", ["run", "-s", "typecheck"]],
  ["lint", ["run", "-s", "lint"]],
  ["build the add-in", ["run", "-s", "build:addin"]],
];
for (const [name, args] of steps) {
  const stepStarted = Date.now();
  console.log(`\n▶ ${name}`);
  const run = spawnSync("npm", args, { stdio: "inherit" });
  console.log(`${run.status === 0 ? "✔" : "✘"} ${name}: ${((Date.now() - stepStarted) / 1000).toFixed(1)} s`);
  if (run.status !== 0) process.exit(run.status ?? 1);
}

console.log("\n▶ jest: every tier (unit, unit:pane, integration, e2e)");
const jest = spawnSync(process.execPath, [require.resolve("jest/bin/jest"), ...process.argv.slice(2)], {
  stdio: "inherit",
  env: {
    ...process.env,
    NODE_OPTIONS: [process.env.NODE_OPTIONS, "--experimental-vm-modules"].filter(Boolean).join(" "),
    KUNDRYTM_TEST_STARTED: String(started),
  },
});
process.exit(jest.status ?? 1);
