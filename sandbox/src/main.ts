import { startSandbox } from "./index";

/** CLI: `node --import tsx sandbox/src/main.ts` (env SANDBOX_PORT, SANDBOX_DATA_DIR, SANDBOX_CUSTOMERS, SANDBOX_SEED). */
async function main(): Promise<void> {
  const intEnv = (name: string): number | undefined => {
    const raw = process.env[name];
    if (raw === undefined || raw === "") return undefined;
    if (!/^\d+$/.test(raw)) throw new Error(`${name} must be a whole number, got "${raw}"`);
    return Number(raw);
  };
  const sandbox = await startSandbox({
    port: intEnv("SANDBOX_PORT") ?? 4010,
    dataDir: process.env.SANDBOX_DATA_DIR || undefined,
    customers: intEnv("SANDBOX_CUSTOMERS"),
    seed: intEnv("SANDBOX_SEED"),
    logger: process.env.SANDBOX_LOG === "1",
  });
  const t = sandbox.tenant;
  console.log(`SuperOffice sandbox: ${sandbox.webapiUrl}`);
  console.log(`  auth origin ${sandbox.origin}; Bearer ${sandbox.credentials.bearerTokens[0]}; SO-AppToken ${sandbox.credentials.appToken}`);
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
