import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { CLEAN_TEXT_MESSAGE, isCleanText } from "../../../../shared/api/fields";
import { ImportReport } from "../../../../shared/api/jobs";
import { ColumnMappingSchema } from "../../erp";
import { ENCODING_CHOICES, type EncodingChoice } from "../../erp/csv";
import { HttpError } from "../../http/errors";
import { DEFAULT_MAPPING } from "../../jobs/import-orders";
import type { JobFeatureDeps } from "../settings/admin";

/** Largest export the admin page may upload (a million lines of CSV is about 60 MB). */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

const FORMAT_OF: Record<string, "csv" | "xlsx"> = {
  "text/csv": "csv",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
};

const Query = z.object({
  onError: z.enum(["stop", "skip"]).default("stop"),
  /** CSV only: the file's text encoding; "auto" detects it (a byte order mark, else UTF-8 when valid, else Windows-1252). */
  encoding: z.enum(Object.keys(ENCODING_CHOICES) as [EncodingChoice, ...EncodingChoice[]]).default("auto"),
  /** The column mapping as JSON; default: the demo ERP's columns (see DEFAULT_MAPPING). */
  mapping: z.string().max(10_000).optional(),
  /** The uploaded file's name, for the import log. */
  name: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .refine(isCleanText, CLEAN_TEXT_MESSAGE)
    .refine((name) => !/^\.{0,2}$/.test(name.split(/[\\/]/).pop()!.trim()), "a file name, not a folder like . or ..")
    .default("upload"),
  /** "true": overwrite known lines whose amount, date, currency or customer changed (otherwise they are only reported). */
  updateChanged: z.enum(["true", "false"]).default("false"),
});

/**
 * POST /api/v1/admin/imports/orders — the admin page uploads an ERP export as the request body
 * (Content-Type text/csv or the XLSX type); the same import as `kundrytm import-orders`.
 */
export function uploadRoutes(app: FastifyInstance, deps: JobFeatureDeps): void {
  app.register(async (scope) => {
    // Only this scope reads raw file bodies, with a limit of its own.
    scope.addContentTypeParser(Object.keys(FORMAT_OF), { parseAs: "buffer", bodyLimit: MAX_UPLOAD_BYTES }, (_req, body, done) => done(null, body));
    scope.withTypeProvider<ZodTypeProvider>().post(
      "/api/v1/admin/imports/orders",
      { bodyLimit: MAX_UPLOAD_BYTES, schema: { querystring: Query, response: { 200: ImportReport } } },
      async (request) => {
        const format = FORMAT_OF[(request.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase()];
        if (!format || !Buffer.isBuffer(request.body)) throw new HttpError(415, "BAD_REQUEST", "Send the export as text/csv or as an XLSX workbook.");
        let mapping = DEFAULT_MAPPING;
        if (request.query.mapping !== undefined) {
          let json: unknown;
          try {
            json = JSON.parse(request.query.mapping);
          } catch {
            throw new HttpError(400, "BAD_REQUEST", "The mapping is not JSON.");
          }
          const parsed = ColumnMappingSchema.safeParse(json);
          if (!parsed.success) throw new HttpError(400, "BAD_REQUEST", `The mapping is not valid: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
          mapping = json as typeof DEFAULT_MAPPING;
        }
        const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "kundrytm-upload-"));
        try {
          const file = path.join(dir, path.basename(request.query.name).replace(/[^\w.\- ]/g, "_"));
          await fs.promises.writeFile(file, request.body);
          return await deps.services.importFile({ file, format, mapping, onError: request.query.onError, encoding: ENCODING_CHOICES[request.query.encoding], updateChanged: request.query.updateChanged === "true" });
        } finally {
          await fs.promises.rm(dir, { recursive: true, force: true });
        }
      },
    );
  });
}
