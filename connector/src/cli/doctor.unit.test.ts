import fs from "node:fs";
import path from "node:path";
import { writeManifest } from "../../../manifest/src/write";
import { loadConfig } from "../config";
import { tempDir } from "../testing/app";
import { ScheduleBody } from "../../../shared/api/settings";
import { deploymentFindings, runDoctor, scheduleFindings } from "./doctor";

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir("kundrytm-doctor-");
});
afterEach(() => tmp.remove());

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const CLIENT = "0f2c6d3e-9a41-4c55-b0c2-5e8d7a1b9c10";
const crmEnv = { SUPEROFFICE_WEBAPI_URL: "https://sod2.superoffice.com/Cust12345/api", SUPEROFFICE_AUTH: "basic", SUPEROFFICE_USERNAME: "u", SUPEROFFICE_PASSWORD: "p" };

function entraConfig(more: Record<string, string> = {}) {
  return loadConfig({
    ...crmEnv,
    KUNDRYTM_AUTH: "entra",
    ENTRA_TENANT_ID: TENANT,
    ENTRA_CLIENT_ID: CLIENT,
    PUBLIC_URL: "https://addin.example.com",
    DATABASE_URL: "postgres://kundrytm@db.example.com/kundrytm",
    ADDIN_DIST_DIR: path.join(tmp.dir, "addin"),
    ADDIN_MANIFEST_FILE: path.join(tmp.dir, "manifest.xml"),
    ...more,
  });
}

function buildPane(): void {
  fs.mkdirSync(path.join(tmp.dir, "addin"), { recursive: true });
  fs.writeFileSync(path.join(tmp.dir, "addin", "taskpane.html"), "<html></html>");
}

describe("deploymentFindings (entra mode)", () => {
  test("a built pane and a manifest for PUBLIC_URL are in place", () => {
    buildPane();
    writeManifest({ url: "https://addin.example.com", outFile: path.join(tmp.dir, "manifest.xml") });
    expect(deploymentFindings(entraConfig())).toEqual([{ level: "ok", text: expect.stringMatching(/manifest\.xml points at https:\/\/addin\.example\.com \(served at \/manifest\.xml\)/) }]);
  });

  test("an unbuilt pane, plain http and no manifest are each named with what to do", () => {
    const texts = deploymentFindings(entraConfig({ PUBLIC_URL: "http://addin.example.com" })).map((f) => `${f.level}: ${f.text}`);
    expect(texts).toEqual([
      expect.stringMatching(/^problem: The task pane is not built in .*: run npm run build\.$/),
      expect.stringMatching(/^warn: PUBLIC_URL is http:\/\/addin\.example\.com: set it to the https:\/\/ address/),
      expect.stringMatching(/^warn: No manifest at .*manifest\.xml yet: write it with npm run manifest -- --url http:\/\/addin\.example\.com\.$/),
    ]);
  });

  test("a manifest written for another host is a problem that says how to write it again", () => {
    buildPane();
    writeManifest({ url: "https://old-host.example.com", outFile: path.join(tmp.dir, "manifest.xml") });
    expect(deploymentFindings(entraConfig())).toEqual([
      {
        level: "problem",
        text: expect.stringContaining("loads the pane from https://old-host.example.com/taskpane.html, not from PUBLIC_URL https://addin.example.com: write it again with npm run manifest -- --url https://addin.example.com."),
      },
    ]);
  });

  test("an audience list without the client id (what version 2 tokens carry) is pointed out", () => {
    buildPane();
    writeManifest({ url: "https://addin.example.com", outFile: path.join(tmp.dir, "manifest.xml") });
    expect(deploymentFindings(entraConfig({ ENTRA_API_AUDIENCE: `api://${CLIENT}` }))[0]).toEqual({
      level: "warn",
      text: `ENTRA_API_AUDIENCE lists no client id: version 2 tokens carry the API's client id as audience, so they would all be refused; add it (e.g. api://${CLIENT},${CLIENT}) or leave the variable unset.`,
    });
  });

  test("embedded mode is flagged as not for a network", () => {
    const config = loadConfig({ ...crmEnv, DATA_DIR: tmp.dir });
    expect(deploymentFindings(config)).toEqual([{ level: "warn", text: expect.stringContaining("set KUNDRYTM_AUTH=entra before exposing it on a network") }]);
  });
});

describe("runDoctor", () => {
  test("a configuration problem is reported with every variable's name and where they are described; typos are pointed out", async () => {
    const findings = await runDoctor({ SUPEROFFICE_AUTH: "basic", SUPEROFFICE_USERNAME: "u", SUPEROFFICE_PASSWORD: "p", ENTRA_API_SCOPES: "Crm.ReadWrite" });
    expect(findings).toEqual([
      { level: "problem", text: "Configuration: ENTRA_API_SCOPES: not a Kundrytm variable; did you mean ENTRA_API_SCOPE?" },
      { level: "problem", text: expect.stringMatching(/^Configuration: SUPEROFFICE_WEBAPI_URL: is not set; it is required \(The tenant's webapi_url/) },
      { level: "warn", text: "Every variable is described in docs/admin.md, section 13." },
    ]);
  });
});

describe("scheduleFindings", () => {
  const defaults = ScheduleBody.parse({});

  test("says what is on and when, and where that was decided", () => {
    expect(scheduleFindings(defaults, false, {}).map((f) => f.text)).toEqual([
      "Monday lists off (from the variables): nothing is written into SuperOffice until an admin turns them on (admin page, or KUNDRYTM_WEEKLY_LISTS=on) or runs them.",
      "Nightly classification off (from the variables).",
    ]);
    const on = { ...defaults, weeklyLists: { ...defaults.weeklyLists, enabled: true, time: "07:15", language: "nb" as const } };
    expect(scheduleFindings(on, true, {})[0]!.text).toBe("Monday lists on (saved on the admin page): every Monday at 07:15 Europe/Stockholm, named in Norwegian.");
  });

  test("variables a saved schedule overrides are named, with where to change it instead", () => {
    expect(scheduleFindings(defaults, true, { KUNDRYTM_WEEKLY_LISTS: "on", KUNDRYTM_JOBS_TIMEZONE: "Europe/Oslo" })[2]).toEqual({
      level: "warn",
      text: "KUNDRYTM_WEEKLY_LISTS, KUNDRYTM_JOBS_TIMEZONE are set but no longer apply: the schedule saved on the admin page wins. Change it there.",
    });
    expect(scheduleFindings(defaults, false, { KUNDRYTM_WEEKLY_LISTS: "on" })).toHaveLength(2);
  });
});
