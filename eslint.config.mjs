// `npm run lint`: JavaScript's and typescript-eslint's recommended rules, React's rules of hooks for the
// pane and the admin page, and the boundaries between the parts of the repository:
//   shared/domain  the method's pure rules: imports only itself and its libraries, reads no clock or chance
//   addin/         never imports connector/;  connector/  never imports addin/
import js from "@eslint/js";
import { createNodeResolver, importX } from "eslint-plugin-import-x";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const DOMAIN_LIBRARIES = ["simple-statistics", "date-holidays", "zod"];
const DOMAIN_TEST_LIBRARIES = [...DOMAIN_LIBRARIES, "fast-check", "node:fs", "node:path"];

/** The domain may import itself (./…) and the given packages, nothing else: no React, office.js, HTTP, store or node:*. */
const domainImports = (libraries) => [
  "error",
  {
    patterns: [
      {
        regex: `^(?!\\./|(${libraries.map((l) => l.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")).join("|")})$)`,
        message: `shared/domain imports only the domain itself and ${libraries.join(", ")}.`,
      },
    ],
  },
];

const clockOrChance = [
  ["CallExpression[callee.object.name='Date'][callee.property.name='now']", "Date.now()"],
  ["NewExpression[callee.name='Date'][arguments.length=0]", "new Date()"],
  ["CallExpression[callee.object.name='Math'][callee.property.name='random']", "Math.random()"],
  ["CallExpression[callee.object.name='performance'][callee.property.name='now']", "performance.now()"],
  ["CallExpression[callee.name='require']", "require()"],
  ["ImportExpression", "import()"],
].map(([selector, what]) => ({ selector, message: `shared/domain takes time, chance and modules as arguments or imports, not ${what}.` }));

export default tseslint.config(
  { ignores: ["node_modules/", "build/", "dist/", "coverage/", "test-output/", ".kundrytm/", ".tmp/"] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser, ...globals.jest, Office: "readonly", OfficeRuntime: "readonly" } },
    plugins: { "import-x": importX },
    settings: { "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"] })] },
    rules: {
      // Matching control characters is what a sanitiser does; an initial value before a loop that sets it is fine.
      "no-control-regex": "off",
      "no-useless-assignment": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true }],
      "import-x/no-restricted-paths": [
        "error",
        {
          zones: [
            { target: "./addin", from: "./connector", message: "The pane talks to the connector over HTTP (shared/api), it never imports it." },
            { target: "./connector", from: "./addin", message: "The connector never imports the pane." },
            { target: "./shared/domain", from: ".", except: ["./shared/domain", "./node_modules"], message: "shared/domain imports only itself." },
          ],
        },
      ],
    },
  },
  {
    files: ["**/*.{js,cjs}"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["addin/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "warn" },
  },
  {
    files: ["shared/domain/**/*.ts"],
    ignores: ["shared/domain/**/*.test.ts"],
    languageOptions: { globals: {} },
    rules: {
      "no-restricted-imports": domainImports(DOMAIN_LIBRARIES),
      "no-restricted-syntax": ["error", ...clockOrChance],
      "no-restricted-globals": ["error", "process", "fetch", "window", "document", "Office", "localStorage", "setTimeout", "setInterval"],
    },
  },
  {
    files: ["shared/domain/**/*.test.ts"],
    rules: { "no-restricted-imports": domainImports(DOMAIN_TEST_LIBRARIES) },
  },
);
