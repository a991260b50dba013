import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ADDIN_ID, generateManifest, manifestUrls } from "../src/manifest";
import { OVERRIDE_LOCALES } from "../src/strings";
import { validateManifest, formatProblems, type ValidationEngine } from "../src/validate";
import { writeLocalManifest } from "../src/write";

const HOST = "https://addin.example.com";
const generated = generateManifest({ url: HOST, version: "1.2.3.4" });

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), "kundrytm-manifest-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The engines on this machine: libxml2-wasm comes with npm install, xmllint only where it is installed. */
const engines: ValidationEngine[] = ["libxml2-wasm", ...(spawnSync("xmllint", ["--version"]).error ? [] : (["xmllint"] as const))];

/** Contents of every <tag …>…</tag> block (non-nested tags only). */
function blocks(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}\\b[^>]*>[\\s\\S]*?</${tag}>`, "g"))].map((m) => m[0]);
}

describe("schema validation (offline, against manifest/xsd)", () => {
  test("the generated manifest is valid, with whichever engine is installed", () => {
    const result = validateManifest(generated);
    expect(formatProblems(result)).toBe("");
    expect(result).toMatchObject({ valid: true, problems: [] });
  });

  test.each(engines)("the generated manifest is valid (%s)", (engine) => {
    const result = validateManifest(generated, { engine });
    expect(formatProblems(result)).toBe("");
    expect(result).toEqual({ valid: true, engine, problems: [] });
  });

  test("the local manifest written for npm start is valid and points at 127.0.0.1:4000", () => {
    const written = writeLocalManifest({ outFile: path.join(tmp, "manifest.local.xml") });
    const xml = readFileSync(written.file, "utf8");
    expect(validateManifest(xml).valid).toBe(true);
    expect(manifestUrls(xml).every((u) => u.startsWith("http://127.0.0.1:4000"))).toBe(true);
    expect(xml).toContain("<SourceLocation DefaultValue=\"http://127.0.0.1:4000/taskpane.html\"/>");
  });

  test("a misspelt element (SupportPinning) fails with its line and a readable message", () => {
    const broken = generated.replace("<SupportsPinning>", "<SupportPinning>").replace("</SupportsPinning>", "</SupportPinning>");
    const expectedLine = broken.split("\n").findIndex((l) => l.includes("<SupportPinning>")) + 1;
    for (const engine of [undefined, ...engines]) {
      const result = validateManifest(broken, engine ? { engine } : {});
      expect(result.valid).toBe(false);
      expect(result.problems).toEqual([
        { line: expectedLine, message: "Element 'SupportPinning': This element is not expected. Expected is ( SupportsPinning )." },
      ]);
      expect(formatProblems(result)).toBe(
        `  line ${expectedLine}: Element 'SupportPinning': This element is not expected. Expected is ( SupportsPinning ).`,
      );
    }
  });

  test("elements out of XSD order fail (Version before Id)", () => {
    const idLine = `  <Id>${ADDIN_ID}</Id>`;
    const versionLine = "  <Version>1.2.3.4</Version>";
    const swapped = generated.replace(`${idLine}\n${versionLine}`, `${versionLine}\n${idLine}`);
    expect(swapped).not.toBe(generated);
    const result = validateManifest(swapped);
    expect(result.valid).toBe(false);
    expect(result.problems[0]?.message).toMatch(/^Element 'Version': This element is not expected\. Expected is \( Id \)\.$/);
    expect(result.problems[0]?.line).toBe(swapped.split("\n").indexOf(versionLine) + 1);
  });

  test("pinning inside VersionOverrides 1.0 is rejected, as Outlook rejects it", () => {
    const v10Action = '<SourceLocation resid="Taskpane.Url"/>';
    const broken = generated.replace(v10Action, `${v10Action}<SupportsPinning>true</SupportsPinning>`);
    const result = validateManifest(broken);
    expect(result.valid).toBe(false);
    expect(result.problems[0]?.message).toContain("Element 'SupportsPinning': This element is not expected.");
  });

  test("a wider permission than the schema allows is caught (ReadWriteAll)", () => {
    const result = validateManifest(generated.replace("<Permissions>ReadWriteItem</Permissions>", "<Permissions>ReadWriteAll</Permissions>"));
    expect(result.valid).toBe(false);
    expect(result.problems.map((p) => p.message).join(" ")).toContain("ReadWriteAll");
  });

  test("a manifest that is not even XML is reported, not thrown", () => {
    const result = validateManifest("<OfficeApp");
    expect(result.valid).toBe(false);
    expect(result.problems.length).toBeGreaterThan(0);
    expect(result.problems[0]?.line).toBe(1);
  });

  test("without xmllint on the machine it falls back to libxml2-wasm", () => {
    const result = validateManifest(generated, { xmllint: "kundrytm-no-such-xmllint" });
    expect(result).toEqual({ valid: true, engine: "libxml2-wasm", problems: [] });
    expect(() => validateManifest(generated, { engine: "xmllint", xmllint: "kundrytm-no-such-xmllint" })).toThrow(
      /xmllint is not installed .*libxml2-utils/,
    );
  });
});

describe("content", () => {
  test("every URL is rewritten to the host and AppDomains lists its origin", () => {
    const urls = manifestUrls(generated);
    expect(urls.length).toBeGreaterThan(10);
    for (const url of urls) expect(url.startsWith(`${HOST}/`) || url === HOST).toBe(true);
    expect(blocks(generated, "AppDomains")).toEqual([`<AppDomains>\n    <AppDomain>${HOST}</AppDomain>\n  </AppDomains>`]);
    expect(generated).not.toMatch(/127\.0\.0\.1|localhost|contoso/i);
  });

  test("a trailing slash is dropped; a host with a path is refused (the pane loads from the host's root)", () => {
    const xml = generateManifest({ url: "https://crm.example.no/", version: "1.0" });
    expect(xml).toContain('<bt:Url id="Taskpane.Url" DefaultValue="https://crm.example.no/taskpane.html"/>');
    expect(xml).toContain("<AppDomain>https://crm.example.no</AppDomain>");
    expect(() => generateManifest({ url: "https://crm.example.no/kundrytm/", version: "1.0" })).toThrow(/has a path/);
  });

  test("a support page of the admin's own may have a path", () => {
    const xml = generateManifest({ url: "https://crm.example.no", supportUrl: "https://intranet.example.no/it/kundrytm/", version: "1.0" });
    expect(xml).toContain('<SupportUrl DefaultValue="https://intranet.example.no/it/kundrytm"/>');
  });

  test("the id is the committed GUID, the same for every host", () => {
    expect(ADDIN_ID).toBe("3de1b87a-7a2c-484e-a5e0-06a9fc0c04c1");
    const other = generateManifest({ url: "https://other.example.se", version: "1.0" });
    for (const xml of [generated, other]) expect(blocks(xml, "Id")).toEqual([`<Id>${ADDIN_ID}</Id>`]);
  });

  test("version defaults to package.json's and rejects non-numeric versions", () => {
    const pkg = JSON.parse(readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")) as { version: string };
    expect(generateManifest({ url: HOST })).toContain(`<Version>${pkg.version}.0</Version>`);
    expect(() => generateManifest({ url: HOST, version: "2.0-beta" })).toThrow(/version "2.0-beta" must be one to four/);
  });

  test("display name, description and every string resource have sv-SE and nb-NO overrides", () => {
    for (const tag of ["DisplayName", "Description"]) {
      const [block] = blocks(generated, tag).filter((b) => b.includes("DefaultValue"));
      for (const locale of OVERRIDE_LOCALES) expect(block).toContain(`<Override Locale="${locale}" Value="`);
    }
    const strings = blocks(generated, "bt:String");
    expect(strings.length).toBeGreaterThanOrEqual(2 * 8); // both VersionOverrides carry the resources
    for (const s of strings) {
      for (const locale of OVERRIDE_LOCALES) expect(s).toMatch(new RegExp(`<bt:Override Locale="${locale}" Value="[^"]+"/>`));
    }
    expect(generated).toContain('<bt:Override Locale="sv-SE" Value="Kundkort"/>');
    expect(generated).toContain('<bt:Override Locale="nb-NO" Value="Logg møte"/>');
  });

  test("surfaces: read (pinnable), compose, attendee, organizer, mobile read and mobile log-meeting; shared folders", () => {
    const start = generated.indexOf('xsi:type="VersionOverridesV1_1"');
    expect(start).toBeGreaterThan(0);
    const inner = generated.slice(start);
    for (const surface of [
      "MessageReadCommandSurface",
      "MessageComposeCommandSurface",
      "AppointmentAttendeeCommandSurface",
      "AppointmentOrganizerCommandSurface",
      "MobileMessageReadCommandSurface",
      "MobileLogEventAppointmentAttendee",
    ]) {
      expect(inner).toContain(`<ExtensionPoint xsi:type="${surface}">`);
    }
    expect(inner.match(/<SupportsPinning>true<\/SupportsPinning>/g)).toHaveLength(1);
    expect(inner).toContain("<SupportsSharedFolders>true</SupportsSharedFolders>");
    expect(generated).toContain('<Set Name="Mailbox" MinVersion="1.5"/>');
    expect(generated).toContain("<Permissions>ReadWriteItem</Permissions>");
  });

  test("mobile buttons carry the nine icon sizes Outlook mobile requires (25/32/48 at scales 1–3)", () => {
    const mobileIcons = blocks(generated, "MobileFormFactor")[0] ?? "";
    const images = [...mobileIcons.matchAll(/<bt:Image size="(\d+)" scale="(\d)" resid="Icon\.(\d+)"\/>/g)].map((m) => [
      Number(m[1]),
      Number(m[2]),
      Number(m[3]),
    ]);
    expect(images).toHaveLength(18); // two mobile buttons
    for (const [size, scale, file] of images) expect(file).toBe((size as number) * (scale as number));
  });
});
