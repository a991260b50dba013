import { archiveError } from "../errors";
import { type FilterExpr, filterColumns, type Literal, parseFilter } from "./filter";

/** Column kinds as the archive providers type them (D-AP): they decide operators and display values. */
export type ColumnType = "int" | "decimal" | "string" | "date" | "bool" | "list" | "associate";
export type RawValue = string | number | boolean | null;

export interface ArchiveColumn<R> {
  type: ColumnType;
  /** Raw value: ids for list/associate columns, "YYYY-MM-DDTHH:mm:ss" (or null) for dates. */
  raw(row: R): RawValue;
  /**
   * Display value when it differs from the raw one (list item name, associate initials): SLIM rows carry
   * it for list columns; associate columns stay ids in SLIM (see SLIM_RAW_TYPES); Full mode has both.
   */
  display?(row: R): RawValue;
}

export interface ArchiveProvider<R> {
  /** The archive provider's name, e.g. "Person", "FindAppointment". */
  name: string;
  columns: Record<string, ArchiveColumn<R>>;
  /** Entity names this provider knows ($entities), and the ones used when $entities is absent. */
  entities: readonly string[];
  defaultEntities: readonly string[];
  entityOf(row: R): string;
  primaryKey(row: R): number;
  rows(): Iterable<R>;
  /** Columns returned when $select is absent. */
  defaultSelect: readonly string[];
}

export interface ArchiveQuery {
  $select?: string;
  $filter?: string;
  $orderBy?: string;
  $entities?: string;
  $top?: string;
  $skip?: string;
  $mode?: string;
  $jsonSafe?: string;
}

export interface ArchiveContext {
  /** Today in the tenant ("YYYY-MM-DD"), for beforeToday/afterToday/thisWeek… */
  today: string;
  /** The signed-in associate, for currentAssociate. */
  associateId: number;
  /** The URL of this request, to build odata.nextLink. */
  requestUrl: URL;
  metadataUrl: string;
}

export const DEFAULT_PAGE_SIZE = 500;
/**
 * Column kinds whose SLIM cell is the raw id rather than the display text. WEBAPI.md documents display
 * text for list columns (category → "Leverandør"); for associate columns it is UNCONFIRMED, and the
 * client (docs/superoffice.md, item 12) reads ids, so the sandbox sends ids and $mode=Full has both.
 */
const SLIM_RAW_TYPES: ReadonlySet<ColumnType> = new Set(["associate"]);
export const MAX_PAGE_SIZE = 10_000;

function lookup<R>(provider: ArchiveProvider<R>, name: string): ArchiveColumn<R> {
  const exact = provider.columns[name];
  if (exact) return exact;
  const lower = name.toLowerCase();
  const key = Object.keys(provider.columns).find((k) => k.toLowerCase() === lower);
  if (!key) throw archiveError(`Unknown column '${name}' in archive provider '${provider.name}'`);
  return provider.columns[key] as ArchiveColumn<R>;
}

const ci = (s: unknown) => String(s ?? "").toLocaleLowerCase("sv");

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** [start, end) of a named period around today, as "YYYY-MM-DD". */
function period(op: string, today: string): [string, string] {
  const d = new Date(`${today}T00:00:00Z`);
  const dow = (d.getUTCDay() + 6) % 7; // Monday = 0
  const monday = addDays(today, -dow);
  const firstOfMonth = `${today.slice(0, 7)}-01`;
  const monthShift = (n: number) => {
    const m = new Date(`${firstOfMonth}T00:00:00Z`);
    m.setUTCMonth(m.getUTCMonth() + n);
    return m.toISOString().slice(0, 10);
  };
  const quarterStart = (n: number) => {
    const m = new Date(`${firstOfMonth}T00:00:00Z`);
    m.setUTCMonth(Math.floor(m.getUTCMonth() / 3) * 3 + n * 3);
    return m.toISOString().slice(0, 10);
  };
  switch (op) {
    case "today": return [today, addDays(today, 1)];
    case "thisweek": return [monday, addDays(monday, 7)];
    case "lastweek": return [addDays(monday, -7), monday];
    case "nextweek": return [addDays(monday, 7), addDays(monday, 14)];
    case "thismonth": return [monthShift(0), monthShift(1)];
    case "lastmonth": return [monthShift(-1), monthShift(0)];
    case "nextmonth": return [monthShift(1), monthShift(2)];
    case "thisquarter": return [quarterStart(0), quarterStart(1)];
    case "lastquarter": return [quarterStart(-1), quarterStart(0)];
    case "nextquarter": return [quarterStart(1), quarterStart(2)];
    case "thishalf": {
      const half = Number(today.slice(5, 7)) <= 6 ? "01" : "07";
      const start = `${today.slice(0, 4)}-${half}-01`;
      const end = half === "01" ? `${today.slice(0, 4)}-07-01` : `${Number(today.slice(0, 4)) + 1}-01-01`;
      return [start, end];
    }
    case "thisyear": return [`${today.slice(0, 4)}-01-01`, `${Number(today.slice(0, 4)) + 1}-01-01`];
    default: throw archiveError(`Operator '${op}' is not supported on date columns`);
  }
}

/** A date literal as a full timestamp; date-only literals mean midnight. */
function dateLiteral(v: Literal, column: string): string {
  const s = String(v ?? "");
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return `${s}T00:00:00`;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?/.test(s)) return s.length === 16 ? `${s}:00` : s.slice(0, 19);
  throw archiveError(`'${s}' is not a date for column '${column}'`);
}
/** End of the day a literal names (exclusive), for inclusive day ranges. */
function dayAfter(v: Literal, column: string): string {
  const s = dateLiteral(v, column);
  return /T00:00:00$/.test(s) && String(v).length === 10 ? `${addDays(s.slice(0, 10), 1)}T00:00:00` : s;
}

function numberLiteral(v: Literal, column: string): number {
  if (typeof v === "number") return v;
  if (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  if (typeof v === "boolean") return v ? 1 : 0;
  throw archiveError(`'${String(v)}' is not a number for column '${column}'`);
}

function boolLiteral(v: Literal): boolean {
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  return /^(true|1)$/i.test(String(v));
}

function compare(a: string | number, b: string | number): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

function evalCmp<R>(col: ArchiveColumn<R>, name: string, op: string, args: Literal[], row: R, ctx: ArchiveContext): boolean {
  const raw = col.raw(row);
  const arg = args[0] ?? null;
  const negate = (fn: () => boolean) => !fn();
  switch (col.type) {
    case "string": {
      const v = ci(raw);
      const a = ci(arg);
      switch (op) {
        case "eq": case "equals": case "is": return v === a;
        case "ne": case "unequals": case "isnot": return v !== a;
        case "begins": return v.startsWith(a);
        case "notbegins": return !v.startsWith(a);
        case "contains": return v.includes(a);
        case "notcontains": return !v.includes(a);
        case "lt": case "less": return v < a;
        case "gt": case "greater": return v > a;
        case "le": return v <= a;
        case "ge": return v >= a;
        case "between": return v >= a && v <= ci(args[1]);
        case "oneof": case "in": return args.some((x) => ci(x) === v);
        case "notoneof": return !args.some((x) => ci(x) === v);
        case "set": return (v !== "") === (args.length === 0 || boolLiteral(arg));
        default: throw archiveError(`Operator '${op}' is not supported on string column '${name}'`);
      }
    }
    case "int": case "decimal": case "list": case "associate": {
      // List and associate columns restrict on ids; a non-numeric literal is matched against the display text.
      const byName = (x: Literal) => typeof x === "string" && !/^-?\d+(\.\d+)?$/.test(x.trim()) && (col.type === "list" || col.type === "associate");
      const matches = (x: Literal) => byName(x) ? ci(col.display?.(row)) === ci(x) : Number(raw ?? 0) === numberLiteral(x, name);
      const n = Number(raw ?? 0);
      switch (op) {
        case "eq": case "equals": case "is": return matches(arg);
        case "ne": case "unequals": case "isnot": return negate(() => matches(arg));
        case "lt": case "less": return n < numberLiteral(arg, name);
        case "gt": case "greater": return n > numberLiteral(arg, name);
        case "le": return n <= numberLiteral(arg, name);
        case "ge": return n >= numberLiteral(arg, name);
        case "between": return n >= numberLiteral(arg, name) && n <= numberLiteral(args[1] ?? null, name);
        case "oneof": case "in": case "associateisoneof": return args.some(matches);
        case "notoneof": case "associateisnotoneof": return !args.some(matches);
        case "set": return (n !== 0) === (args.length === 0 || boolLiteral(arg));
        case "currentassociate": return n === ctx.associateId;
        default: throw archiveError(`Operator '${op}' is not supported on column '${name}'`);
      }
    }
    case "bool": {
      const v = raw === true;
      switch (op) {
        case "eq": case "equals": case "is": case "set": return v === (args.length === 0 || boolLiteral(arg));
        case "ne": case "unequals": case "isnot": return v !== boolLiteral(arg);
        default: throw archiveError(`Operator '${op}' is not supported on boolean column '${name}'`);
      }
    }
    case "date": {
      const v = raw === null ? null : String(raw);
      if (op === "set") return (v !== null) === (args.length === 0 || boolLiteral(arg));
      if (v === null) return op === "ne" || op === "unequals";
      switch (op) {
        case "eq": case "equals": case "date": case "is": {
          const s = dateLiteral(arg, name);
          return String(arg).length === 10 ? v.slice(0, 10) === s.slice(0, 10) : v === s;
        }
        case "ne": case "unequals": return v.slice(0, 10) !== dateLiteral(arg, name).slice(0, 10);
        case "lt": case "less": case "before": return v < dateLiteral(arg, name);
        case "le": case "beforeorequal": return v < dayAfter(arg, name);
        case "gt": case "greater": case "after": return v >= dayAfter(arg, name) || (String(arg).length > 10 && v > dateLiteral(arg, name));
        case "ge": return v >= dateLiteral(arg, name);
        case "between": case "datebetween": return v >= dateLiteral(arg, name) && v < dayAfter(args[1] ?? null, name);
        case "beforetoday": return v < `${ctx.today}T00:00:00`;
        case "aftertoday": return v >= `${addDays(ctx.today, 1)}T00:00:00`;
        default: {
          const [start, end] = period(op, ctx.today);
          return v >= `${start}T00:00:00` && v < `${end}T00:00:00`;
        }
      }
    }
  }
}

function evaluate<R>(provider: ArchiveProvider<R>, expr: FilterExpr, row: R, ctx: ArchiveContext): boolean {
  switch (expr.kind) {
    case "and": return evaluate(provider, expr.left, row, ctx) && evaluate(provider, expr.right, row, ctx);
    case "or": return evaluate(provider, expr.left, row, ctx) || evaluate(provider, expr.right, row, ctx);
    case "not": return !evaluate(provider, expr.expr, row, ctx);
    case "func": {
      const v = ci(lookup(provider, expr.column).raw(row));
      const a = ci(expr.value);
      return expr.name === "startswith" ? v.startsWith(a) : expr.name === "endswith" ? v.endsWith(a) : v.includes(a);
    }
    case "cmp": return evalCmp(lookup(provider, expr.column), expr.column, expr.op, expr.args, row, ctx);
  }
}

function parseInteger(value: string | undefined, name: string, min: number): number | undefined {
  if (value === undefined || value === "") return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min) throw archiveError(`${name} must be an integer ≥ ${min}, got '${value}'`);
  return Number(value);
}

function splitList(value: string | undefined): string[] {
  return (value ?? "").split(",").map((s) => s.trim()).filter((s) => s.length > 0);
}

export interface ODataSlimResponse {
  "odata.metadata": string;
  "odata.nextLink": string | null;
  value: Array<Record<string, unknown>>;
}

/** Runs an archive query: validate columns, filter, sort, page, and shape rows as SuperOffice does. */
export function runArchive<R>(provider: ArchiveProvider<R>, query: ArchiveQuery, ctx: ArchiveContext): ODataSlimResponse {
  const select = splitList(query.$select);
  const columns = select.length > 0 ? select : [...provider.defaultSelect];
  const selected = columns.map((name) => ({ name, col: lookup(provider, name) }));
  const filter = query.$filter && query.$filter.trim() !== "" ? parseFilter(query.$filter) : null;
  if (filter) for (const name of filterColumns(filter)) lookup(provider, name);
  const order = splitList(query.$orderBy).map((part) => {
    const [name, dir, ...rest] = part.split(/\s+/);
    if (rest.length > 0 || (dir && !/^(asc|desc)$/i.test(dir))) throw archiveError(`Invalid $orderBy clause '${part}'`);
    return { col: lookup(provider, name as string), desc: /^desc$/i.test(dir ?? "") };
  });
  const entities = splitList(query.$entities).map((e) => e.toLowerCase());
  for (const e of entities) {
    if (!provider.entities.some((x) => x.toLowerCase() === e)) {
      throw archiveError(`Unknown entity '${e}' in archive provider '${provider.name}'`);
    }
  }
  const wanted = new Set(entities.length > 0 ? entities : provider.defaultEntities.map((e) => e.toLowerCase()));
  const top = parseInteger(query.$top, "$top", 0);
  const skip = parseInteger(query.$skip, "$skip", 0) ?? 0;
  const full = /^full$/i.test(query.$mode ?? "");
  const jsonSafe = /^true$/i.test(query.$jsonSafe ?? "");

  const rows: R[] = [];
  for (const row of provider.rows()) {
    if (!wanted.has(provider.entityOf(row).toLowerCase())) continue;
    if (filter && !evaluate(provider, filter, row, ctx)) continue;
    rows.push(row);
  }
  rows.sort((a, b) => {
    for (const { col, desc } of order) {
      const va = col.raw(a);
      const vb = col.raw(b);
      const c = va === vb ? 0 : va === null ? -1 : vb === null ? 1 :
        typeof va === "string" && typeof vb === "string" ? va.localeCompare(vb, "sv") : compare(va as number, vb as number);
      if (c !== 0) return desc ? -c : c;
    }
    return provider.primaryKey(a) - provider.primaryKey(b);
  });
  const pageSize = Math.min(top ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const page = rows.slice(skip, skip + pageSize);
  let nextLink: string | null = null;
  if (skip + page.length < rows.length && page.length > 0) {
    const next = new URL(ctx.requestUrl);
    for (const key of [...next.searchParams.keys()]) if (key.toLowerCase() === "$skip") next.searchParams.delete(key);
    next.searchParams.set("$skip", String(skip + page.length));
    nextLink = next.toString();
  }
  const key = (name: string) => (jsonSafe ? name.replace(/[^A-Za-z0-9_]/g, "_") : name);
  const value = page.map((row) => {
    const out: Record<string, unknown> = { PrimaryKey: provider.primaryKey(row), EntityName: provider.entityOf(row) };
    for (const { name, col } of selected) {
      const raw = col.raw(row);
      const display = col.display ? col.display(row) : raw;
      out[key(name)] = full
        ? { DisplayValue: display === null ? "" : String(display), RawValue: raw, TooltipHint: "", LinkHint: "" }
        : SLIM_RAW_TYPES.has(col.type) ? raw : display;
    }
    return out;
  });
  return { "odata.metadata": ctx.metadataUrl, "odata.nextLink": nextLink, value };
}
