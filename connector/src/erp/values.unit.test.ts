import fc from "fast-check";
import { normalizeCurrency, normalizeOrgNr, parseAmount, parseAmountBytes, parseAnyAmount, parseDate } from "./values";

const amount = (text: string, style: "auto" | "," | "." = "auto") => {
  const r = parseAmount(text, style);
  return r.ok ? r.value : r.reason;
};

describe("amounts", () => {
  it("the one-pass shortcut answers exactly as the full parser, in every style", () => {
    const text = fc.array(fc.constantFrom("0", "1", "5", "9", ".", ",", "-", "+", " ", "'", "\u00a0"), { maxLength: 20 }).map((cs) => cs.join(""));
    fc.assert(
      fc.property(text, fc.constantFrom("auto" as const, "," as const, "." as const), (t, style) => {
        const bytes = Buffer.from(t, "utf8");
        expect(Object.is(parseAmountBytes(bytes, 0, bytes.length, style), parseAnyAmount(bytes, 0, bytes.length, style))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it("reads decimal comma and decimal dot, with thousands grouped by spaces", () => {
    expect(amount("1 234,50")).toBe(1234.5);
    expect(amount("1\u00a0234,50")).toBe(1234.5);
    expect(amount("1\u202f234 567,25")).toBe(1234567.25);
    expect(amount("1234.50")).toBe(1234.5);
    expect(amount("  -12,5 ")).toBe(-12.5);
    expect(amount("\u221240")).toBe(-40);
    expect(amount("+7")).toBe(7);
    expect(amount("0,10")).toBe(0.1);
  });

  it("tells the decimal mark from thousands separators when both occur", () => {
    expect(amount("1,234,567.89")).toBe(1234567.89);
    expect(amount("1.234.567,89")).toBe(1234567.89);
    expect(amount("1.234,5")).toBe(1234.5);
    expect(amount("1'234.50")).toBe(1234.5);
  });

  it("follows a given style", () => {
    expect(amount("1.234,50", ",")).toBe(1234.5);
    expect(amount("1,234.50", ".")).toBe(1234.5);
    expect(amount("1,234", ".")).toBe(1234);
    expect(amount("1,234", "auto")).toBe(1.234);
    expect(amount("1.234", ",")).toBe(1234);
  });

  it("rejects what is not a number, saying so", () => {
    expect(amount("")).toBe("amount is empty");
    expect(amount("12 kr")).toMatch(/not a number/);
    expect(amount("1,2,3", ",")).toMatch(/more than one decimal mark/);
    expect(amount("-")).toMatch(/not a number/);
    expect(amount("1..2")).toMatch(/decimal mark|not a number/);
    expect(amount("12,")).toBe(12);
    expect(amount("1 ")).toBe(1);
    expect(amount("12345678901234567")).toMatch(/more digits/);
  });
});

describe("dates", () => {
  const date = (t: string) => {
    const r = parseDate(t);
    return r.ok ? r.value : r.reason;
  };
  it("reads YYYY-MM-DD, DD.MM.YYYY and YYYY-MM-DD HH:mm", () => {
    expect(date("2026-11-23")).toBe("2026-11-23");
    expect(date("23.11.2026")).toBe("2026-11-23");
    expect(date("3.1.2026")).toBe("2026-01-03");
    expect(date("2026-11-23 14:05")).toBe("2026-11-23");
    expect(date("2026-11-23 14:05:59")).toBe("2026-11-23");
    expect(date("2026-11-23T14:05:59.000Z")).toBe("2026-11-23");
    expect(date(" 2024-02-29 ")).toBe("2024-02-29");
    expect(date("29.02.2024")).toBe("2024-02-29");
  });

  it("rejects impossible and unknown formats", () => {
    expect(date("2023-02-29")).toMatch(/not a calendar date/);
    expect(date("31.04.2026")).toMatch(/not a calendar date/);
    expect(date("11/23/2026")).toMatch(/is not YYYY-MM-DD/);
    expect(date("2026-11-23 25:00")).toMatch(/is not YYYY-MM-DD/);
    expect(date("2026-11-23x")).toMatch(/is not YYYY-MM-DD/);
    expect(date("")).toBe("date is empty");
  });

  it("a plain YYYY-MM-DD is a date exactly when its digits make a calendar day in 1900–2199 (property)", () => {
    const part = (n: number) => fc.array(fc.constantFrom("0", "1", "2", "3", "9", "/", ":", " ", "a"), { minLength: n, maxLength: n }).map((c) => c.join(""));
    const digitsOf = (n: number) => fc.array(fc.constantFrom(..."0123456789"), { minLength: n, maxLength: n }).map((c) => c.join(""));
    const text = fc.tuple(fc.oneof(digitsOf(4), part(4), fc.constantFrom("1900", "2024", "2100", "2199", "2200", "1899")), fc.oneof(digitsOf(2), part(2)), fc.oneof(digitsOf(2), part(2))).map(([y, m, d]) => `${y}-${m}-${d}`);
    fc.assert(
      fc.property(text, (t) => {
        const [y, m, d] = t.split("-").map((p) => (/^\d+$/.test(p) ? Number(p) : Number.NaN)) as [number, number, number];
        const utc = new Date(Date.UTC(y, m - 1, d));
        const valid = y >= 1900 && y <= 2199 && utc.getUTCFullYear() === y && utc.getUTCMonth() === m - 1 && utc.getUTCDate() === d;
        // With a space around it the full parser reads the text: both must agree.
        const slow = date(` ${t}`);
        if (valid) expect([date(t), slow]).toEqual([t, t]);
        else expect(date(t)).toBe(slow.replace(` ${t}`, t));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("keys and codes", () => {
  it("normalises organisation numbers for matching", () => {
    expect(normalizeOrgNr("556123-4567")).toBe("5561234567");
    expect(normalizeOrgNr(" 923 456 789 ")).toBe("923456789");
    expect(normalizeOrgNr("dk12345678")).toBe("DK12345678");
  });
  it("accepts three-letter currency codes only", () => {
    expect(normalizeCurrency(" sek ")).toBe("SEK");
    expect(normalizeCurrency("kr")).toBeNull();
    expect(normalizeCurrency("EURO")).toBeNull();
  });
});
