import fs from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply } from "fastify";
import { apiError } from "../../http/errors";

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Kundrytm — add-in not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto">
<h1>The Kundrytm add-in is not built</h1>
<p>The connector serves the task pane from its build folder, which is empty. Run <code>npm run build:addin</code>
(or <code>npm start</code>, which builds it) and reload this page.</p>
</body></html>`;

/** Hashed bundles never change under the same name; pages must be re-read so a new build is picked up. */
function cacheControl(file: string): string {
  return /\.[0-9a-f]{8}\.(js|css)$/.test(file) ? "public, max-age=31536000, immutable" : "no-cache";
}

/** Longer file paths than this are no file of the build (the longest the build writes is far shorter). */
const MAX_FILE_PATH = 1024;

/** A requested path as it resolves under the build folder, with forward slashes ("" for the folder itself). */
function relativePath(distDir: string, file: string): string {
  return path.relative(distDir, path.resolve(distDir, file)).split(path.sep).join("/");
}

/** The file's status, or nothing when there is none to read (missing, a file used as a folder, too long a name). */
function statOrNothing(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

export interface AddinRoutesOptions {
  /** ADDIN_DIST_DIR: the built task pane. */
  distDir: string;
  /** ADDIN_MANIFEST_FILE: the manifest npm run manifest wrote, served at /manifest.xml. */
  manifestFile?: string;
  /** The preview page (a simulated mailbox) exists only in the embedded demo mode. */
  preview: boolean;
}

/**
 * The built task pane from ADDIN_DIST_DIR: /taskpane.html, /assets/*, /preview/ (the simulated mailbox, embedded
 * mode only), /admin/ (the admin page, in both modes: its API refuses non-admins) and anything else the build
 * emits; /manifest.xml from ADDIN_MANIFEST_FILE. A clear 503 page while the add-in is not built.
 */
export function addinRoutes(app: FastifyInstance, options: AddinRoutesOptions): void {
  const distDir = path.resolve(options.distDir);
  const built = () => fs.existsSync(path.join(distDir, "taskpane.html"));
  // @fastify/static sends the files (types, ETag, Last-Modified, ranges); which files may be sent is decided here.
  void app.register(fastifyStatic, { root: distDir, serve: false });

  const send = (reply: FastifyReply, file: string) => {
    // A NUL or an endless path names no file; the file system would throw on either.
    if (file.includes("\0") || file.length > MAX_FILE_PATH) return reply.code(400).send(apiError("BAD_REQUEST", "Not a file path."));
    if (!built()) return reply.code(503).type("text/html; charset=utf-8").header("Retry-After", "30").send(NOT_BUILT_PAGE);
    const full = path.resolve(distDir, file);
    // Only regular files inside the build folder, reached without a hidden segment or a link out of it.
    const inside = (p: string) => p.startsWith(distDir + path.sep);
    const hidden = relativePath(distDir, file).split("/").some((segment) => segment.startsWith("."));
    const stat = inside(full) && !hidden ? statOrNothing(full) : undefined;
    if (!stat?.isFile() || !inside(fs.realpathSync(full))) {
      return reply.code(404).send(apiError("NOT_FOUND", "No such file."));
    }
    return reply.header("Cache-Control", cacheControl(file)).sendFile(path.relative(distDir, full), distDir, { cacheControl: false });
  };

  // Written by npm run manifest outside the build folder, so a new build does not remove it.
  app.get("/manifest.xml", (_request, reply) => {
    const file = options.manifestFile && path.resolve(options.manifestFile);
    const stat = file ? fs.statSync(file, { throwIfNoEntry: false }) : undefined;
    if (!file || !stat?.isFile()) {
      return reply.code(404).send(apiError("NOT_FOUND", "No manifest has been written on this server: npm run manifest -- --url https://<this host>."));
    }
    return reply.header("Cache-Control", "no-cache").type("application/xml; charset=utf-8").sendFile(path.basename(file), path.dirname(file), { cacheControl: false, contentType: false });
  });

  if (options.preview) {
    app.get("/", (_request, reply) => reply.redirect("/preview/"));
    app.get("/preview", (_request, reply) => reply.redirect("/preview/"));
    app.get("/preview/", (_request, reply) => send(reply, "preview/index.html"));
  } else {
    // Someone opening the add-in's address in a browser learns what it is and whom to ask.
    app.get("/", (_request, reply) => reply.redirect("/assets/support.html"));
  }
  app.get("/admin", (_request, reply) => reply.redirect("/admin/"));
  app.get("/admin/", (_request, reply) => send(reply, "admin/index.html"));
  app.get("/*", (request, reply) => {
    const file = (request.params as { "*": string })["*"];
    // Judged on the path as it resolves: /x/../preview/ is /preview/.
    const top = relativePath(distDir, file).split("/")[0];
    if (top === "api" || top === "dev" || (top === "preview" && !options.preview)) {
      return reply.code(404).send(apiError("NOT_FOUND", `No route ${request.method} ${request.url.split("?")[0]}`));
    }
    return send(reply, file);
  });
}
