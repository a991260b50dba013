/** The files under deploy/ and the container files stay in step with the connector's configuration. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { ConfigError, loadConfig, unknownVariables } from "../../connector/src/config";

const ROOT = path.join(__dirname, "..", "..");
const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");

/** VARIABLE=value lines as systemd's EnvironmentFile and compose's env_file read them (comments skipped). */
function envFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line.trim());
    if (m) env[m[1]!] = m[2]!.replace(/^"(.*)"$/, "$1");
  }
  return env;
}

const PLACEHOLDERS: Record<string, string> = {
  "<password>": "example",
  "<client secret>": "client-secret",
  "<system user token>": "system-token",
  "<directory (tenant) ID>": "72f988bf-86f1-41af-91ab-2d7cd011db47",
  "<application (client) ID>": "0f2c6d3e-9a41-4c55-b0c2-5e8d7a1b9c10",
};

test("the example env file is a configuration the connector accepts once its placeholders are filled in", () => {
  const example = envFile(read("deploy/connector.env.example"));
  const filled = Object.fromEntries(Object.entries(example).map(([k, v]) => [k, Object.entries(PLACEHOLDERS).reduce((s, [p, r]) => s.replace(p, r), v)]));
  expect(Object.values(filled).join(" ")).not.toMatch(/<[^>]+>/);
  expect(unknownVariables(filled)).toEqual([]);
  let problems: string[] = [];
  try {
    const config = loadConfig(filled, () => "-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----\n");
    expect(config).toMatchObject({ auth: { mode: "entra" }, publicUrl: "https://addin.example.com", schedule: { weeklyLists: { enabled: false }, classification: { enabled: false } } });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems = error.problems;
  }
  expect(problems).toEqual([]);
});

test("compose.yaml gives the connector every secret as a *_FILE variable the connector knows", () => {
  const compose = read("compose.yaml");
  const fileVariables = [...compose.matchAll(/^\s+([A-Z_]+_FILE): /gm)].map((m) => m[1]!);
  expect(fileVariables.length).toBeGreaterThan(3);
  expect(unknownVariables(Object.fromEntries(fileVariables.map((v) => [v, "/run/secrets/x"])))).toEqual([]);
});

test("the systemd unit restarts after failures without ever giving up, except on a refused configuration", () => {
  const unit = read("deploy/kundrytm.service");
  expect(unit).toMatch(/^Restart=on-failure$/m);
  expect(unit).toMatch(/^RestartSec=\d+s$/m);
  expect(unit).toMatch(/^StartLimitIntervalSec=0$/m);
  expect(unit).toMatch(/^RestartPreventExitStatus=2$/m);
  expect(unit).toMatch(/^ExecStart=\/usr\/bin\/node build\/connector\/src\/main\.js$/m);
});

test("the image runs as an unprivileged user, with a health check on /health/live", () => {
  const dockerfile = read("Dockerfile");
  expect(dockerfile).toMatch(/^USER node$/m);
  expect(dockerfile).toMatch(/^HEALTHCHECK .*\n?.*\/health\/live/m);
  expect(dockerfile).toMatch(/^RUN npm ci /m);
  expect(dockerfile).toMatch(/^CMD \["node", "build\/connector\/src\/main\.js"\]$/m);
});
