import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";

/**
 * The fence around the domain: rules import only each other and their listed libraries, and never
 * read the clock or chance. Test files may also use fast-check and node's fs/path (this file).
 */
const ROOT = __dirname;
const RULE_LIBRARIES = new Set(["simple-statistics", "date-holidays", "zod"]);
const TEST_LIBRARIES = new Set([...RULE_LIBRARIES, "fast-check", "node:fs", "node:path"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|js|mjs|cjs)$/.test(e.name) ? [path] : [];
  });
}

function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
}

/** Every module specifier: static imports and re-exports, side-effect imports, dynamic import() and require(). */
export function specifiersOf(source: string): string[] {
  const code = stripComments(source);
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?[^'";]*?\sfrom\s*["']([^"']+)["']/g,
    /\bimport\s*["']([^"']+)["']/g,
    /\bimport\s*\(\s*["'`]([^"'`]+)["'`]\s*\)/g,
    /\brequire\s*\(\s*["'`]([^"'`]+)["'`]\s*\)/g,
  ];
  return patterns.flatMap((p) => [...code.matchAll(p)].map((m) => m[1] as string));
}

const CLOCK_OR_CHANCE = [/\bDate\.now\s*\(/, /\bnew\s+Date\s*\(\s*\)/, /\bMath\.random\s*\(/, /\bperformance\.now\s*\(/, /\bprocess\./];

describe("domain fence", () => {
  const files = sourceFiles(ROOT);

  it("finds the rules", () => {
    expect(files.map((f) => relative(ROOT, f))).toEqual(expect.arrayContaining(["index.ts", "classify.ts", "next-step.ts", "vocabulary.ts"]));
  });

  it.each(files.map((f) => [relative(ROOT, f), f]))("%s imports only the domain and its libraries", (_name, file) => {
    const isTest = /\.test\.tsx?$/.test(file);
    const allowed = isTest ? TEST_LIBRARIES : RULE_LIBRARIES;
    const offending = specifiersOf(readFileSync(file, "utf8")).filter((spec) => {
      if (spec.startsWith(".")) return !resolve(join(file, ".."), spec).startsWith(ROOT);
      return !allowed.has(spec);
    });
    expect(offending).toEqual([]);
  });

  it.each(files.filter((f) => !/\.test\.tsx?$/.test(f)).map((f) => [relative(ROOT, f), f]))("%s reads neither clock nor chance", (_name, file) => {
    const code = stripComments(readFileSync(file, "utf8"));
    expect(CLOCK_OR_CHANCE.filter((p) => p.test(code)).map(String)).toEqual([]);
  });

  it("the fence itself catches what it should", () => {
    // Spelled in capitals so this file's own scan does not see the sample's imports.
    const sample = `
      IMPORT { x } from "../api/card";
      IMPORT type { Y } from "react";
      export * from "./ok";
      IMPORT "office-js";
      const p = await IMPORT("pg");
      const f = REQUIRE("node:fs");
      // IMPORT { hidden } from "commented-out";
    `.replace(/IMPORT/g, "imp" + "ort").replace(/REQUIRE/g, "req" + "uire");
    expect(specifiersOf(sample)).toEqual(["../api/card", "react", "./ok", "office-js", "pg", "node:fs"]);
    expect(CLOCK_OR_CHANCE.some((p) => p.test("const t = new Date();"))).toBe(true);
    expect(CLOCK_OR_CHANCE.some((p) => p.test("const t = Date.now ();"))).toBe(true);
    expect(CLOCK_OR_CHANCE.some((p) => p.test("Date.UTC(2026, 0, 1)"))).toBe(false);
  });
});
