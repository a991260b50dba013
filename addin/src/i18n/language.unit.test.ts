import { formatCrmDate, pickLanguage, pickLocale } from "./language";
import { en } from "./messages";
import { nb } from "./messages.nb";
import { sv } from "./messages.sv";

describe("pickLanguage", () => {
  it.each([
    ["sv-SE", "sv"],
    ["sv-FI", "sv"],
    ["nb-NO", "nb"],
    ["nn-NO", "nb"],
    ["no", "nb"],
    ["en-US", "en"],
    ["da-DK", "en"],
    ["", "en"],
    [undefined, "en"],
  ])("%s → %s", (tag, language) => {
    expect(pickLanguage(tag)).toBe(language);
  });
});

describe("pickLocale", () => {
  it("keeps Office's regional tag when it is of the chosen language", () => {
    expect(pickLocale("sv", "sv-FI")).toBe("sv-FI");
    expect(pickLocale("en", "en-US")).toBe("en-US");
    expect(pickLocale("nb", "nn-NO")).toBe("nb-NO");
    expect(pickLocale("en", "da-DK")).toBe("en-GB");
  });
});

describe("formatCrmDate", () => {
  it("formats the calendar date without shifting it by time zone", () => {
    expect(formatCrmDate("2026-12-31T23:30:00", "sv-SE")).toBe("31 dec. 2026");
    expect(formatCrmDate("2026-01-01T00:10:00", "nb-NO")).toBe("1. jan. 2026");
    expect(formatCrmDate("2026-03-05", "en-GB")).toBe("5 Mar 2026");
  });
  it("leaves an unparseable value as it is", () => {
    expect(formatCrmDate("soon", "en-GB")).toBe("soon");
  });
});

describe("messages", () => {
  it("reads the account types as the method names them in each language", () => {
    expect([en.accountTypes.expand, en.accountTypes.keep]).toEqual(["Expand", "Keep"]);
    expect([sv.accountTypes.expand, sv.accountTypes.keep]).toEqual(["Utöka", "Behåll"]);
    expect([nb.accountTypes.expand, nb.accountTypes.keep]).toEqual(["Utvid", "Behold"]);
  });
});
