// Writes the connector's environment-variable reference into docs/admin.md, between the markers below,
// from the configuration schema itself (describeConfig), so the admin guide cannot drift from the code.
// Run: node --import tsx scripts/gen-admin-env.ts   (a test fails when the table is stale)
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describeConfig, type ConfigVariable } from "../connector/src/config";

export const ADMIN_DOC = path.join(__dirname, "..", "docs", "admin.md");
export const BEGIN_MARKER = "<!-- BEGIN GENERATED: connector environment variables (scripts/gen-admin-env.ts) -->";
export const END_MARKER = "<!-- END GENERATED: connector environment variables -->";

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ").trim();
}

function defaultCell(variable: ConfigVariable): string {
  if (variable.required) return "**required**";
  if (variable.default === null) return "—";
  if (variable.default === "") return '`""`';
  return `\`${cell(variable.default)}\``;
}

/** The Markdown table of every connector variable, in the schema's order. */
export function renderEnvTable(variables: readonly ConfigVariable[] = describeConfig()): string {
  const rows = variables.map((v) => `| \`${v.name}\` | ${defaultCell(v)} | ${cell(v.description) || "—"} |`);
  return ["| Variable | Default | Meaning |", "|---|---|---|", ...rows].join("\n");
}

/** The document with the generated block replaced; throws when the markers are missing or out of order. */
export function withEnvTable(doc: string, table: string = renderEnvTable()): string {
  const begin = doc.indexOf(BEGIN_MARKER);
  const end = doc.indexOf(END_MARKER);
  if (begin < 0 || end < 0 || end < begin) {
    throw new Error(`docs/admin.md must contain "${BEGIN_MARKER}" followed by "${END_MARKER}"`);
  }
  return `${doc.slice(0, begin + BEGIN_MARKER.length)}\n${table}\n${doc.slice(end)}`;
}

if (require.main === module) {
  const before = readFileSync(ADMIN_DOC, "utf8");
  const after = withEnvTable(before);
  if (after === before) {
    console.log("docs/admin.md: environment table already up to date");
  } else {
    writeFileSync(ADMIN_DOC, after);
    console.log(`docs/admin.md: environment table updated (${describeConfig().length} variables)`);
  }
}
