import { readFileSync } from "node:fs";
import { describeConfig } from "../../connector/src/config";
import { ADMIN_DOC, BEGIN_MARKER, END_MARKER, renderEnvTable, withEnvTable } from "../../scripts/gen-admin-env";

test("docs/admin.md carries the current environment table (regenerate: node --import tsx scripts/gen-admin-env.ts)", () => {
  const doc = readFileSync(ADMIN_DOC, "utf8");
  expect(withEnvTable(doc)).toBe(doc);
});

test("the table lists every connector variable once, with its default or 'required'", () => {
  const table = renderEnvTable();
  for (const variable of describeConfig()) {
    const rows = table.split("\n").filter((row) => row.startsWith(`| \`${variable.name}\` |`));
    expect(rows).toHaveLength(1);
    if (variable.required) expect(rows[0]).toContain("| **required** |");
  }
  expect(table).toContain("| `SUPEROFFICE_WEBAPI_URL` | **required** |");
  expect(table).toContain("| `PORT` | `4000` |");
});

test("cells escape pipes and line breaks so a description cannot break the table", () => {
  const table = renderEnvTable([{ name: "X_VAR", required: false, default: "a|b", description: "one | two\nthree" }]);
  expect(table.split("\n")[2]).toBe("| `X_VAR` | `a\\|b` | one \\| two three |");
});

test("replacing needs both markers in order", () => {
  expect(() => withEnvTable("no markers here")).toThrow(/must contain/);
  expect(() => withEnvTable(`${END_MARKER}\n${BEGIN_MARKER}`)).toThrow(/must contain/);
  expect(withEnvTable(`intro\n${BEGIN_MARKER}\nold table\n${END_MARKER}\noutro`, "NEW")).toBe(
    `intro\n${BEGIN_MARKER}\nNEW\n${END_MARKER}\noutro`,
  );
});
