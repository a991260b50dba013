import { CrmError } from "../port";
import { hostIsOnDomain, hostOf, normaliseDomain } from "./operations/domains";

describe("domains for suggesting a company", () => {
  it("normalises a domain and refuses what is not one", () => {
    expect(normaliseDomain(" Fjordstal.NO. ")).toBe("fjordstal.no");
    expect(normaliseDomain("öberg.se")).toBe("öberg.se");
    for (const bad of ["", "localhost", "a..b", "-x.se", "x.se'", "x se.no", "a@b.se"]) {
      expect(() => normaliseDomain(bad)).toThrow(CrmError);
    }
  });

  it("reads the host of a web address as companies record it", () => {
    expect(hostOf("https://www.Acme.se/kontakt")).toBe("www.acme.se");
    expect(hostOf("www.acme.se")).toBe("www.acme.se");
    expect(hostOf("acme.se/om-oss")).toBe("acme.se");
    expect(hostOf("")).toBeNull();
    expect(hostOf("http://")).toBeNull();
  });

  it("matches a domain and its sub-domains, never a look-alike", () => {
    expect(hostIsOnDomain("acme.se", "acme.se")).toBe(true);
    expect(hostIsOnDomain("www.acme.se", "acme.se")).toBe(true);
    expect(hostIsOnDomain("notacme.se", "acme.se")).toBe(false);
    expect(hostIsOnDomain("acme.se.evil.com", "acme.se")).toBe(false);
  });
});
