/**
 * SuperOffice's encoded custom-field values (CultureDataFormatter, invariant culture):
 * `[I:23]` int, `[F:1.5]` decimal, `[M:1.5]` money, `[D:MM.dd.yyyy]` or `[D:MM/dd/yyyy]` date (NetServer
 * also writes a time of day after it, `[D:05/05/1999 00:00:00.0000000]`), `[DT:MM/dd/yyyy HH:mm:ss]`
 * date-time with or without fractions of a second, `[T:HH:mm]` time, `[S:…]` or no marker for strings.
 * `01/01/0001` is SuperOffice's empty date. List UDFs hold the list item id as `[I:id]`.
 */
import { assertNever } from "../../../../shared/domain/vocabulary";

export type CustomFieldValue =
  | { kind: "int"; value: number }
  | { kind: "decimal"; value: number }
  | { kind: "money"; value: number }
  /** ISO date yyyy-MM-dd. */
  | { kind: "date"; value: string }
  /** ISO local date-time yyyy-MM-ddTHH:mm:ss. */
  | { kind: "datetime"; value: string }
  /** HH:mm. */
  | { kind: "time"; value: string }
  | { kind: "string"; value: string }
  /** A date or date-time field without a value (SuperOffice writes 01/01/0001). */
  | { kind: "empty" };

const ENCODED = /^\[(I|F|M|D|DT|T|B|S):(.*)\]$/s;

/** SuperOffice's "no date": DateTime.MinValue. */
const EMPTY_DATE = "0001-01-01";

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

function isoDate(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(2000, month - 1, day));
  d.setUTCFullYear(year); // Date.UTC reads years 0–99 as 1900–1999
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** `MM.dd.yyyy` or `MM/dd/yyyy` (invariant culture) or ISO, optionally followed by a time of day. */
function decodeDateTimeParts(text: string): { date: string; time: string | null } | null {
  const time = String.raw`(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,7})?)?)?`;
  const invariant = new RegExp(String.raw`^(\d{1,2})([./])(\d{1,2})\2(\d{4})${time}$`).exec(text);
  const iso = new RegExp(String.raw`^(\d{4})-(\d{2})-(\d{2})${time}$`).exec(text);
  let date: string | null = null;
  let clock: (string | undefined)[] = [];
  if (invariant) {
    date = isoDate(Number(invariant[4]), Number(invariant[1]), Number(invariant[3]));
    clock = invariant.slice(5, 8);
  } else if (iso) {
    date = isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    clock = iso.slice(4, 7);
  }
  if (date === null) return null;
  const [h, m, s] = clock;
  if (h === undefined || m === undefined) return { date, time: null };
  if (Number(h) > 23 || Number(m) > 59 || Number(s ?? 0) > 59) return null;
  return { date, time: `${pad(Number(h))}:${m}:${s ?? "00"}` };
}

function decodeNumber(text: string): number | null {
  if (!/^-?\d+(\.\d+)?$/.test(text)) return null;
  return Number(text);
}

/**
 * Decodes one custom-field value. A value that looks encoded but does not parse is an error: the caller
 * reports it with the field name rather than guessing.
 */
export function decodeCustomField(raw: string): CustomFieldValue {
  const m = ENCODED.exec(raw);
  if (!m) return { kind: "string", value: raw };
  const [, marker, text = ""] = m;
  const fail = (): never => {
    throw new Error(`Malformed encoded custom-field value: ${raw}`);
  };
  switch (marker) {
    case "I": {
      if (!/^-?\d+$/.test(text)) return fail();
      return { kind: "int", value: Number(text) };
    }
    case "F":
      return { kind: "decimal", value: decodeNumber(text) ?? fail() };
    case "M":
      return { kind: "money", value: decodeNumber(text) ?? fail() };
    case "D": {
      const parts = decodeDateTimeParts(text) ?? fail();
      return parts.date === EMPTY_DATE ? { kind: "empty" } : { kind: "date", value: parts.date };
    }
    case "DT": {
      const parts = decodeDateTimeParts(text) ?? fail();
      if (parts.date === EMPTY_DATE) return { kind: "empty" };
      return { kind: "datetime", value: `${parts.date}T${parts.time ?? "00:00:00"}` };
    }
    case "S":
      return { kind: "string", value: text };
    case "T": {
      const t = /^(\d{1,2}):(\d{2})$/.exec(text) ?? fail();
      return { kind: "time", value: `${pad(Number(t[1]))}:${t[2]}` };
    }
    default:
      // Binary values are not used by the product; keep them as opaque text.
      return { kind: "string", value: raw };
  }
}

export function encodeCustomField(value: CustomFieldValue): string {
  switch (value.kind) {
    case "int":
      if (!Number.isSafeInteger(value.value)) throw new Error(`Not an integer: ${value.value}`);
      return `[I:${value.value}]`;
    case "decimal":
    case "money": {
      if (!Number.isFinite(value.value)) throw new Error(`Not a finite number: ${value.value}`);
      return `[${value.kind === "decimal" ? "F" : "M"}:${String(value.value)}]`;
    }
    case "date": {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.value);
      if (!m || !isoDate(Number(m[1]), Number(m[2]), Number(m[3]))) throw new Error(`Not an ISO date: ${value.value}`);
      return `[D:${m[2]}.${m[3]}.${m[1]}]`;
    }
    case "datetime": {
      const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.value);
      if (!m || !isoDate(Number(m[1]), Number(m[2]), Number(m[3]))) throw new Error(`Not an ISO local date-time: ${value.value}`);
      return `[DT:${m[2]}/${m[3]}/${m[1]} ${m[4]}:${m[5]}:${m[6] ?? "00"}]`;
    }
    case "time": {
      if (!/^\d{2}:\d{2}$/.test(value.value)) throw new Error(`Not a time HH:mm: ${value.value}`);
      return `[T:${value.value}]`;
    }
    case "string":
      return value.value;
    case "empty":
      return "";
    default:
      return assertNever(value, "custom-field value");
  }
}

/** The list item id held by a list UDF (`[I:23]`, or a plain "23" some tenants return); null when empty. */
export function decodeListItemId(raw: string | null | undefined): number | null {
  if (raw === null || raw === undefined || raw === "" || raw === "[I:0]" || raw === "0") return null;
  if (/^\d+$/.test(raw)) return Number(raw);
  const decoded = decodeCustomField(raw);
  if (decoded.kind !== "int") throw new Error(`Not a list item id: ${raw}`);
  return decoded.value === 0 ? null : decoded.value;
}

export function encodeListItemId(id: number | null): string {
  return encodeCustomField({ kind: "int", value: id ?? 0 });
}
