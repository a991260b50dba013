/** Test tiers are told by file name: *.unit.test.ts, *.integration.test.ts, *.contract.test.ts, *.e2e.test.ts. */
const transform = {
  "^.+\\.(t|j)sx?$": ["@swc/jest", { jsc: { transform: { react: { runtime: "automatic" } } } }],
  "^.+\\.mjs$": "@swc/jest",
};
// ESM-only packages that tests load (jest's CommonJS runtime cannot require them untransformed): msw and
// what it imports, fastify's inject() (light-my-request → cookie), commander, jose, and the manifest tools'.
const esmOnly = ["msw", "@msw", "@mswjs", "@open-draft", "rettime", "until-async", "cookie", "commander", "jose", "strip-bom", "uuid"];
const transformIgnorePatterns = [`/node_modules/(?!(.*/)?(${esmOnly.join("|")})/)`];
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
