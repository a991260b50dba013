/**
 * SuperOffice's encoded custom-field values (CultureDataFormatter, invariant culture):
 * `[I:23]` int, `[F:1.5]` decimal, `[M:1.5]` money, `[D:MM.dd.yyyy]` date, `[DT:MM/dd/yyyy HH:mm:ss]`
 * date-time, `[T:HH:mm]` time; strings are not encoded. List UDFs hold the list item id as `[I:id]`.
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
  | { kind: "string"; value: string };

const ENCODED = /^\[(I|F|M|D|DT|T|B):(.*)\]$/s;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

function isoDate(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function decodeDate(text: string): string | null {
  const invariant = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  if (invariant) return isoDate(Number(invariant[3]), Number(invariant[1]), Number(invariant[2]));
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  return null;
}

function decodeDateTime(text: string): string | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (m) {
    const date = isoDate(Number(m[3]), Number(m[1]), Number(m[2]));
    return date && `${date}T${pad(Number(m[4]))}:${m[5]}:${m[6] ?? "00"}`;
  }
  const iso = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::(\d{2}))?/.exec(text);
  if (iso?.[1] && decodeDate(iso[1])) return `${iso[1]}T${iso[2]}:${iso[3] ?? "00"}`;
  return null;
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
    case "D":
      return { kind: "date", value: decodeDate(text) ?? fail() };
    case "DT":
      return { kind: "datetime", value: decodeDateTime(text) ?? fail() };
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
