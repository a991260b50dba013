/**
 * Test tiers are told by file name, and each is a jest project (`--selectProjects`, see package.json):
 *   unit         *.unit.test.ts outside the pane (node)           npm run test:unit
 *   unit:pane    the pane's *.unit.test.ts(x) (jsdom)             npm run test:unit
 *   integration  *.integration.test.ts, *.contract.test.ts        npm run test:integration
 *   e2e          *.e2e.test.ts, the built pane in Chromium        npm run test:e2e
 */
const transform = {
  "^.+\\.(t|j)sx?$": ["@swc/jest", { jsc: { transform: { react: { runtime: "automatic" } } } }],
  "^.+\\.mjs$": "@swc/jest",
};
// ESM-only packages that tests load (jest's CommonJS runtime cannot require them untransformed): msw and
// what it imports, fastify's inject() (light-my-request → cookie), @fastify/static (content-disposition),
// commander, jose, and the manifest tools'.
const esmOnly = ["msw", "@msw", "@mswjs", "@open-draft", "rettime", "until-async", "cookie", "content-disposition", "commander", "jose", "strip-bom", "uuid"];
const transformIgnorePatterns = [`/node_modules/(?!(.*/)?(${esmOnly.join("|")})/)`];
const common = { transform, transformIgnorePatterns, moduleFileExtensions: ["ts", "tsx", "js", "mjs", "cjs", "json"] };
const outsideThePane = "<rootDir>/{connector,sandbox,shared,manifest,scripts,test,bench}/**";
// One throwaway PostgreSQL server for the tiers whose store and job suites also run on PostgreSQL.
const postgres = { globalSetup: "<rootDir>/test/setup/global-setup.js", globalTeardown: "<rootDir>/test/setup/global-teardown.js" };

module.exports = {
  // Generous: PGlite start-up, webpack and Chromium are slow on a busy 2-core machine; a hang still fails.
  testTimeout: 120000,
  // Most test files wait on child processes, sockets and Chromium rather than on a core: more workers than
  // cores keeps both cores busy (jest's default on 2 cores is a single worker).
  maxWorkers: process.env.JEST_MAX_WORKERS ?? 3,
  reporters: ["default", "<rootDir>/test/setup/tier-timings.js"],
  projects: [
    { ...common, displayName: "unit", testEnvironment: "node", testMatch: [`${outsideThePane}/*.unit.test.ts`] },
    {
      ...common,
      displayName: "unit:pane",
      testEnvironment: "jest-fixed-jsdom",
      testMatch: ["<rootDir>/addin/**/*.unit.test.{ts,tsx}"],
      setupFilesAfterEnv: ["<rootDir>/test/setup/testing-library.ts"],
    },
    { ...common, ...postgres, displayName: "integration", testEnvironment: "node", testMatch: [`${outsideThePane}/*.{integration,contract}.test.ts`] },
    { ...common, displayName: "e2e", testEnvironment: "node", testMatch: ["<rootDir>/test/e2e/**/*.e2e.test.ts"] },
  ],
};
