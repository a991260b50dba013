import { normaliseEmail, odataDate, odataInt, odataParams, odataString, serialiseQuery } from "./odata";

describe("odataString", () => {
  it("doubles apostrophes and keeps unicode", () => {
    expect(odataString("o'brien@example.com")).toBe("'o''brien@example.com'");
    expect(odataString("''")).toBe("''''''");
    expect(odataString("åsa.örn@bygg.se")).toBe("'åsa.örn@bygg.se'");
    expect(odataString("plain")).toBe("'plain'");
  });
});

describe("literals", () => {
  it("accepts ISO dates and local date-times only", () => {
    expect(odataDate("2026-11-23")).toBe("'2026-11-23'");
    expect(odataDate("2026-11-23T15:00:00")).toBe("'2026-11-23T15:00:00'");
    expect(() => odataDate("2026-11-23' or 1 eq 1")).toThrow("Not an ISO date");
  });
  it("accepts safe integers only", () => {
    expect(odataInt(42)).toBe("42");
    expect(() => odataInt(1.5)).toThrow();
    expect(() => odataInt(Number.NaN)).toThrow();
  });
  it("normalises e-mail to trimmed lower case", () => {
    expect(normaliseEmail("  O'Brien@Example.COM ")).toBe("o'brien@example.com");
  });
});

describe("odataParams and serialiseQuery", () => {
  it("names options as SuperOffice does and leaves out empty ones", () => {
    expect(odataParams({ select: ["personId", "email/emailAddress"], filter: "personId eq 1", top: 10, skip: 0 })).toEqual({
      $select: "personId,email/emailAddress",
      $filter: "personId eq 1",
      $top: "10",
    });
    expect(odataParams({ select: ["a"], orderBy: "date desc", entities: ["person"], skip: 20 })).toEqual({
      $select: "a",
      $orderBy: "date desc",
      $entities: "person",
      $skip: "20",
    });
  });
  it("percent-encodes values so that a plus and an apostrophe survive the trip", () => {
    const query = serialiseQuery({ $filter: "email/emailAddress eq 'a+b''c@x.se'", $top: 5 });
    expect(query).toBe("$filter=email%2FemailAddress%20eq%20'a%2Bb''c%40x.se'&$top=5");
    expect(new URLSearchParams(query).get("$filter")).toBe("email/emailAddress eq 'a+b''c@x.se'");
  });
});
