import fs from "node:fs";
import path from "node:path";
import type { FastifyInstance, FastifyReply } from "fastify";
import { apiError } from "../../http/errors";

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Kundrytm — add-in not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto">
<h1>The Kundrytm add-in is not built</h1>
<p>The connector serves the task pane from its build folder, which is empty. Run <code>npm run build:addin</code>
(or <code>npm start</code>, which builds it) and reload this page.</p>
</body></html>`;

// @fastify/static pulls in an ESM-only dependency that jest cannot load; the pane is a handful of files.
const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".jpg": "image/jpeg",
  ".woff2": "font/woff2",
};

/** Hashed bundles never change under the same name; pages must be re-read so a new build is picked up. */
function cacheControl(file: string): string {
  return /\.[0-9a-f]{8}\.(js|css)$/.test(file) ? "public, max-age=31536000, immutable" : "no-cache";
}

/**
 * The built task pane from ADDIN_DIST_DIR: /taskpane.html, /assets/*, /preview/ (the simulated mailbox) and
 * anything else the build emits. A clear 503 page while the add-in is not built.
 */
export function addinRoutes(app: FastifyInstance, dir: string): void {
  const distDir = path.resolve(dir);
  const built = () => fs.existsSync(path.join(distDir, "taskpane.html"));

  const send = (reply: FastifyReply, file: string) => {
    if (!built()) return reply.code(503).type("text/html; charset=utf-8").header("Retry-After", "30").send(NOT_BUILT_PAGE);
    const full = path.resolve(distDir, file);
    // Only regular files inside the build folder; anything else is a plain 404.
    const stat = full.startsWith(distDir + path.sep) ? fs.statSync(full, { throwIfNoEntry: false }) : undefined;
    if (!stat?.isFile() || path.basename(full).startsWith(".")) {
      return reply.code(404).send(apiError("NOT_FOUND", "No such file."));
    }
    return reply
      .header("Cache-Control", cacheControl(file))
      .header("Content-Length", stat.size)
      .type(CONTENT_TYPES[path.extname(full).toLowerCase()] ?? "application/octet-stream")
      .send(fs.createReadStream(full));
  };

  app.get("/", (_request, reply) => reply.redirect("/preview/"));
  app.get("/preview", (_request, reply) => reply.redirect("/preview/"));
  app.get("/preview/", (_request, reply) => send(reply, "preview/index.html"));
  app.get("/*", (request, reply) => {
    const file = (request.params as { "*": string })["*"];
    if (file.startsWith("api/") || file === "api" || file.startsWith("dev/")) {
      return reply.code(404).send(apiError("NOT_FOUND", `No route ${request.method} ${request.url.split("?")[0]}`));
    }
    return send(reply, file);
  });
}
