import fs from "node:fs";
import { startSandbox } from "./index";

/**
 * CLI: `node --import tsx sandbox/src/main.ts` (env SANDBOX_PORT, SANDBOX_DATA_DIR, SANDBOX_CUSTOMERS, SANDBOX_SEED,
 * SANDBOX_TIMEZONE, and for system-user sign-in SANDBOX_SYSTEM_USER_PUBLIC_KEY_FILE, SANDBOX_SYSTEM_TOKEN,
 * SANDBOX_APP_TOKEN, SANDBOX_REQUIRE_SYSTEM_USER=1 to refuse the Bearer token).
 */
async function main(): Promise<void> {
  const intEnv = (name: string): number | undefined => {
    const raw = process.env[name];
    if (raw === undefined || raw === "") return undefined;
    if (!/^\d+$/.test(raw)) throw new Error(`${name} must be a whole number, got "${raw}"`);
    return Number(raw);
  };
  const keyFile = process.env.SANDBOX_SYSTEM_USER_PUBLIC_KEY_FILE || undefined;
  const requireSystemUser = process.env.SANDBOX_REQUIRE_SYSTEM_USER === "1";
  if (requireSystemUser && !keyFile) throw new Error("SANDBOX_REQUIRE_SYSTEM_USER=1 needs SANDBOX_SYSTEM_USER_PUBLIC_KEY_FILE (the app's public key, PEM)");
  const sandbox = await startSandbox({
    auth: {
      ...(keyFile ? { systemUserPublicKeyPem: fs.readFileSync(keyFile, "utf8") } : {}),
      ...(process.env.SANDBOX_SYSTEM_TOKEN ? { systemToken: process.env.SANDBOX_SYSTEM_TOKEN } : {}),
      ...(process.env.SANDBOX_APP_TOKEN ? { appToken: process.env.SANDBOX_APP_TOKEN } : {}),
      // Only signed-in system users (SOTicket + SO-AppToken) get in, as in CRM Online.
      ...(requireSystemUser ? { bearerTokens: [] } : {}),
    },
    timeZone: process.env.SANDBOX_TIMEZONE || undefined,
    port: intEnv("SANDBOX_PORT") ?? 4010,
    dataDir: process.env.SANDBOX_DATA_DIR || undefined,
    customers: intEnv("SANDBOX_CUSTOMERS"),
    seed: intEnv("SANDBOX_SEED"),
    logger: process.env.SANDBOX_LOG === "1",
  });
  const t = sandbox.tenant;
  console.log(`SuperOffice sandbox: ${sandbox.webapiUrl}`);
  const bearer = sandbox.credentials.bearerTokens[0];
  console.log(`  auth origin ${sandbox.origin}; ${bearer ? `Bearer ${bearer}` : "system-user sign-in only"}; SO-AppToken ${sandbox.credentials.appToken}`);
  console.log(`  ${t.ownerCompany}, reps: ${t.reps.map((r) => r.email).join(", ")}`);
  console.log(`  try: ${t.highlights.tierA.email} (A), ${t.highlights.tierC.email} (C), ${t.highlights.former.email} (former)`);
  const stop = () => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
