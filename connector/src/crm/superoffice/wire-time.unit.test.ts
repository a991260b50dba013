import { dateIn, instantOf, parseWireTime, toTenantLocal, wallTimeIn } from "./wire-time";

describe("wire times to tenant time", () => {
  it("converts Z and offsets to the tenant's zone and keeps designator-free values as they are", () => {
    expect(toTenantLocal("2002-03-31T16:00:00Z", "Europe/Oslo")).toBe("2002-03-31T18:00:00");
    expect(toTenantLocal("2002-03-31T16:00:00.000Z", "Europe/Oslo")).toBe("2002-03-31T18:00:00");
    expect(toTenantLocal("2002-03-31T18:00:00+02:00", "Europe/Oslo")).toBe("2002-03-31T18:00:00");
    expect(toTenantLocal("2018-12-24T07:34:45-0500", "Europe/Stockholm")).toBe("2018-12-24T13:34:45");
    expect(toTenantLocal("2002-03-31T18:00:00", "Europe/Helsinki")).toBe("2002-03-31T18:00:00");
    expect(toTenantLocal("2026-11-23", "Europe/Stockholm")).toBe("2026-11-23T00:00:00");
    expect(toTenantLocal("2026-11-23T09:00:00Z", "UTC")).toBe("2026-11-23T09:00:00");
  });

  it("moves a time across midnight into the tenant's date", () => {
    // 23:30 UTC on a winter evening is already the next day in Stockholm and Helsinki.
    expect(toTenantLocal("2026-01-14T23:30:00Z", "Europe/Stockholm")).toBe("2026-01-15T00:30:00");
    expect(toTenantLocal("2026-01-14T22:30:00Z", "Europe/Helsinki")).toBe("2026-01-15T00:30:00");
    expect(toTenantLocal("2026-01-14T22:30:00Z", "Europe/Stockholm")).toBe("2026-01-14T23:30:00");
  });

  it("follows summer time on both DST weekends", () => {
    // 2026-03-29 01:00 UTC: CET → CEST; 2026-10-25 01:00 UTC: CEST → CET (EET/EEST the same instants).
    expect(toTenantLocal("2026-03-29T00:59:00Z", "Europe/Stockholm")).toBe("2026-03-29T01:59:00");
    expect(toTenantLocal("2026-03-29T01:00:00Z", "Europe/Stockholm")).toBe("2026-03-29T03:00:00");
    expect(toTenantLocal("2026-03-29T01:00:00Z", "Europe/Helsinki")).toBe("2026-03-29T04:00:00");
    expect(toTenantLocal("2026-10-25T00:30:00Z", "Europe/Stockholm")).toBe("2026-10-25T02:30:00");
    expect(toTenantLocal("2026-10-25T01:30:00Z", "Europe/Stockholm")).toBe("2026-10-25T02:30:00");
  });

  it("finds the instant of a tenant wall time, also in the skipped and the doubled hour", () => {
    expect(instantOf("2026-07-01T09:00:00", "Europe/Stockholm").toISOString()).toBe("2026-07-01T07:00:00.000Z");
    expect(instantOf("2026-01-15T09:00:00", "Europe/Helsinki").toISOString()).toBe("2026-01-15T07:00:00.000Z");
    expect(instantOf("2026-01-15T09:00:00", "UTC").toISOString()).toBe("2026-01-15T09:00:00.000Z");
    expect(instantOf("2026-03-29T02:30:00", "Europe/Stockholm").toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(instantOf("2026-10-25T02:30:00", "Europe/Stockholm").toISOString()).toBe("2026-10-25T00:30:00.000Z");
    expect(wallTimeIn(instantOf("0001-01-01T00:00:00", "UTC"), "UTC")).toBe("0001-01-01T00:00:00");
  });

  it("gives today's date in the tenant's zone around midnight", () => {
    const lateUtc = new Date("2026-03-28T23:30:00Z");
    expect(dateIn(lateUtc, "UTC")).toBe("2026-03-28");
    expect(dateIn(lateUtc, "Europe/Stockholm")).toBe("2026-03-29");
    expect(dateIn(new Date("2026-03-28T22:30:00Z"), "Europe/Stockholm")).toBe("2026-03-28");
    expect(dateIn(new Date("2026-03-28T22:30:00Z"), "Europe/Helsinki")).toBe("2026-03-29");
  });

  it("refuses what is not an ISO date-time", () => {
    expect(() => parseWireTime("31.03.2002 18:00")).toThrow("Not an ISO date-time");
    expect(() => parseWireTime("2002-03-31T18:00:00+2")).toThrow("Not an ISO date-time");
    expect(parseWireTime("2002-03-31T18:00:00+02:00")).toEqual({ local: "2002-03-31T18:00:00", offsetMinutes: 120 });
  });
});
