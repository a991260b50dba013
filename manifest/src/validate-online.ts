// npm run validate [-- <manifest.xml>] [-- -p]: Microsoft's online manifest validator (office-addin-manifest),
// the release gate before uploading to the admin center. It needs internet; the offline XSD check runs first.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { assertNever } from "../../shared/domain/vocabulary";
import { formatProblems, validateManifest } from "./validate";
import { DEFAULT_MANIFEST_FILE } from "./write";

export const UNREACHABLE_MARKER = "Unable to contact the manifest validation service";

export type OnlineOutcome = "valid" | "invalid" | "unreachable";

/** Reads office-addin-manifest's exit status and output. It exits 1 both when offline and when the manifest is invalid. */
export function classifyOnlineResult(status: number | null, output: string): OnlineOutcome {
  if (output.includes(UNREACHABLE_MARKER)) return "unreachable";
  return status === 0 ? "valid" : "invalid";
}

export function runOnlineValidation(argv: readonly string[]): number {
  const production = argv.includes("-p") || argv.includes("--production");
  const fileArg = argv.find((a) => !a.startsWith("-"));
  const file = path.resolve(fileArg ?? DEFAULT_MANIFEST_FILE);
  const shown = fileArg ?? path.relative(process.cwd(), file);
  if (!existsSync(file)) {
    console.error(`validate: ${shown} does not exist; write it first: npm run manifest -- --url https://<your add-in host>`);
    return 1;
  }

  const offline = validateManifest(readFileSync(file, "utf8"));
  if (!offline.valid) {
    console.error(`validate: ${shown} does not match the manifest schema (${offline.engine}):\n${formatProblems(offline)}`);
    return 1;
  }
  console.log(`Offline schema check passed (${offline.engine}). Asking Microsoft's validation service${production ? " (Marketplace production rules)" : ""}…`);

  const bin = require.resolve("office-addin-manifest/cli.js");
  const result = spawnSync(process.execPath, [bin, "validate", file, ...(production ? ["-p"] : [])], {
    encoding: "utf8",
    stdio: ["inherit", "pipe", "pipe"],
  });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
  const outcome = classifyOnlineResult(result.status, output);
  switch (outcome) {
    case "valid":
      process.stdout.write(output);
      console.log("Microsoft's validator accepted the manifest.");
      return 0;
    case "invalid":
      process.stdout.write(output);
      console.error("validate: Microsoft's validator rejected the manifest (details above).");
      return 1;
    case "unreachable":
      console.error(
        "validate: Microsoft's validation service (validationgateway.omex.office.net) could not be reached; this check needs internet.\n" +
          "The offline schema check passed. Run npm run validate again on a machine with internet access before you deploy.",
      );
      return 2;
    default:
      return assertNever(outcome);
  }
}

if (require.main === module) {
  process.exitCode = runOnlineValidation(process.argv.slice(2));
}
