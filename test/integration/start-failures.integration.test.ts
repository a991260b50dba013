/**
 * The connector process refusing to start: one readable line per reason on stderr, the same as one JSON
 * line in the log, an exit code, and never a stack trace.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const REPO = path.join(__dirname, "..", "..");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kundrytm-start-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const crm = { SUPEROFFICE_WEBAPI_URL: "http://127.0.0.1:9/Cust00001/api", SUPEROFFICE_AUTH: "basic", SUPEROFFICE_USERNAME: "u", SUPEROFFICE_PASSWORD: "p", DATA_DIR: dataDir };

function start(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "connector/src/main.ts"], { cwd: REPO, env: { PATH: process.env.PATH ?? "", ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

function logLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

test("a typo in a variable's name stops the start with its name and the intended one", async () => {
  const result = await start({ ...crm, DATABSE_URL: "postgres://kundrytm:pw@127.0.0.1:1/kundrytm" });
  expect(result.code).toBe(2);
  expect(result.stderr.split("\n")).toContain("kundrytm connector: cannot start: DATABSE_URL: not a Kundrytm variable; did you mean DATABASE_URL?");
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(logLines(result.stdout)).toEqual([expect.objectContaining({ level: "fatal", msg: "cannot start", time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) })]);
});

test("an unreachable database is one line naming DATABASE_URL, not a stack trace", async () => {
  const result = await start({ ...crm, DATABASE_URL: "postgres://kundrytm:s3cret@127.0.0.1:1/kundrytm" });
  expect(result.code).toBe(1);
  expect(result.stderr.trim()).toBe("kundrytm connector: cannot start: DATABASE_URL: PostgreSQL at 127.0.0.1:1 refused the connection: is PostgreSQL running there and listening on that port?");
  expect(result.stdout + result.stderr).not.toContain("s3cret");
  const [line] = logLines(result.stdout);
  expect(line).toMatchObject({ level: "fatal", reasons: [expect.stringMatching(/^DATABASE_URL: PostgreSQL at 127\.0\.0\.1:1 refused/)] });
});

test("the embedded sign-in on a public address is refused with the reason", async () => {
  const result = await start({ ...crm, HOST: "0.0.0.0", PUBLIC_URL: "https://addin.example.com" });
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/^kundrytm connector: cannot start: HOST: 0\.0\.0\.0 is not a loopback address/m);
  expect(result.stderr).toMatch(/^kundrytm connector: cannot start: PUBLIC_URL: an https address/m);
});
