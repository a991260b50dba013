// npm run manifest -- --url https://addin.example.com  →  dist/manifest.xml for that host.
import path from "node:path";
import { Command, CommanderError } from "commander";
import { HostUrlError } from "./host-url";
import { DEFAULT_MANIFEST_FILE, InvalidManifestError, writeManifest } from "./write";

export function runManifestCli(argv: readonly string[]): number {
  const program = new Command()
    .name("npm run manifest --")
    .description("Write the Kundrytm Outlook add-in manifest for the host that serves the add-in (the connector).")
    .option("--url <url>", "the add-in's public HTTPS address (the connector's PUBLIC_URL), e.g. https://addin.example.com")
    .option("--version <version>", "manifest version, 1–4 numbers (default: package.json version + .0); bump it on every change")
    .option("--support-url <url>", "your own support page (default: <url>/assets/support.html)")
    .option("--out <file>", "where to write the manifest", path.relative(process.cwd(), DEFAULT_MANIFEST_FILE))
    .helpOption("-h, --help", "show this help")
    .allowExcessArguments()
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });

  try {
    program.parse(argv, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    throw error;
  }
  const opts = program.opts<{ url?: string; version?: string; supportUrl?: string; out: string }>();
  if (opts.url === undefined || program.args.length > 0) {
    // `npm run manifest --url X` (without the lone --) hands npm the option and the script only "X".
    const stray = program.args.length > 0 ? ` (got "${program.args.join(" ")}" without it: npm needs -- before the options)` : "";
    console.error(`manifest: --url is required${stray}. Give the address the connector serves the add-in from:\n  npm run manifest -- --url https://addin.example.com`);
    return 1;
  }
  try {
    const written = writeManifest({
      url: opts.url,
      outFile: path.resolve(opts.out),
      ...(opts.version === undefined ? {} : { version: opts.version }),
      ...(opts.supportUrl === undefined ? {} : { supportUrl: opts.supportUrl }),
    });
    const version = /<Version>([^<]+)<\/Version>/.exec(written.xml)?.[1] ?? "?";
    console.log(`Wrote ${path.relative(process.cwd(), written.file)} (version ${version}, schema-checked with ${written.validation.engine}).`);
    console.log("Next: check it with Microsoft's validator (npm run validate, needs internet), then upload it in the");
    console.log("Microsoft 365 admin center → Settings → Integrated apps → Upload custom apps (see docs/admin.md).");
    return 0;
  } catch (error) {
    if (error instanceof HostUrlError || error instanceof InvalidManifestError || error instanceof Error) {
      console.error(`manifest: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

if (require.main === module) {
  process.exitCode = runManifestCli(process.argv.slice(2));
}
