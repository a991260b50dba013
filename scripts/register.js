// Require hook: lets `node -r ./scripts/register.js some/file.ts` run TypeScript sources directly,
// compiled by swc with the project's .swcrc. Used by the CLI and by tests that spawn processes.
const fs = require("node:fs");
const path = require("node:path");
const Module = require("node:module");
const { transformSync } = require("@swc/core");

const swcrc = JSON.parse(fs.readFileSync(path.join(__dirname, "..", ".swcrc"), "utf8"));
delete swcrc.$schema;

function compile(module, filename) {
  const source = fs.readFileSync(filename, "utf8");
  const { code } = transformSync(source, {
    ...swcrc,
    filename,
    swcrc: false,
    sourceMaps: "inline",
  });
  module._compile(code, filename);
}

for (const ext of [".ts", ".tsx"]) Module._extensions[ext] = compile;
