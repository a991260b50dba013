#!/usr/bin/env node
// Compiles the server side (connector/, sandbox/, shared/) with swc into build/, for production runs:
//   npm run build:server && node build/connector/src/main.js
// Tests, test helpers and the add-in are left out; SQL migrations and JSON data files are copied as they are.
const fs = require("node:fs");
const path = require("node:path");
const { transformFileSync } = require("@swc/core");

const root = path.join(__dirname, "..");
const outRoot = path.join(root, "build");
const sources = ["connector", "sandbox", "shared"];
const copied = new Set([".sql", ".json"]);

const swcrc = JSON.parse(fs.readFileSync(path.join(root, ".swcrc"), "utf8"));
delete swcrc.$schema;

function skip(rel) {
  return /\.test\.tsx?$/.test(rel) || rel.split(path.sep).includes("testing") || rel.split(path.sep).includes("node_modules");
}

function* walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else yield full;
  }
}

fs.rmSync(outRoot, { recursive: true, force: true });
let compiled = 0;
let copiedCount = 0;
for (const source of sources) {
  const dir = path.join(root, source);
  if (!fs.existsSync(dir)) continue;
  for (const file of walk(dir)) {
    const rel = path.relative(root, file);
    if (skip(rel)) continue;
    const ext = path.extname(file);
    if (ext === ".ts" && !file.endsWith(".d.ts")) {
      const out = path.join(outRoot, rel.replace(/\.ts$/, ".js"));
      const { code, map } = transformFileSync(file, { ...swcrc, swcrc: false, sourceMaps: true, sourceFileName: path.relative(path.dirname(out), file) });
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, `${code}\n//# sourceMappingURL=${path.basename(out)}.map\n`);
      if (map) fs.writeFileSync(`${out}.map`, map);
      compiled++;
    } else if (copied.has(ext)) {
      const out = path.join(outRoot, rel);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.copyFileSync(file, out);
      copiedCount++;
    }
  }
}
process.stdout.write(`build/: ${compiled} modules compiled, ${copiedCount} data files copied. Run: node --enable-source-maps build/connector/src/main.js\n`);
