/**
 * Contract checks against SuperOffice's own Swagger (the committed subset, see scripts/superoffice-subset.js).
 *
 *   validateRequest("GET", "/api/v1/Person", { query: { $filter: "…" } })      → string[] (empty = valid)
 *   validateRequest("PATCH", "/api/v1/Contact/{id}", { path: { id: 5 }, body: [...] })
 *   validateHttpRequest({ method: "GET", url: "http://x/Cust1/api/v1/Contact/5?$select=Name" })  → string[]
 *   validateResponse("GET", "/api/v1/Contact/{id}", 200, json)                  → string[]
 *
 * Paths are the Swagger's ("/api/v1/Contact/{id}"); matchOperation() maps a concrete URL path to one.
 * Every message names the operation and the JSON pointer of the offending value.
 */
import fs from "node:fs";
import path from "node:path";
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv-draft-04";
import addFormats from "ajv-formats";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type SchemaObject = { [key: string]: unknown };

interface SwaggerParameter {
  name: string;
  in: "query" | "path" | "header" | "body" | "formData";
  required?: boolean;
  type?: string;
  format?: string;
  enum?: string[];
  schema?: SchemaObject;
}
interface SwaggerOperation {
  parameters?: SwaggerParameter[];
  consumes?: string[];
  responses: Record<string, { description?: string; schema?: SchemaObject }>;
}
interface Swagger {
  paths: Record<string, Record<string, SwaggerOperation>>;
  definitions: Record<string, SchemaObject>;
}

export const SUBSET_FILE = path.join(__dirname, "superoffice-subset.json");
const SCHEMA_ID = "superoffice";

/**
 * The one place where the Swagger is adapted to what SuperOffice actually puts on the wire. Why:
 * - Swagger 2.0 cannot say "nullable". SuperOffice serialises .NET reference types (strings, arrays,
 *   carriers, dictionaries) as `null` when unset (e.g. `"odata.nextLink": null`, `"Associate": null`),
 *   while value types (int, bool, enums, DateTime) are never null. So exactly the reference-typed
 *   properties accept null; value-typed ones stay strict.
 * - A bare `{"type":"object"}` is how SuperOffice's generator writes System.Object (archive row cells,
 *   JsonPatch.value: "string or object"); it means "any JSON value", so it becomes `{}`.
 * - `date-time` values are ISO 8601 and may lack an offset (tenant-local appointment times, D-HDR/D-TZ).
 * - Stricter than the Swagger on purpose: objects with declared properties reject undeclared ones, so a
 *   miscased name ("ContactID") fails here instead of being silently ignored by SuperOffice.
 */
function adapt(schema: unknown, nullable: boolean): SchemaObject {
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) return {};
  const s = schema as SchemaObject;
  if (typeof s.$ref === "string") {
    const ref = { $ref: s.$ref.replace(/^#\/definitions\//, `${SCHEMA_ID}#/definitions/`) };
    return nullable ? { anyOf: [ref, { type: "null" }] } : ref;
  }
  const out: SchemaObject = {};
  for (const key of ["type", "format", "enum", "items", "properties", "additionalProperties"]) {
    if (key in s) out[key] = s[key];
  }
  if (out.type === "object" && !("properties" in s) && !("additionalProperties" in s)) return {};
  if (out.type === "object" && out.properties) {
    const props: SchemaObject = {};
    for (const [name, child] of Object.entries(out.properties as SchemaObject)) props[name] = adapt(child, true);
    out.properties = props;
    if (!("additionalProperties" in s)) out.additionalProperties = false;
  }
  if (out.items) out.items = adapt(out.items, false);
  if (out.additionalProperties && typeof out.additionalProperties === "object") {
    out.additionalProperties = adapt(out.additionalProperties, true);
  }
  const isValueType =
    out.type === "integer" || out.type === "number" || out.type === "boolean" || "enum" in out ||
    (out.type === "string" && out.format === "date-time");
  if (nullable && !isValueType && typeof out.type === "string") out.type = [out.type, "null"];
  if (nullable && !isValueType && out.type === undefined && Object.keys(out).length > 0) {
    return { anyOf: [out, { type: "null" }] };
  }
  return out;
}

/** SuperOffice's error body (D-REST example); the Swagger declares no schema for error statuses. */
const ERROR_BODY_SCHEMA = {
  type: "object",
  properties: {
    Error: { type: "boolean", enum: [true] },
    ErrorType: { type: "string" },
    ErrorMessage: { type: "string" },
    ErrorSource: { type: "string" },
  },
  required: ["Error", "ErrorType", "ErrorMessage", "ErrorSource"],
  additionalProperties: false,
};

class Contract {
  readonly swagger: Swagger;
  private readonly ajv: Ajv;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(file: string) {
    this.swagger = JSON.parse(fs.readFileSync(file, "utf8")) as Swagger;
    this.ajv = new Ajv({ allErrors: true, strict: true, validateFormats: true });
    addFormats(this.ajv, ["int32", "int64", "float", "double", "byte"]);
    // ISO 8601 date-time, offset optional (see adapt()).
    this.ajv.addFormat("date-time", /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/);
    const definitions: SchemaObject = {};
    for (const [name, def] of Object.entries(this.swagger.definitions)) definitions[name] = adapt(def, false);
    this.ajv.addSchema({ id: SCHEMA_ID, definitions });
  }

  operation(method: string, swaggerPath: string): SwaggerOperation | undefined {
    return this.swagger.paths[swaggerPath]?.[method.toLowerCase()];
  }

  validator(key: string, schema: unknown): ValidateFunction {
    let fn = this.cache.get(key);
    if (!fn) {
      fn = this.ajv.compile(key === "error-body" ? schema as SchemaObject : adapt(schema, false));
      this.cache.set(key, fn);
    }
    return fn;
  }
}

let contract: Contract | undefined;
function getContract(): Contract {
  contract ??= new Contract(SUBSET_FILE);
  return contract;
}

function formatErrors(where: string, errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => {
    const extra = e.keyword === "additionalProperties" ? ` (${String(e.params.additionalProperty)})` : "";
    return `${where}: ${e.instancePath || "/"} ${e.message ?? e.keyword}${extra}`;
  });
}

function isBinary(body: unknown): boolean {
  return body instanceof Uint8Array || body instanceof ArrayBuffer;
}

function validateBody(label: string, key: string, schema: SchemaObject, body: unknown): string[] {
  if (schema.type === "string" && schema.format === "byte" && isBinary(body)) return [];
  const fn = getContract().validator(key, schema);
  return fn(body) ? [] : formatErrors(label, fn.errors);
}

/** Checks a SuperOffice error body {Error, ErrorType, ErrorMessage, ErrorSource}. */
export function validateErrorBody(body: unknown): string[] {
  const fn = getContract().validator("error-body", ERROR_BODY_SCHEMA);
  return fn(body) ? [] : formatErrors("error body", fn.errors);
}

/**
 * Validates a response: a declared status against its schema (a status declared without schema must
 * have no body, except 4xx whose body must be SuperOffice's error body); an undeclared 4xx/5xx must carry
 * the error body; an undeclared 2xx/3xx is an error.
 */
export function validateResponse(method: string, swaggerPath: string, status: number, body: unknown): string[] {
  const label = `${method.toUpperCase()} ${swaggerPath} → ${status}`;
  const op = getContract().operation(method, swaggerPath);
  if (!op) return [`${label}: operation not in the contract subset`];
  const declared = op.responses[String(status)];
  if (status >= 400 && !declared?.schema) return validateErrorBody(body).map((m) => `${label}: ${m}`);
  if (!declared) return [`${label}: status not declared for this operation`];
  if (!declared.schema) {
    return body === undefined || body === null || body === "" ? [] : [`${label}: expected no body`];
  }
  return validateBody(label, `res ${method} ${swaggerPath} ${status}`, declared.schema, body);
}

export interface RequestParts {
  /** Query parameters as sent (strings) or typed values. */
  query?: Record<string, string | number | boolean | undefined>;
  /** Path parameters by name, e.g. { id: 5 }. */
  path?: Record<string, string | number>;
  /** Parsed JSON body, or a Buffer/Uint8Array for binary uploads. */
  body?: unknown;
}

function checkScalar(p: SwaggerParameter, raw: string | number | boolean): string | null {
  const value = String(raw);
  switch (p.type) {
    case "integer":
      if (!/^-?\d+$/.test(value)) return `must be an integer, got "${value}"`;
      if (p.format === "int32" && Math.abs(Number(value)) > 2147483647) return "out of int32 range";
      return null;
    case "number":
      return Number.isFinite(Number(value)) && value.trim() !== "" ? null : `must be a number, got "${value}"`;
    case "boolean":
      return /^(true|false)$/i.test(value) ? null : `must be true or false, got "${value}"`;
    case "string":
    case undefined:
      if (p.enum && !p.enum.some((e) => e.toLowerCase() === value.toLowerCase())) {
        return `must be one of ${p.enum.join(", ")}, got "${value}"`;
      }
      return null;
    default:
      return `unsupported parameter type ${p.type}`;
  }
}

/**
 * Validates what a client sends: query parameter names (case-insensitive, as ASP.NET binds them) and
 * types, path parameters, required parameters, and the body against the operation's body schema.
 * PATCH bodies may be a JSON Patch array (the declared schema) or a JSON Merge Patch object (allowed by
 * the parameter's own description); a merge patch is checked against the entity the operation returns.
 */
export function validateRequest(method: string, swaggerPath: string, parts: RequestParts = {}): string[] {
  const label = `${method.toUpperCase()} ${swaggerPath} request`;
  const op = getContract().operation(method, swaggerPath);
  if (!op) return [`${label}: operation not in the contract subset`];
  const errors: string[] = [];
  const params = op.parameters ?? [];
  const queryParams = params.filter((p) => p.in === "query");
  for (const [name, value] of Object.entries(parts.query ?? {})) {
    if (value === undefined) continue;
    const p = queryParams.find((q) => q.name.toLowerCase() === name.toLowerCase());
    if (!p) {
      errors.push(`${label}: unknown query parameter "${name}"`);
      continue;
    }
    const problem = checkScalar(p, value);
    if (problem) errors.push(`${label}: query ${p.name} ${problem}`);
  }
  for (const p of params.filter((x) => x.in === "path")) {
    const value = parts.path?.[p.name];
    if (value === undefined) {
      errors.push(`${label}: missing path parameter ${p.name}`);
      continue;
    }
    const problem = checkScalar(p, value);
    if (problem) errors.push(`${label}: path ${p.name} ${problem}`);
  }
  for (const p of queryParams.filter((q) => q.required)) {
    const given = Object.keys(parts.query ?? {}).some((k) => k.toLowerCase() === p.name.toLowerCase());
    if (!given) errors.push(`${label}: missing required query parameter ${p.name}`);
  }
  const bodyParam = params.find((p) => p.in === "body");
  if (!bodyParam) {
    if (parts.body !== undefined) errors.push(`${label}: this operation takes no body`);
    return errors;
  }
  if (parts.body === undefined) {
    if (bodyParam.required) errors.push(`${label}: missing body`);
    return errors;
  }
  const schema = bodyParam.schema ?? {};
  const isMergePatch =
    method.toUpperCase() === "PATCH" && schema.type === "array" &&
    parts.body !== null && typeof parts.body === "object" && !Array.isArray(parts.body);
  if (isMergePatch) {
    const entity = op.responses["200"]?.schema;
    if (!entity) return [...errors, `${label}: no entity schema to check a merge patch against`];
    return [...errors, ...validateBody(`${label} (merge patch)`, `merge ${method} ${swaggerPath}`, entity, parts.body)];
  }
  return [...errors, ...validateBody(`${label} body`, `req ${method} ${swaggerPath}`, schema, parts.body)];
}

/** Maps a concrete request path (any prefix before "/api/v1/", e.g. the tenant "/Cust00001") to its Swagger path. */
export function matchOperation(
  method: string,
  urlPath: string,
): { swaggerPath: string; params: Record<string, string> } | null {
  const idx = urlPath.toLowerCase().indexOf("/api/v1/");
  if (idx < 0) return null;
  const segments = urlPath.slice(idx).split("/").map((s) => decodeURIComponent(s));
  let best: { swaggerPath: string; params: Record<string, string>; literals: number } | null = null;
  for (const [swaggerPath, ops] of Object.entries(getContract().swagger.paths)) {
    if (!ops[method.toLowerCase()]) continue;
    const parts = swaggerPath.split("/");
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let literals = 0;
    let ok = true;
    for (let i = 0; i < parts.length && ok; i++) {
      const part = parts[i] as string;
      const seg = segments[i] as string;
      const m = /^\{(.+)\}$/.exec(part);
      if (m) params[m[1] as string] = seg;
      else if (part.toLowerCase() === seg.toLowerCase()) literals++;
      else ok = false;
    }
    // A literal segment beats a parameter: /Contact/default over /Contact/{id}.
    if (ok && (!best || literals > best.literals)) best = { swaggerPath, params, literals };
  }
  return best ? { swaggerPath: best.swaggerPath, params: best.params } : null;
}

/** Validates a request given as method + full URL (+ body), as an HTTP client would build it. */
export function validateHttpRequest(req: { method: string; url: string; body?: unknown }): string[] {
  const url = new URL(req.url, "http://placeholder.invalid");
  const match = matchOperation(req.method, url.pathname);
  if (!match) return [`${req.method.toUpperCase()} ${url.pathname}: no such operation in the contract subset`];
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = v;
  return validateRequest(req.method, match.swaggerPath, { query, path: match.params, body: req.body });
}

export type { Json };
