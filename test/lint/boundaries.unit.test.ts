/**
 * The boundaries between the parts are lint rules (eslint.config.mjs): this checks that they catch what they
 * should and let through what they should, on sample files placed where a real file would be.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";

const REPO = path.resolve(__dirname, "../..");

type Sample = { file: string; code: string };

/** The rule ids ESLint reports for each sample, from one ESLint run in a child process. */
function ruleIds(samples: readonly Sample[]): string[][] {
  const script = `
    const { ESLint } = require("eslint");
    const samples = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
    (async () => {
      const eslint = new ESLint({ cwd: process.cwd() });
      const out = [];
      for (const s of samples) {
        const [result] = await eslint.lintText(s.code, { filePath: s.file });
        out.push(result.messages.map((m) => m.ruleId ?? m.message));
      }
      process.stdout.write(JSON.stringify(out));
    })();`;
  const run = spawnSync(process.execPath, ["-e", script], { cwd: REPO, input: JSON.stringify(samples), encoding: "utf8" });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as string[][];
}

const cases: Array<[string, Sample, string[]]> = [
  ["the domain importing React", { file: "shared/domain/sample.ts", code: 'import { useState } from "react";\nexport const s = useState;\n' }, ["no-restricted-imports"]],
  ["the domain importing node:fs", { file: "shared/domain/sample.ts", code: 'import fs from "node:fs";\nexport const f = fs;\n' }, ["no-restricted-imports"]],
  ["the domain importing the store", { file: "shared/domain/sample.ts", code: 'import { openStore } from "../../connector/src/store";\nexport const o = openStore;\n' }, ["no-restricted-imports", "import-x/no-restricted-paths"]],
  ["the domain importing the API contract", { file: "shared/domain/sample.ts", code: 'import { CardSchema } from "../api/card";\nexport const c = CardSchema;\n' }, ["no-restricted-imports", "import-x/no-restricted-paths"]],
  ["the domain importing an HTTP client", { file: "shared/domain/sample.ts", code: 'import axios from "axios";\nexport const a = axios;\n' }, ["no-restricted-imports"]],
  ["the domain reading the clock", { file: "shared/domain/sample.ts", code: "export const now = () => [Date.now(), new Date()];\n" }, ["no-restricted-syntax", "no-restricted-syntax"]],
  ["the domain drawing chance", { file: "shared/domain/sample.ts", code: "export const r = () => Math.random();\n" }, ["no-restricted-syntax"]],
  ["the domain reading the environment", { file: "shared/domain/sample.ts", code: "export const e = () => process.env.TZ;\n" }, ["no-restricted-globals"]],
  ["the domain calling office.js", { file: "shared/domain/sample.ts", code: "export const m = () => Office.context.mailbox;\n" }, ["no-restricted-globals"]],
  ["the pane importing the connector", { file: "addin/src/sample.ts", code: 'import { loadConfig } from "../../connector/src/config";\nexport const l = loadConfig;\n' }, ["import-x/no-restricted-paths"]],
  ["the connector importing the pane", { file: "connector/src/sample.ts", code: 'import { I18nProvider } from "../../addin/src/i18n/I18nProvider";\nexport const i = I18nProvider;\n' }, ["import-x/no-restricted-paths"]],
  ["a hook called conditionally in the pane", { file: "addin/src/sample.tsx", code: 'import { useState } from "react";\nexport function C({ on }: { on: boolean }) {\n  if (on) useState(0);\n  return null;\n}\n' }, ["react-hooks/rules-of-hooks"]],
];

const allowed: Array<[string, Sample]> = [
  ["the domain importing itself and its libraries", { file: "shared/domain/sample.ts", code: 'import { z } from "zod";\nimport { addDays } from "./dates";\nexport const x = [z, addDays, new Date(0), Date.UTC(2026, 0, 1)];\n' }],
  ["a domain test using fast-check and node:path", { file: "shared/domain/sample.unit.test.ts", code: 'import fc from "fast-check";\nimport path from "node:path";\nexport const x = [fc, path];\n' }],
  ["the pane importing the domain and the API contract", { file: "addin/src/sample.ts", code: 'import { addDays } from "../../shared/domain";\nimport { CardSchema } from "../../shared/api/card";\nexport const x = [addDays, CardSchema];\n' }],
  ["the connector importing its own addin feature", { file: "connector/src/sample.ts", code: 'import { addinRoutes } from "./features/addin/routes";\nexport const x = addinRoutes;\n' }],
];

test("the lint rules catch what crosses a boundary and let the rest through", () => {
  const results = ruleIds([...cases.map(([, s]) => s), ...allowed.map(([, s]) => s)]);
  const caught = cases.map(([what], i) => [what, [...(results[i] ?? [])].sort()]);
  expect(caught).toEqual(cases.map(([what, , rules]) => [what, [...rules].sort()]));
  const passed = allowed.map(([what], i) => [what, results[cases.length + i]]);
  expect(passed).toEqual(allowed.map(([what]) => [what, []]));
}, 60_000);
