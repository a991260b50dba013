import fs from "node:fs";
import path from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import { registerErrorHandling } from "../../http/errors";
import { tempDir } from "../../testing/app";
import { listen, type TestClient } from "../../testing/http";
import { addinRoutes, type AddinRoutesOptions } from "./routes";

let tmp: ReturnType<typeof tempDir>;
let distDir: string;
let manifestFile: string;
const apps: FastifyInstance[] = [];

beforeEach(() => {
  tmp = tempDir("kundrytm-addin-routes-");
  distDir = path.join(tmp.dir, "dist", "addin");
  manifestFile = path.join(tmp.dir, "dist", "manifest.xml");
  fs.mkdirSync(path.join(distDir, "preview"), { recursive: true });
  fs.mkdirSync(path.join(distDir, "assets"), { recursive: true });
  fs.writeFileSync(path.join(distDir, "taskpane.html"), "<html>pane</html>");
  fs.writeFileSync(path.join(distDir, "preview", "index.html"), "<html>preview</html>");
  fs.mkdirSync(path.join(distDir, "admin"), { recursive: true });
  fs.writeFileSync(path.join(distDir, "admin", "index.html"), "<html>admin</html>");
  fs.writeFileSync(path.join(distDir, "assets", "support.html"), "<html>support</html>");
});

afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
  tmp.remove();
});

async function serve(options: Omit<AddinRoutesOptions, "distDir">): Promise<TestClient> {
  const app = Fastify({ forceCloseConnections: true });
  registerErrorHandling(app);
  addinRoutes(app, { distDir, ...options });
  apps.push(app);
  return listen(app);
}

describe("production (no preview)", () => {
  test("/ leads to the support page and the preview does not exist", async () => {
    const http = await serve({ manifestFile, preview: false });
    const root = await http.request("GET", "/");
    expect([root.status, root.headers.get("location")]).toEqual([302, "/assets/support.html"]);
    for (const url of ["/preview", "/preview/", "/preview/index.html"]) {
      expect({ url, status: (await http.request("GET", url)).status }).toEqual({ url, status: 404 });
    }
    expect((await http.request("GET", "/taskpane.html")).body).toBe("<html>pane</html>");
  });

  test("no way round to the preview, hidden files or a link out of the build folder", async () => {
    fs.writeFileSync(path.join(distDir, "assets", ".secret"), "hidden");
    fs.writeFileSync(path.join(tmp.dir, "outside.txt"), "outside");
    fs.symlinkSync(path.join(tmp.dir, "outside.txt"), path.join(distDir, "assets", "link.txt"));
    const http = await serve({ manifestFile, preview: false });
    for (const url of ["/x/../preview/index.html", "/./preview/index.html", "/assets/..%2fpreview/index.html", "/assets/.secret", "/assets/link.txt", "/x/../dev/token"]) {
      expect({ url, status: (await http.request("GET", url)).status }).toEqual({ url, status: 404 });
    }
  });

  test("odd paths are a 400 or a 404 with an error body, never a 500", async () => {
    const http = await serve({ manifestFile, preview: false });
    for (const url of ["/assets/%00", "/taskpane.html%00.png", `/${"a".repeat(5000)}`, `/assets/${"b".repeat(300)}.js`, "/taskpane.html/x", "/assets/support.html/../../taskpane.html/y"]) {
      const res = await http.request("GET", url);
      expect({ url: url.slice(0, 40), status: [400, 404].includes(res.status), code: res.json<{ error: { code: string } }>().error.code }).toEqual({
        url: url.slice(0, 40),
        status: true,
        code: expect.stringMatching(/^(BAD_REQUEST|NOT_FOUND)$/),
      });
    }
  });
});

describe("demo (embedded mode)", () => {
  test("/ leads to the preview", async () => {
    const http = await serve({ manifestFile, preview: true });
    expect((await http.request("GET", "/")).headers.get("location")).toBe("/preview/");
    expect((await http.request("GET", "/preview/")).body).toBe("<html>preview</html>");
  });
});

describe("/admin/", () => {
  test.each([true, false])("serves the admin page with preview %s; /admin leads there", async (preview) => {
    const http = await serve({ manifestFile, preview });
    const page = await http.request("GET", "/admin/");
    expect([page.status, page.body, page.headers.get("cache-control")]).toEqual([200, "<html>admin</html>", "no-cache"]);
    expect((await http.request("GET", "/admin")).headers.get("location")).toBe("/admin/");
  });
});

describe("files", () => {
  test("a content-hashed bundle is kept for a year, a page is asked again, and an unchanged file is a 304", async () => {
    fs.writeFileSync(path.join(distDir, "assets", "taskpane.0123abcd.js"), "console.log(1);");
    const http = await serve({ manifestFile, preview: false });
    const bundle = await http.request("GET", "/assets/taskpane.0123abcd.js");
    expect([bundle.status, bundle.body, bundle.headers.get("cache-control")]).toEqual([200, "console.log(1);", "public, max-age=31536000, immutable"]);
    expect(bundle.headers.get("content-type")).toMatch(/^(text|application)\/javascript/);
    const page = await http.request("GET", "/taskpane.html");
    expect([page.headers.get("cache-control"), page.headers.get("content-type")]).toEqual(["no-cache", "text/html; charset=utf-8"]);
    // Through inject(): fetch turns a conditional request into one that refuses cached answers.
    const again = await apps.at(-1)!.inject({ method: "GET", url: "/taskpane.html", headers: { "if-none-match": page.headers.get("etag")! } });
    expect(again.statusCode).toBe(304);
  });
});

describe("/manifest.xml", () => {
  test("serves the manifest npm run manifest wrote, also after a new build emptied the build folder", async () => {
    fs.writeFileSync(manifestFile, "<OfficeApp/>");
    const http = await serve({ manifestFile, preview: false });
    const res = await http.request("GET", "/manifest.xml");
    expect([res.status, res.body, res.headers.get("content-type"), res.headers.get("cache-control")]).toEqual([200, "<OfficeApp/>", "application/xml; charset=utf-8", "no-cache"]);
    fs.rmSync(distDir, { recursive: true });
    expect((await http.request("GET", "/manifest.xml")).body).toBe("<OfficeApp/>");
  });

  test("before one is written: a 404 that says how to write it", async () => {
    const http = await serve({ manifestFile, preview: false });
    const res = await http.request("GET", "/manifest.xml");
    expect(res.status).toBe(404);
    expect(res.json()).toEqual({ error: { code: "NOT_FOUND", message: expect.stringContaining("npm run manifest -- --url") } });
  });
});
