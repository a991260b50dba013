import { AsyncLocalStorage } from "node:async_hooks";
import type { IncomingHttpHeaders } from "node:http";
import { badRequest } from "./errors";
import type { ListItemRec } from "./model";

/**
 * What one request asks of the tenant beyond its body: the language of list items (SO-Language, else
 * Accept-Language) and the time zone of date-times (SO-TimeZone, with `includeTZOffset` for designators).
 * The tenant stores date-times in its base time zone (`SandboxOptions.timeZone`).
 */

/** The languages the demo tenant's list items are translated into (iso2, as SO-Language names them). */
export type ListLanguage = "sv" | "en" | "no";

export interface RequestZone {
  /** IANA zone the request's date-times are in. */
  zone: string;
  /** Whether answers carry `Z` or an offset. */
  includeOffset: boolean;
}

interface RequestContext {
  language: ListLanguage | null;
  tenantZone: string;
  zone: RequestZone;
}

const current = new AsyncLocalStorage<RequestContext>();

/** SuperOffice's time zone codes the sandbox knows (the TimeZone agent's list has hundreds). */
const ZONE_CODES: Record<string, string> = {
  UTC: "UTC", GMT: "UTC", SE: "Europe/Stockholm", NO: "Europe/Oslo", DK: "Europe/Copenhagen", FI: "Europe/Helsinki", UK: "Europe/London",
};

function header(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  return String(Array.isArray(value) ? value[0] : value ?? "").trim();
}

/** SO-Language wins over Accept-Language (D-HDR); Norwegian in any spelling is "no". */
export function requestLanguage(headers: IncomingHttpHeaders): ListLanguage | null {
  const first = (header(headers, "so-language") || header(headers, "accept-language")).split(",")[0]?.split(";")[0]?.trim().toLowerCase() ?? "";
  const primary = first.split(/[-_]/)[0];
  if (primary === "sv" || primary === "se") return "sv";
  if (primary === "no" || primary === "nb" || primary === "nn") return "no";
  if (primary === "en" || primary === "us") return "en";
  return null;
}

/** `SO-TimeZone: <code>[,includeTZOffset]`; no code (or only the flag) means the tenant's zone. Unknown codes are a 400. */
export function requestZone(headers: IncomingHttpHeaders, tenantZone: string): RequestZone {
  const parts = header(headers, "so-timezone").split(",").map((p) => p.trim()).filter((p) => p !== "");
  const includeOffset = parts.some((p) => p.toLowerCase() === "includetzoffset");
  const code = parts.find((p) => p.toLowerCase() !== "includetzoffset");
  if (code === undefined) return { zone: tenantZone, includeOffset };
  const zone = ZONE_CODES[code.toUpperCase()] ?? (isZone(code) ? code : null);
  if (zone === null) throw badRequest(`Unknown time zone '${code}' in SO-TimeZone`);
  return { zone, includeOffset };
}

function isZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return name.includes("/");
  } catch {
    return false;
  }
}

export function inRequest<T>(context: RequestContext, work: () => T): T {
  return current.run(context, work);
}

/** A list item's name in the request's language; the stored name when it has no translation for it. */
export function localName(item: Pick<ListItemRec, "name" | "names"> | undefined): string {
  if (!item) return "";
  const language = current.getStore()?.language;
  return (language && item.names?.[language]) || item.name;
}

// ---- Date-times between the wire and the tenant's base time zone.

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** Minutes east of UTC of `zone` at an instant. */
function offsetMinutes(instant: number, zone: string): number {
  let format = offsetFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" });
    offsetFormats.set(zone, format);
  }
  const name = format.formatToParts(new Date(instant)).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  return m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0;
}

function wallMillis(local: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(local)!;
  const d = new Date(Date.UTC(2000, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
  d.setUTCFullYear(Number(m[1]));
  return d.getTime();
}

function wall(instant: number, zone: string): string {
  const d = new Date(instant + offsetMinutes(instant, zone) * 60_000);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** The instant a wall time in `zone` names (the earlier one when it occurs twice). */
function instantOf(local: string, zone: string): number {
  const naive = wallMillis(local);
  for (const guess of [offsetMinutes(naive - 86_400_000, zone), offsetMinutes(naive + 86_400_000, zone)]) {
    const instant = naive - guess * 60_000;
    if (wall(instant, zone) === local) return instant;
  }
  return naive - offsetMinutes(naive, zone) * 60_000;
}

/** An instant's wall time in the tenant's zone, "YYYY-MM-DDTHH:mm:ss". */
export function tenantWallTime(instant: Date, zone: string): string {
  return wall(instant.getTime(), zone);
}

/** DateTime.MinValue / MaxValue: SuperOffice's "no date", never shifted. */
const UNSHIFTED = /^(0001-01-01|9999-12-31)/;
const WIRE = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A written date or date-time as the tenant stores it ("YYYY-MM-DDTHH:mm:ss", tenant time): `Z` and
 * offsets are converted, a value without one is in the request's SO-TimeZone (else tenant time).
 */
export function storedLocal(value: string): string {
  const m = WIRE.exec(value.trim());
  if (!m) throw badRequest(`'${value}' is not a date`);
  const local = `${m[1]}T${m[2] ?? "00:00"}:${m[3] ?? "00"}`;
  const ctx = current.getStore();
  if (!ctx || UNSHIFTED.test(local)) return local;
  let instant: number;
  if (m[4] === undefined) {
    if (ctx.zone.zone === ctx.tenantZone) return local;
    instant = instantOf(local, ctx.zone.zone);
  } else {
    const sign = m[4].startsWith("-") ? -1 : 1;
    const digits = m[4] === "Z" ? "0000" : m[4].slice(1).replace(":", "");
    instant = wallMillis(local) - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
  }
  return wall(instant, ctx.tenantZone);
}

/** An instant (UTC "…Z" or tenant-local) as the answer shows it: tenant time unless SO-TimeZone asks otherwise. */
function shown(value: string, ctx: RequestContext): string {
  const m = WIRE.exec(value);
  if (!m || m[2] === undefined || m[3] === undefined) return value;
  const local = `${m[1]}T${m[2]}:${m[3]}`;
  const { zone, includeOffset } = ctx.zone;
  if (m[4] === undefined && zone === ctx.tenantZone && !includeOffset) return value;
  if (UNSHIFTED.test(local)) return includeOffset ? `${local}Z` : local;
  const instant = m[4] === "Z" ? wallMillis(local) : instantOf(local, ctx.tenantZone);
  const out = wall(instant, zone);
  if (!includeOffset) return out;
  const offset = offsetMinutes(instant, zone);
  if (offset === 0) return `${out}Z`;
  const abs = Math.abs(offset);
  return `${out}${offset < 0 ? "-" : "+"}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * Every date-time in an answer as SuperOffice shows it: stored UTC timestamps (Created/Updated) and
 * tenant-local times alike in the request's zone, with a designator only under `includeTZOffset`.
 */
export function showDates(value: unknown): unknown {
  const ctx = current.getStore();
  if (!ctx) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return shown(v, ctx);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === "object" && !Buffer.isBuffer(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  return walk(value);
}
