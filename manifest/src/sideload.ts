// npm run sideload -- --url https://<dev host> [--stop]: installs the add-in in a developer's own Outlook.
// On Windows it runs Microsoft's office-addin-debugging (fetched by npx at call time: installing it as a
// dependency pulls keytar, which needs libsecret). Elsewhere Outlook must be sideloaded by hand; the
// steps are printed. Outlook loads add-ins over HTTPS only, so the URL must be https (a tunnel or a
// reverse proxy with a trusted certificate in front of `npm start`).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { Command, CommanderError } from "commander";
import { assertNever } from "../../shared/domain/vocabulary";
import { writeManifest, DIST_DIR } from "./write";

export const OFFICE_ADDIN_DEBUGGING = "office-addin-debugging@6.1.2";
export const SIDELOAD_MANIFEST_FILE = path.join(DIST_DIR, "manifest.sideload.xml");

export type SideloadPlan =
  | { kind: "run"; command: string; args: string[] }
  | { kind: "manual"; steps: string[] };

/** What to do on this OS: run office-addin-debugging (Windows desktop) or tell the developer the manual steps. */
export function sideloadPlan(options: { os: NodeJS.Platform; manifestFile: string; stop: boolean }): SideloadPlan {
  const { os, manifestFile, stop } = options;
  if (os === "win32") {
    const args = stop
      ? ["--yes", OFFICE_ADDIN_DEBUGGING, "stop", manifestFile, "desktop"]
      : ["--yes", OFFICE_ADDIN_DEBUGGING, "start", manifestFile, "desktop", "--app", "outlook", "--no-debug"];
    return { kind: "run", command: "npx", args };
  }
  if (stop) {
    return {
      kind: "manual",
      steps: [
        "Open https://aka.ms/olksideload (Outlook on the web) or Outlook → Get Add-ins → My add-ins.",
        "Under Custom add-ins, open Kundrytm's menu (…) and choose Remove.",
      ],
    };
  }
  return {
    kind: "manual",
    steps: [
      `Manifest written to ${manifestFile}.`,
      os === "darwin"
        ? "Outlook on Mac cannot be sideloaded by a tool: open https://aka.ms/olksideload in a browser (or in Outlook: Get Add-ins),"
        : "Open https://aka.ms/olksideload in a browser signed in to your Microsoft 365 mailbox (Outlook on the web),",
      "choose My add-ins → Custom add-ins → Add a custom add-in → Add from File…, and pick the manifest above.",
      "The add-in then appears in Outlook on the web, new Outlook and Outlook on Mac for that mailbox;",
      "Outlook on iOS/Android shows it after it was added on one of those (mobile cannot be sideloaded directly).",
    ],
  };
}

export function runSideloadCli(argv: readonly string[]): number {
  const program = new Command()
    .name("npm run sideload --")
    .description("Sideload the Kundrytm add-in into your own Outlook for development (see docs/admin.md, Sideloading).")
    .requiredOption("--url <url>", "HTTPS address where your development connector serves the add-in")
    .option("--stop", "remove the sideloaded add-in again")
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  try {
    program.parse(argv, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    throw error;
  }
  const opts = program.opts<{ url: string; stop?: boolean }>();
  try {
    if (!opts.url.trim().toLowerCase().startsWith("https://")) {
      throw new Error(
        `"${opts.url}" must be https://: Outlook loads add-ins over HTTPS only, also when sideloaded ` +
          "(put a tunnel or a TLS reverse proxy in front of npm start, e.g. https://localhost:3000 with office-addin-dev-certs)",
      );
    }
    const { file } = writeManifest({ url: opts.url, outFile: SIDELOAD_MANIFEST_FILE });
    const plan = sideloadPlan({ os: process.platform, manifestFile: path.relative(process.cwd(), file), stop: opts.stop === true });
    switch (plan.kind) {
      case "manual":
        for (const step of plan.steps) console.log(step);
        return 0;
      case "run": {
        console.log(`Running npx ${plan.args.slice(1).join(" ")} (downloads ${OFFICE_ADDIN_DEBUGGING} on first use)…`);
        // npx is a .cmd script on Windows, which Node runs only through a shell; quote what has spaces.
        const quoted = plan.args.map((a) => (/\s/.test(a) ? `"${a}"` : a));
        const result = spawnSync(plan.command, quoted, { stdio: "inherit", shell: process.platform === "win32" });
        if (result.error) throw result.error;
        if (result.status === 0 && opts.stop !== true) {
          console.log("Sideloaded. Classic Outlook on Windows can take a while to show it (its add-in cache holds up to 24 h): restart Outlook.");
        }
        return result.status ?? 1;
      }
      default:
        return assertNever(plan, "sideload plan");
    }
  } catch (error) {
    console.error(`sideload: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (require.main === module) {
  process.exitCode = runSideloadCli(process.argv.slice(2));
}
