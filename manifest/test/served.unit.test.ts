// Every URL in a generated manifest must be a file of the built add-in (dist/addin/, webpack), which the
// connector serves at the host's root. npm test builds the add-in first; run alone, this test builds it.
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import Fastify from "fastify";
import { addinRoutes } from "../../connector/src/features/addin/routes";
import { generateManifest, manifestUrls } from "../src/manifest";

const ROOT = path.join(__dirname, "..", "..");
const ADDIN_DIST = path.join(ROOT, "dist", "addin");
const HOST = "https://addin.example.com";

beforeAll(() => {
  if (existsSync(path.join(ADDIN_DIST, "taskpane.html"))) return;
  const build = spawnSync(process.execPath, [require.resolve("webpack-cli/bin/cli.js"), "--mode", "production"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  if (build.status !== 0) {
    throw new Error(`dist/addin is missing and "npm run build:addin" failed:\n${build.stdout}\n${build.stderr}`);
  }
}, 240_000);

function manifestFiles(): string[] {
  const xml = generateManifest({ url: HOST, version: "1.0.0.0" });
  return [...new Set(
    manifestUrls(xml)
      .filter((url) => url !== HOST) // the AppDomain is an origin, not a file
      .map((url) => {
        expect(url.startsWith(`${HOST}/`)).toBe(true);
        return url.slice(HOST.length + 1);
      }),
  )];
}

test("every URL in the manifest is a file of the built add-in", () => {
  const files = manifestFiles();
  expect([...files].sort()).toEqual(
    expect.arrayContaining(["taskpane.html", "assets/support.html", "assets/icon-16.png", "assets/icon-144.png"]),
  );
  const missing = [...files].filter((file) => {
    const full = path.join(ADDIN_DIST, file);
    return !existsSync(full) || !statSync(full).isFile();
  });
  expect(missing).toEqual([]);
});

test("the connector serves every one of them with the right content type", async () => {
  const app = Fastify();
  addinRoutes(app, { distDir: ADDIN_DIST, preview: false });
  try {
    for (const file of manifestFiles()) {
      const response = await app.inject({ method: "GET", url: `/${file}` });
      expect({ file, status: response.statusCode }).toEqual({ file, status: 200 });
      expect(response.headers["content-type"]).toMatch(file.endsWith(".png") ? /^image\/png/ : /^text\/html/);
    }
  } finally {
    await app.close();
  }
});
