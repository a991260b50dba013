import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runManifestCli } from "../src/cli";
import { HostUrlError, parseAddinHost } from "../src/host-url";
import { validateManifest } from "../src/validate";

let tmp: string;
let errors: string[];
let logs: string[];
beforeEach(() => {
  tmp = mkdtempSync(path.join(tmpdir(), "kundrytm-manifest-cli-"));
  errors = [];
  logs = [];
  jest.spyOn(console, "error").mockImplementation((...args: unknown[]) => void errors.push(args.join(" ")));
  jest.spyOn(console, "log").mockImplementation((...args: unknown[]) => void logs.push(args.join(" ")));
  jest.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    errors.push(String(chunk));
    return true;
  });
});
afterEach(() => {
  jest.restoreAllMocks();
  rmSync(tmp, { recursive: true, force: true });
});

describe("parseAddinHost", () => {
  test.each([
    ["https://addin.example.com", "https://addin.example.com", "https://addin.example.com", false],
    ["https://addin.example.com/", "https://addin.example.com", "https://addin.example.com", false],
    ["https://addin.example.com:8443", "https://addin.example.com:8443", "https://addin.example.com:8443", false],
    ["http://127.0.0.1:4000", "http://127.0.0.1:4000", "http://127.0.0.1:4000", true],
    ["http://localhost:3000", "http://localhost:3000", "http://localhost:3000", true],
  ])("%s is accepted", (input, base, origin, local) => {
    expect(parseAddinHost(input)).toEqual({ base, origin, local });
  });

  test.each([
    ["http://addin.example.com", /must use https:\/\/ .*just for 127\.0\.0\.1 and localhost/],
    ["ftp://addin.example.com", /must use https:\/\//],
    ["addin.example.com", /is not a URL/],
    ["https://addin.example.com/?x=1", /must not contain a query/],
    ["https://user:pw@addin.example.com", /must not contain a user name or password/],
    ["https://example.com/kundrytm", /has a path; the connector serves the add-in at the root of its own host name, e.g. https:\/\/example\.com/],
  ])("%s is refused with a clear reason", (input, reason) => {
    expect(() => parseAddinHost(input)).toThrow(HostUrlError);
    expect(() => parseAddinHost(input)).toThrow(reason);
  });
});

describe("npm run manifest", () => {
  test("writes a valid manifest for the given host", () => {
    const out = path.join(tmp, "manifest.xml");
    expect(runManifestCli(["--url", "https://addin.example.com", "--version", "2.1.0.0", "--out", out])).toBe(0);
    const xml = readFileSync(out, "utf8");
    expect(validateManifest(xml).valid).toBe(true);
    expect(xml).toContain("<Version>2.1.0.0</Version>");
    expect(xml).toContain('<SupportUrl DefaultValue="https://addin.example.com/assets/support.html"/>');
    expect(logs.join("\n")).toMatch(/^Wrote .*manifest\.xml \(version 2\.1\.0\.0, schema-checked with (xmllint|libxml2-wasm)\)\./);
    expect(errors).toEqual([]);
  });

  test("takes the admin's own support page", () => {
    const out = path.join(tmp, "manifest.xml");
    expect(runManifestCli(["--url", "https://addin.example.com", "--support-url", "https://intranet.example.com/crm-help", "--out", out])).toBe(0);
    expect(readFileSync(out, "utf8")).toContain('<SupportUrl DefaultValue="https://intranet.example.com/crm-help"/>');
  });

  test("refuses a plain-http public host and writes nothing", () => {
    const out = path.join(tmp, "manifest.xml");
    expect(runManifestCli(["--url", "http://addin.example.com", "--out", out])).toBe(1);
    expect(existsSync(out)).toBe(false);
    expect(errors.join("")).toContain('manifest: "http://addin.example.com" must use https://');
  });

  test("without --url it says what is missing, with an example", () => {
    expect(runManifestCli(["--out", path.join(tmp, "m.xml")])).toBe(1);
    expect(errors.join("")).toBe("manifest: --url is required. Give the address the connector serves the add-in from:\n  npm run manifest -- --url https://addin.example.com");
  });

  test("an address without --url (npm took the option for itself) is explained", () => {
    const out = path.join(tmp, "m.xml");
    expect(runManifestCli(["https://addin.example.com", "--out", out])).toBe(1);
    expect(errors.join("")).toContain('manifest: --url is required (got "https://addin.example.com" without it: npm needs -- before the options)');
    expect(existsSync(out)).toBe(false);
  });

  test("a host with a path is refused and nothing is written", () => {
    const out = path.join(tmp, "m.xml");
    expect(runManifestCli(["--url", "https://intranet.example.com/kundrytm", "--out", out])).toBe(1);
    expect(errors.join("")).toContain('manifest: "https://intranet.example.com/kundrytm" has a path');
    expect(existsSync(out)).toBe(false);
  });
});
