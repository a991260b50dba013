import { z } from "zod";
import { badRequest, SoError } from "./errors";

/**
 * PATCH bodies as SuperOffice takes them: a JSON Patch array (RFC 6902; ops add, replace, remove, test;
 * paths case-insensitive, leading "/" optional) or a JSON Merge Patch object (RFC 7396, where — per D-QS —
 * null values are not applied). Both are applied to the entity's wire shape, which the caller then saves.
 */

type Obj = Record<string, unknown>;

const JsonPatchOp = z.object({
  op: z.string(),
  path: z.string(),
  value: z.unknown().optional(),
  from: z.string().optional(),
});
const JsonPatch = z.array(JsonPatchOp);

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function keyOf(obj: Obj, segment: string): string {
  return Object.keys(obj).find((k) => k.toLowerCase() === segment.toLowerCase()) ?? segment;
}

function segmentsOf(path: string): string[] {
  const segments = path.replace(/^\//, "").split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (segments.length === 0 || segments[0] === "") throw badRequest(`JSON Patch path '${path}' is empty`);
  return segments;
}

/** Walks to the parent of the last segment, creating objects for unset (null) intermediates. */
function parentOf(root: Obj, segments: string[], create: boolean): { parent: Obj | unknown[]; last: string } | null {
  let node: unknown = root;
  for (const seg of segments.slice(0, -1)) {
    if (Array.isArray(node)) {
      node = node[Number(seg)];
      continue;
    }
    if (node === null || typeof node !== "object") return null;
    const obj = node as Obj;
    const key = keyOf(obj, seg);
    if ((obj[key] === null || obj[key] === undefined) && create) obj[key] = {};
    node = obj[key];
  }
  if (node === null || typeof node !== "object") return null;
  return { parent: node as Obj | unknown[], last: segments[segments.length - 1] as string };
}

function getAt(root: Obj, segments: string[]): unknown {
  const found = parentOf(root, segments, false);
  if (!found) return undefined;
  if (Array.isArray(found.parent)) return found.parent[Number(found.last)];
  return found.parent[keyOf(found.parent, found.last)];
}

export function applyJsonPatch(entity: Obj, ops: unknown): Obj {
  const parsed = JsonPatch.safeParse(ops);
  if (!parsed.success) throw badRequest(`Invalid JSON Patch: ${parsed.error.issues[0]?.message ?? "bad shape"}`);
  const result = clone(entity);
  for (const op of parsed.data) {
    const segments = segmentsOf(op.path);
    switch (op.op.toLowerCase()) {
      case "test": {
        if (!deepEqual(getAt(result, segments), op.value)) {
          throw new SoError(409, "SoConflictException", `Test failed: value at '${op.path}' differs`);
        }
        break;
      }
      case "add":
      case "replace": {
        if (!("value" in op)) throw badRequest(`JSON Patch '${op.op}' at '${op.path}' needs a value`);
        const found = parentOf(result, segments, true);
        if (!found) throw badRequest(`JSON Patch path '${op.path}' does not exist`);
        if (Array.isArray(found.parent)) {
          if (found.last === "-") found.parent.push(clone(op.value));
          else found.parent[Number(found.last)] = clone(op.value);
        } else {
          const key = keyOf(found.parent, found.last);
          const current = found.parent[key];
          // SuperOffice appends when an object is given where an array is expected (D-REST).
          if (Array.isArray(current) && op.value !== null && typeof op.value === "object" && !Array.isArray(op.value)) {
            current.push(clone(op.value));
          } else {
            found.parent[key] = clone(op.value);
          }
        }
        break;
      }
      case "remove": {
        const found = parentOf(result, segments, false);
        if (!found) throw badRequest(`JSON Patch path '${op.path}' does not exist`);
        if (Array.isArray(found.parent)) found.parent.splice(Number(found.last), 1);
        else found.parent[keyOf(found.parent, found.last)] = null;
        break;
      }
      case "move":
      case "copy":
        throw badRequest(`JSON Patch operation '${op.op}' is not supported`);
      default:
        throw badRequest(`Unknown JSON Patch operation '${op.op}'`);
    }
  }
  return result;
}

export function applyMergePatch(entity: Obj, patch: Obj): Obj {
  const merge = (target: Obj, change: Obj): void => {
    for (const [k, v] of Object.entries(change)) {
      if (v === null) continue;
      const key = keyOf(target, k);
      const current = target[key];
      if (typeof v === "object" && !Array.isArray(v) && current !== null && typeof current === "object" && !Array.isArray(current)) {
        merge(current as Obj, v as Obj);
      } else {
        target[key] = clone(v);
      }
    }
  };
  const result = clone(entity);
  merge(result, patch);
  return result;
}

/** Either kind of PATCH body; anything else is a 400. */
export function applyPatchBody(entity: Obj, body: unknown): Obj {
  if (Array.isArray(body)) return applyJsonPatch(entity, body);
  if (body !== null && typeof body === "object") return applyMergePatch(entity, body as Obj);
  throw badRequest("Entity to save is not in request body", "ArgumentNullException");
}

/** PATCH/PUT precondition: 412 when the entity changed after If-Unmodified-Since. */
export function checkUnmodifiedSince(header: string | undefined, updatedUtc: string): void {
  if (!header) return;
  const since = Date.parse(header);
  if (Number.isNaN(since)) throw badRequest(`Invalid If-Unmodified-Since header '${header}'`);
  const updated = Date.parse(updatedUtc.endsWith("Z") ? updatedUtc : `${updatedUtc}Z`);
  // HTTP dates have one-second resolution.
  if (Math.floor(updated / 1000) > Math.floor(since / 1000)) {
    throw new SoError(412, "SoPreconditionFailedException", `Entity has changed since ${new Date(since).toISOString()}`);
  }
}
