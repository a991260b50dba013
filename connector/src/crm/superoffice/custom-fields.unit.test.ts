import fc from "fast-check";
import { decodeCustomField, decodeListItemId, encodeCustomField, encodeListItemId, type CustomFieldValue } from "./custom-fields";

describe("decodeCustomField", () => {
  it("decodes each SuperOffice marker", () => {
    expect(decodeCustomField("[I:23]")).toEqual({ kind: "int", value: 23 });
    expect(decodeCustomField("[I:-4]")).toEqual({ kind: "int", value: -4 });
    expect(decodeCustomField("[F:123.4]")).toEqual({ kind: "decimal", value: 123.4 });
    expect(decodeCustomField("[M:99.95]")).toEqual({ kind: "money", value: 99.95 });
    expect(decodeCustomField("[D:09.11.2017]")).toEqual({ kind: "date", value: "2017-09-11" });
    expect(decodeCustomField("[DT:11/09/2017 14:53:18]")).toEqual({ kind: "datetime", value: "2017-11-09T14:53:18" });
    expect(decodeCustomField("[T:14:52]")).toEqual({ kind: "time", value: "14:52" });
  });
  it("reads both date styles, times after dates, fractions of a second and SuperOffice's empty date", () => {
    expect(decodeCustomField("[D:03/28/2019]")).toEqual({ kind: "date", value: "2019-03-28" });
    expect(decodeCustomField("[D:05/05/1999 00:00:00.0000000]")).toEqual({ kind: "date", value: "1999-05-05" });
    expect(decodeCustomField("[DT:03/28/2019 00:00:00.0000000]")).toEqual({ kind: "datetime", value: "2019-03-28T00:00:00" });
    expect(decodeCustomField("[DT:01/01/1760 09:34:44.0000000]")).toEqual({ kind: "datetime", value: "1760-01-01T09:34:44" });
    expect(decodeCustomField("[D:01/01/0001]")).toEqual({ kind: "empty" });
    expect(decodeCustomField("[D:01/01/0001 00:00:00.0000000]")).toEqual({ kind: "empty" });
    expect(decodeCustomField("[DT:01/01/0001 00:00:00.0000000]")).toEqual({ kind: "empty" });
    expect(decodeCustomField("[S:Hello there]")).toEqual({ kind: "string", value: "Hello there" });
    expect(() => decodeCustomField("[DT:03/28/2019 25:00:00]")).toThrow("Malformed");
    expect(() => decodeCustomField("[D:03.28/2019]")).toThrow("Malformed");
  });
  it("keeps strings as they are, including ones with brackets", () => {
    expect(decodeCustomField("Works")).toEqual({ kind: "string", value: "Works" });
    expect(decodeCustomField("")).toEqual({ kind: "string", value: "" });
    expect(decodeCustomField("[note] call back")).toEqual({ kind: "string", value: "[note] call back" });
  });
  it("refuses malformed encoded values instead of guessing", () => {
    expect(() => decodeCustomField("[I:abc]")).toThrow("Malformed");
    expect(() => decodeCustomField("[D:13.45.2017]")).toThrow("Malformed");
    expect(() => decodeCustomField("[F:1,5]")).toThrow("Malformed");
  });
});

describe("encodeCustomField", () => {
  it("encodes as SuperOffice does", () => {
    expect(encodeCustomField({ kind: "int", value: 23 })).toBe("[I:23]");
    expect(encodeCustomField({ kind: "decimal", value: 1.5 })).toBe("[F:1.5]");
    expect(encodeCustomField({ kind: "date", value: "2017-09-11" })).toBe("[D:09.11.2017]");
    expect(encodeCustomField({ kind: "datetime", value: "2017-11-09T14:53" })).toBe("[DT:11/09/2017 14:53:00]");
    expect(encodeCustomField({ kind: "string", value: "Utvid" })).toBe("Utvid");
  });
  it("refuses values SuperOffice could not store", () => {
    expect(() => encodeCustomField({ kind: "int", value: 1.2 })).toThrow();
    expect(() => encodeCustomField({ kind: "date", value: "2017-02-30" })).toThrow();
    expect(() => encodeCustomField({ kind: "decimal", value: Number.POSITIVE_INFINITY })).toThrow();
  });
  it("round-trips", () => {
    const value: fc.Arbitrary<CustomFieldValue> = fc.oneof(
      fc.integer({ min: -1e9, max: 1e9 }).map((v) => ({ kind: "int" as const, value: v })),
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).filter((v) => !Object.is(v, -0) && !String(v).includes("e")).map((v) => ({ kind: "decimal" as const, value: v })),
      fc.date({ min: new Date("1900-01-01"), max: new Date("2199-12-31"), noInvalidDate: true }).map((d) => ({ kind: "date" as const, value: d.toISOString().slice(0, 10) })),
      fc.string().filter((s) => !/^\[(I|F|M|D|DT|T|B):.*\]$/s.test(s)).map((s) => ({ kind: "string" as const, value: s })),
    );
    fc.assert(fc.property(value, (v) => expect(decodeCustomField(encodeCustomField(v))).toEqual(v)));
  });
});

describe("list item ids", () => {
  it("reads [I:n], plain digits and empty values", () => {
    expect(decodeListItemId("[I:23]")).toBe(23);
    expect(decodeListItemId("23")).toBe(23);
    expect(decodeListItemId("[I:0]")).toBeNull();
    expect(decodeListItemId("")).toBeNull();
    expect(decodeListItemId(undefined)).toBeNull();
    expect(() => decodeListItemId("Utvid")).toThrow("Not a list item id");
  });
  it("writes [I:n], and [I:0] to clear", () => {
    expect(encodeListItemId(7)).toBe("[I:7]");
    expect(encodeListItemId(null)).toBe("[I:0]");
  });
});
