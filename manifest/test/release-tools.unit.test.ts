import { classifyOnlineResult, UNREACHABLE_MARKER } from "../src/validate-online";
import { OFFICE_ADDIN_DEBUGGING, runSideloadCli, sideloadPlan } from "../src/sideload";

describe("npm run validate: reading office-addin-manifest's result", () => {
  test("offline is told apart from an invalid manifest although both exit 1", () => {
    expect(classifyOnlineResult(1, `Error: ${UNREACHABLE_MARKER}.\nFetchError: getaddrinfo ENOTFOUND`)).toBe("unreachable");
    expect(classifyOnlineResult(1, "The manifest is not valid.\nError #1: …")).toBe("invalid");
    expect(classifyOnlineResult(0, "The manifest is valid.")).toBe("valid");
  });
});

describe("npm run sideload", () => {
  test("on Windows it runs office-addin-debugging through npx, pinned", () => {
    expect(sideloadPlan({ os: "win32", manifestFile: "dist/manifest.sideload.xml", stop: false })).toEqual({
      kind: "run",
      command: "npx",
      args: ["--yes", OFFICE_ADDIN_DEBUGGING, "start", "dist/manifest.sideload.xml", "desktop", "--app", "outlook", "--no-debug"],
    });
    expect(sideloadPlan({ os: "win32", manifestFile: "m.xml", stop: true })).toEqual({
      kind: "run",
      command: "npx",
      args: ["--yes", OFFICE_ADDIN_DEBUGGING, "stop", "m.xml", "desktop"],
    });
  });

  test("on Mac and Linux it gives the manual steps with the manifest's path", () => {
    const mac = sideloadPlan({ os: "darwin", manifestFile: "dist/manifest.sideload.xml", stop: false });
    expect(mac.kind).toBe("manual");
    const text = mac.kind === "manual" ? mac.steps.join("\n") : "";
    expect(text).toContain("dist/manifest.sideload.xml");
    expect(text).toContain("Outlook on Mac cannot be sideloaded by a tool");
    expect(text).toContain("https://aka.ms/olksideload");
    const linux = sideloadPlan({ os: "linux", manifestFile: "x.xml", stop: true });
    expect(linux.kind === "manual" && linux.steps.join(" ")).toContain("Remove");
  });

  test("refuses plain http, since Outlook would not load the add-in", () => {
    const errors: string[] = [];
    jest.spyOn(console, "error").mockImplementation((...a: unknown[]) => void errors.push(a.join(" ")));
    try {
      expect(runSideloadCli(["--url", "http://127.0.0.1:4000"])).toBe(1);
    } finally {
      jest.restoreAllMocks();
    }
    expect(errors.join("\n")).toContain('"http://127.0.0.1:4000" must be https://: Outlook loads add-ins over HTTPS only');
  });
});
