// Runs a command with TEST_DATABASE_URL pointing at a throwaway PostgreSQL server, then removes it:
//   node --import tsx test/integration/support/with-postgres.ts npm run test:only -- connector/src/store
// When TEST_DATABASE_URL is already set, the command runs against that server instead.
import { spawn } from "node:child_process";
import { startThrowawayPostgres } from "../../../connector/src/store/throwaway-postgres";

async function main(): Promise<number> {
  const [command, ...args] = process.argv.slice(2);
  if (!command) {
    process.stderr.write("usage: with-postgres <command> [args…]\n");
    return 2;
  }
  const server = process.env.TEST_DATABASE_URL ? null : await startThrowawayPostgres();
  const url = process.env.TEST_DATABASE_URL ?? server!.url;
  process.stderr.write(`with-postgres: TEST_DATABASE_URL=${url}\n`);
  try {
    const child = spawn(command, args, { stdio: "inherit", env: { ...process.env, TEST_DATABASE_URL: url } });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    return await new Promise<number>((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
  } finally {
    await server?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`with-postgres: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
