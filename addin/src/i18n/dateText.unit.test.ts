import { dateTextPattern, formatDateText, parseDateText } from "./dateText";

describe("dates typed in the pane's locale", () => {
  it.each([
    ["sv-SE", "2026-12-02"],
    ["nb-NO", "02.12.2026"],
    ["en-GB", "02/12/2026"],
  ])("writes a date in %s as %s and reads it back", (locale, text) => {
    expect(formatDateText("2026-12-02", locale)).toBe(text);
    expect(parseDateText(text, locale)).toBe("2026-12-02");
  });

  it("reads the locale's order with any separator and a two-digit year", () => {
    expect(parseDateText("2.12.26", "nb-NO")).toBe("2026-12-02");
    expect(parseDateText("2/12 2026", "en-GB")).toBe("2026-12-02");
    expect(parseDateText("12/2/2026", "en-US")).toBe("2026-12-02");
  });

  it("reads a four-digit year first as year-month-day in any locale", () => {
    expect(parseDateText("2026-12-02", "nb-NO")).toBe("2026-12-02");
    expect(parseDateText("2026-12-02", "en-GB")).toBe("2026-12-02");
  });

  it("refuses what is no calendar date", () => {
    expect(parseDateText("31.02.2026", "nb-NO")).toBeNull();
    expect(parseDateText("02.12", "nb-NO")).toBeNull();
    expect(parseDateText("02.12.202", "nb-NO")).toBeNull();
    expect(parseDateText("", "sv-SE")).toBeNull();
    expect(formatDateText("2026-13", "sv-SE")).toBe("");
  });

  it("hints at the pattern in the language's letters", () => {
    expect(dateTextPattern("sv-SE", { day: "dd", month: "mm", year: "åååå" })).toBe("åååå-mm-dd");
    expect(dateTextPattern("nb-NO", { day: "dd", month: "mm", year: "åååå" })).toBe("dd.mm.åååå");
    expect(dateTextPattern("en-GB", { day: "dd", month: "mm", year: "yyyy" })).toBe("dd/mm/yyyy");
  });
});
