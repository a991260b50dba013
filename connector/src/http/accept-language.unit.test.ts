import { explanationLocaleOf } from "./accept-language";

describe("explanationLocaleOf", () => {
  test("the first language the connector speaks, by weight, then by order", () => {
    expect(explanationLocaleOf("sv")).toBe("sv");
    expect(explanationLocaleOf("sv-SE,sv;q=0.9,en;q=0.8")).toBe("sv");
    expect(explanationLocaleOf("de-DE, en-GB;q=0.7, sv;q=0.8")).toBe("sv");
    expect(explanationLocaleOf("fr, EN-us")).toBe("en");
    expect(explanationLocaleOf("sv;q=0.5, nb;q=0.5")).toBe("sv");
  });

  test("every Norwegian form gets bokmål", () => {
    expect(["nb-NO", "no", "nn-NO", "nb_NO"].map(explanationLocaleOf)).toEqual(["nb", "nb", "nb", "nb"]);
  });

  test("none of ours, a refused one or no header: null, so the configured language stays", () => {
    expect(explanationLocaleOf(undefined)).toBeNull();
    expect(explanationLocaleOf("")).toBeNull();
    expect(explanationLocaleOf("*")).toBeNull();
    expect(explanationLocaleOf("de, fr;q=0.5")).toBeNull();
    expect(explanationLocaleOf("sv;q=0, de")).toBeNull();
    expect(explanationLocaleOf("sv;q=abc")).toBeNull();
  });
});
