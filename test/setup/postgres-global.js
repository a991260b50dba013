// Jest global setup/teardown: one throwaway PostgreSQL server (Debian's packages) for the whole run, so the
// store and job suites run on PostgreSQL as well as PGlite. TEST_DATABASE_URL set by the caller wins.
// Without a server the PostgreSQL cases fail with the reason; they are never skipped.
require("tsx/cjs/api").register();
const { findPostgresBin, startThrowawayPostgres } = require("../../connector/src/store/throwaway-postgres.ts");

const KEY = "__kundrytmThrowawayPostgres";

async function setup() {
  if (process.env.TEST_DATABASE_URL) return;
  if (!findPostgresBin()) {
    process.env.TEST_DATABASE_URL_MISSING =
      "no PostgreSQL server for the tests: install Debian's postgresql package (as .ci/run does), set PG_BIN, or set TEST_DATABASE_URL";
    return;
  }
  const server = await startThrowawayPostgres();
  globalThis[KEY] = server;
  process.env.TEST_DATABASE_URL = server.url;
}

async function teardown() {
  await globalThis[KEY]?.stop();
}

module.exports = { setup, teardown };
