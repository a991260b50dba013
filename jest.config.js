/** Test tiers are told by file name: *.unit.test.ts, *.integration.test.ts, *.contract.test.ts, *.e2e.test.ts. */
const transform = {
  "^.+\\.(t|j)sx?$": ["@swc/jest", { jsc: { transform: { react: { runtime: "automatic" } } } }],
  "^.+\\.mjs$": "@swc/jest",
};
const transformIgnorePatterns = [
  "/node_modules/(?!(.*/)?(rettime|until-async|@open-draft/deferred-promise|strip-bom|uuid|jose)/)",
];
const common = { transform, transformIgnorePatterns, moduleFileExtensions: ["ts", "tsx", "js", "mjs", "cjs", "json"] };

module.exports = {
  // Generous: PGlite start-up, webpack and Chromium are slow on a busy 2-core machine; a hang still fails.
  testTimeout: 120000,
  globalSetup: "<rootDir>/test/setup/global-setup.js",
  globalTeardown: "<rootDir>/test/setup/global-teardown.js",
  projects: [
    {
      ...common,
      displayName: "node",
      testEnvironment: "node",
      testMatch: ["<rootDir>/{connector,sandbox,shared,manifest,scripts}/**/*.test.ts", "<rootDir>/test/**/*.test.ts"],
    },
    {
      ...common,
      displayName: "jsdom",
      testEnvironment: "jest-fixed-jsdom",
      testMatch: ["<rootDir>/addin/**/*.test.{ts,tsx}"],
    },
  ],
};
