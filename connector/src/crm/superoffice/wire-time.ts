/**
 * The one place that converts between SuperOffice's wire times and the tenant's time zone (an IANA
 * zone such as Europe/Stockholm). SuperOffice sends date-times without a designator in the tenant's
 * base time zone, and with `Z` or an offset when `SO-TimeZone` asks for one (`UTC,includeTZOffset`
 * gives `…16:00:00Z`, `NO,includeTZOffset` gives `…18:00:00+02:00`). The port speaks tenant-local
 * ISO date-times without a designator (`2002-03-31T18:00:00`): a value without a designator is taken
 * as tenant-local as it is, a value with one is converted to tenant time, never cut.
 */

const WIRE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

export interface WireTime {
  /** Wall time as written: yyyy-MM-ddTHH:mm:ss. */
  local: string;
  /** Minutes east of UTC when the value carried `Z` or an offset; null when it carried none. */
  offsetMinutes: number | null;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

export function parseWireTime(value: string): WireTime {
  const m = WIRE.exec(value.trim());
  if (!m) throw new Error(`Not an ISO date-time: ${value}`);
  const [, y, mo, d, hh = "00", mi = "00", ss = "00", zone] = m;
  const local = `${y}-${mo}-${d}T${hh}:${mi}:${ss}`;
  if (zone === undefined) return { local, offsetMinutes: null };
  if (zone.toUpperCase() === "Z") return { local, offsetMinutes: 0 };
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return { local, offsetMinutes: sign * (hours * 60 + minutes) };
}

/** Milliseconds since the epoch of a wall time read as if it were UTC. */
function asUtcMillis(local: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(local);
  if (!m) throw new Error(`Not a local date-time: ${local}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  // Date.UTC maps years 0–99 onto 1900–1999; SuperOffice's "empty" dates live in year 1.
  const date = new Date(ms);
  date.setUTCFullYear(Number(m[1]));
  return date.getTime();
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone: zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
      era: "short",
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Throws when `zone` is not an IANA time zone this runtime knows. */
export function assertTimeZone(zone: string): void {
  formatter(zone);
}

/** The wall time of an instant in `zone`, yyyy-MM-ddTHH:mm:ss. */
export function wallTimeIn(instant: Date, zone: string): string {
  const parts: Record<string, string> = {};
  for (const p of formatter(zone).formatToParts(instant)) parts[p.type] = p.value;
  const year = parts.era === "BC" || parts.era === "B" ? 1 - Number(parts.year) : Number(parts.year);
  return `${pad(year, 4)}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}

/** The offset of `zone` from UTC at an instant, in minutes east. */
function offsetAt(instantMs: number, zone: string): number {
  return Math.round((asUtcMillis(wallTimeIn(new Date(instantMs), zone)) - instantMs) / 60_000);
}

/**
 * The instant at which the clocks in `zone` show `local`. A wall time that falls into the hour skipped
 * when summer time begins is read with the offset before the change (02:30 becomes 03:30 summer time);
 * one that occurs twice when it ends is the first of the two.
 */
export function instantOf(local: string, zone: string): Date {
  const naive = asUtcMillis(local);
  const candidates = [offsetAt(naive - 36 * 3600_000, zone), offsetAt(naive + 36 * 3600_000, zone), offsetAt(naive, zone)];
  const matches = [...new Set(candidates)]
    .map((offset) => naive - offset * 60_000)
    .filter((ms) => wallTimeIn(new Date(ms), zone) === local)
    .sort((a, b) => a - b);
  if (matches[0] !== undefined) return new Date(matches[0]);
  // In the gap: keep the offset that was in force before it.
  return new Date(naive - offsetAt(naive - 3 * 3600_000, zone) * 60_000);
}

/** A wire time as tenant-local wall time: designator-free values as they are, others converted. */
export function toTenantLocal(value: string, zone: string): string {
  const parsed = parseWireTime(value);
  if (parsed.offsetMinutes === null) return parsed.local;
  return wallTimeIn(new Date(asUtcMillis(parsed.local) - parsed.offsetMinutes * 60_000), zone);
}

/** The calendar date in `zone` at an instant (yyyy-MM-dd): "today" for the tenant. */
export function dateIn(instant: Date, zone: string): string {
  return wallTimeIn(instant, zone).slice(0, 10);
}
