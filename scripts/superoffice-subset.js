#!/usr/bin/env node
// Writes test/contract/superoffice-subset.json: the SuperOffice REST WebAPI operations Kundrytm uses
// (client and sandbox), with every definition they reference, so contract tests run without ../shared.
//
// Source of the full file: SuperOffice's own Swagger 2.0 description of the REST WebAPI,
// downloads/api/Swagger-v1-REST.zip in github.com/SuperOfficeDocs/docs
// @ f4a09fe23ea3fb40f0b3664ab0616c1485a84c64 (entry dated 2026-07-10), linked from docs.superoffice.com as
// "Download REST WebAPI Swagger file"; sha256 of the unzipped JSON
// 26513202d8ddcd3f4c4eaae565f113222bff85339af88bc5336f1c48168bda1b.
// The few Agents (RPC) operations come from the Agents Swagger in the same folder of the same commit:
// downloads/api/Swagger-v1-Agents.zip (Swagger-v1-Agents.json), sha256
// d85533103a089b3259f24369bac1e190044e12ae14f376d9e2c743e9578371d5.
// Input folder: $SUPEROFFICE_SWAGGER_DIR, else ../shared/superoffice next to the repository.
// Usage: npm run superoffice:subset   (add an operation to OPERATIONS and re-run; commit the output)
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const crypto = require("node:crypto");

/** Every operation Kundrytm calls or the sandbox serves: "METHOD path" exactly as the Swagger spells it. */
const OPERATIONS = [
  "GET /api/v1/Person",
  "POST /api/v1/Person",
  "GET /api/v1/Person/default",
  "GET /api/v1/Person/{id}",
  "GET /api/v1/Contact",
  "POST /api/v1/Contact",
  "GET /api/v1/Contact/default",
  "GET /api/v1/Contact/{id}",
  "PATCH /api/v1/Contact/{id}",
  "GET /api/v1/Contact/UdefLayout/Published",
  "GET /api/v1/List/Category/Items",
  "GET /api/v1/List/Task/Items",
  "GET /api/v1/List/DocumentTemplate/Items",
  "GET /api/v1/MDOList/{listname}",
  "GET /api/v1/Appointment",
  "POST /api/v1/Appointment",
  "GET /api/v1/Appointment/default",
  "GET /api/v1/Appointment/{id}",
  "PATCH /api/v1/Appointment/{id}",
  "GET /api/v1/Selection",
  "POST /api/v1/Selection",
  "GET /api/v1/Selection/default",
  "GET /api/v1/Selection/{id}",
  "PATCH /api/v1/Selection/{id}",
  "GET /api/v1/Selection/{selectionId}/Members",
  "POST /api/v1/Selection/{selectionId}/Members/AddPerson",
  "POST /api/v1/Selection/{selectionId}/Members/RemovePerson",
  "GET /api/v1/Document",
  "GET /api/v1/Document",
  "POST /api/v1/Document",
  "GET /api/v1/Document/default",
  "GET /api/v1/Document/{id}",
  "GET /api/v1/Document/{documentId}/Content",
  "PUT /api/v1/Document/{documentId}/Content",
  "GET /api/v1/Sale",
  "GET /api/v1/User",
  "GET /api/v1/User",
  "GET /api/v1/User/currentPrincipal",
];

/** Operations from the Agents Swagger (Swagger-v1-Agents.json), same form. */
const AGENT_OPERATIONS = ["POST /api/v1/Agents/DatabaseTable/Upsert", "POST /api/v1/Agents/Document/SetDocumentStreamFromId"];

const SOURCE = {
  repository: "github.com/SuperOfficeDocs/docs",
  commit: "f4a09fe23ea3fb40f0b3664ab0616c1485a84c64",
  file: "downloads/api/Swagger-v1-REST.zip (Swagger-v1-REST.json)",
  agentsFile: "downloads/api/Swagger-v1-Agents.zip (Swagger-v1-Agents.json)",
};

function swaggerDir() {
  return process.env.SUPEROFFICE_SWAGGER_DIR || path.join(__dirname, "..", "..", "shared", "superoffice");
}

/** Collects the names of all definitions reachable from a JSON value through "#/definitions/X" refs. */
function collectRefs(value, definitions, found) {
  if (Array.isArray(value)) {
    for (const item of value) collectRefs(item, definitions, found);
    return;
  }
  if (value === null || typeof value !== "object") return;
  for (const [key, child] of Object.entries(value)) {
    if (key === "$ref" && typeof child === "string") {
      const name = child.replace(/^#\/definitions\//, "");
      if (!definitions[name]) throw new Error(`Unresolved $ref ${child}`);
      if (!found.has(name)) {
        found.add(name);
        collectRefs(definitions[name], definitions, found);
      }
    } else {
      collectRefs(child, definitions, found);
    }
  }
}

/** The operations' paths and every definition they reach, from one Swagger file. */
function pick(swagger, operations) {
  const paths = {};
  const missing = [];
  for (const spec of operations) {
    const [method, route] = spec.split(" ");
    const op = swagger.paths[route] && swagger.paths[route][method.toLowerCase()];
    if (!op) {
      missing.push(spec);
      continue;
    }
    paths[route] = paths[route] || {};
    paths[route][method.toLowerCase()] = op;
  }
  if (missing.length > 0) throw new Error(`Operations not in the Swagger: ${missing.join(", ")}`);
  const names = new Set();
  collectRefs(paths, swagger.definitions, names);
  const definitions = {};
  for (const name of names) definitions[name] = swagger.definitions[name];
  return { paths, definitions };
}

function buildSubset(swagger, agents) {
  const rest = pick(swagger, OPERATIONS);
  const paths = { ...rest.paths };
  const found = { ...rest.definitions };
  if (agents) {
    const extra = pick(agents, AGENT_OPERATIONS);
    Object.assign(paths, extra.paths);
    for (const [name, def] of Object.entries(extra.definitions)) {
      // Both files share carrier names; the merge is only sound when they agree.
      if (found[name] && JSON.stringify(found[name]) !== JSON.stringify(def)) throw new Error(`Definition ${name} differs between the REST and Agents Swagger`);
      found[name] = def;
    }
  }
  const definitions = {};
  for (const name of Object.keys(found).sort()) definitions[name] = found[name];

  return {
    swagger: swagger.swagger,
    info: { title: swagger.info.title, version: swagger.info.version },
    "x-kundrytm-subset": {
      note: "Generated by scripts/superoffice-subset.js; do not edit by hand.",
      source: SOURCE,
      operations: OPERATIONS,
      agentOperations: agents ? AGENT_OPERATIONS : [],
    },
    host: swagger.host,
    schemes: swagger.schemes,
    securityDefinitions: swagger.securityDefinitions,
    paths,
    definitions,
  };
}

function main() {
  const input = path.join(swaggerDir(), "Swagger-v1-REST.json");
  if (!fs.existsSync(input)) {
    console.error(`Cannot find ${input}. Set SUPEROFFICE_SWAGGER_DIR to the folder holding Swagger-v1-REST.json.`);
    process.exit(1);
  }
  const agentsInput = path.join(swaggerDir(), "Swagger-v1-Agents.json");
  if (!fs.existsSync(agentsInput)) {
    console.error(`Cannot find ${agentsInput}. Set SUPEROFFICE_SWAGGER_DIR to the folder holding both Swagger files.`);
    process.exit(1);
  }
  const raw = fs.readFileSync(input);
  const agentsRaw = fs.readFileSync(agentsInput);
  const subset = buildSubset(JSON.parse(raw.toString("utf8")), JSON.parse(agentsRaw.toString("utf8")));
  subset["x-kundrytm-subset"].source.sha256 = crypto.createHash("sha256").update(raw).digest("hex");
  subset["x-kundrytm-subset"].source.agentsSha256 = crypto.createHash("sha256").update(agentsRaw).digest("hex");
  const output = path.join(__dirname, "..", "test", "contract", "superoffice-subset.json");
  fs.mkdirSync(path.dirname(output), { recursive: true });
  fs.writeFileSync(output, JSON.stringify(subset, null, 1) + "\n");
  const opCount = Object.values(subset.paths).reduce((n, p) => n + Object.keys(p).length, 0);
  console.log(`Wrote ${path.relative(process.cwd(), output)}: ${opCount} operations, ${Object.keys(subset.definitions).length} definitions.`);
}

if (require.main === module) main();

module.exports = { OPERATIONS, AGENT_OPERATIONS, buildSubset };
