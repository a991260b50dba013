// Offline schema check of a manifest against manifest/xsd/: xmllint when installed (Debian libxml2-utils),
// otherwise libxml2-wasm from npm. Problems come back with their line and a message naming elements
// without their namespace URIs, e.g. "line 240: Element 'SupportPinning': This element is not expected."
import { spawnSync } from "node:child_process";
import path from "node:path";

export const MANIFEST_XSD = path.join(__dirname, "..", "xsd", "OfficeAppManifestV1_1.xsd");
const WASM_VALIDATOR = path.join(__dirname, "libxml2-validate.mjs");

export type ValidationEngine = "xmllint" | "libxml2-wasm";

export interface ManifestProblem {
  /** 1-based line in the manifest, when the validator reports one. */
  line: number | null;
  message: string;
}

export interface ManifestValidation {
  valid: boolean;
  engine: ValidationEngine;
  problems: ManifestProblem[];
}

export interface ValidateOptions {
  /** "auto" (default) uses xmllint and falls back to libxml2-wasm when xmllint is missing. */
  engine?: ValidationEngine | "auto";
  /** The xmllint command (default "xmllint" on PATH). */
  xmllint?: string;
}

/** Drops "{namespace-uri}" from qualified names so messages read like the manifest itself. */
export function readableMessage(message: string): string {
  return message.replace(/\{https?:\/\/[^}]+\}/g, "").replace(/\s+/g, " ").trim();
}

function runXmllint(xml: string, command: string): ManifestValidation | "missing" {
  const result = spawnSync(command, ["--noout", "--nonet", "--schema", MANIFEST_XSD, "-"], {
    input: xml,
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  if (result.error) {
    if ((result.error as NodeJS.ErrnoException).code === "ENOENT") return "missing";
    throw result.error;
  }
  const problems: ManifestProblem[] = [];
  const other: string[] = [];
  for (const raw of result.stderr.split("\n")) {
    const line = raw.trimEnd();
    if (line === "" || line === "- validates" || line === "- fails to validate") continue;
    // "-:240: element SupportPinning: Schemas validity error : Element '…': This element is not expected…"
    const located = /^-:(\d+): (?:element [^:]+: )?(?:[A-Za-z ]+ (?:error|warning) : )?(.*)$/.exec(line);
    if (located) problems.push({ line: Number(located[1]), message: readableMessage(located[2] as string) });
    else if (!/^\s*\^?\s*$/.test(line) && !line.startsWith("<")) other.push(line);
  }
  if (result.status !== 0 && problems.length === 0) {
    problems.push({ line: null, message: other.join(" ").trim() || `xmllint exited with status ${String(result.status)}` });
  }
  return { valid: result.status === 0 && problems.length === 0, engine: "xmllint", problems };
}

function runLibxml2Wasm(xml: string): ManifestValidation {
  const result = spawnSync(process.execPath, [WASM_VALIDATOR, MANIFEST_XSD], {
    input: xml,
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`libxml2-wasm validator failed (status ${String(result.status)}): ${result.stderr.trim()}`);
  }
  const parsed = JSON.parse(result.stdout) as { problems: ManifestProblem[] };
  const problems = parsed.problems.map((p) => ({ line: p.line, message: readableMessage(p.message) }));
  return { valid: problems.length === 0, engine: "libxml2-wasm", problems };
}

/** Validates manifest XML against the committed XSDs, offline. Never throws for an invalid manifest. */
export function validateManifest(xml: string, options: ValidateOptions = {}): ManifestValidation {
  const engine = options.engine ?? "auto";
  if (engine === "libxml2-wasm") return runLibxml2Wasm(xml);
  const viaXmllint = runXmllint(xml, options.xmllint ?? "xmllint");
  if (viaXmllint !== "missing") return viaXmllint;
  if (engine === "xmllint") throw new Error("xmllint is not installed (Debian/Ubuntu: apt-get install libxml2-utils)");
  return runLibxml2Wasm(xml);
}

/** One line per problem, e.g. "  line 240: Element 'SupportPinning': This element is not expected. …" */
export function formatProblems(validation: ManifestValidation): string {
  return validation.problems.map((p) => `  ${p.line === null ? "" : `line ${p.line}: `}${p.message}`).join("\n");
}
