import { isUtf8 } from "node:buffer";
import type { FastifyInstance } from "fastify";
import { HttpError } from "./errors";

/**
 * JSON bodies must be valid UTF-8: decoding would otherwise turn each invalid byte into U+FFFD without a
 * word, and the replacement characters would be stored in the CRM as the rep's text. Parsing itself is
 * fastify's own (with its prototype-poisoning checks).
 */
export function registerJsonBody(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (request, body, done) => {
    const bytes = body as Buffer;
    if (!isUtf8(bytes)) {
      done(new HttpError(400, "BAD_REQUEST", "The request body is not valid UTF-8 text."), undefined);
      return;
    }
    parse(request, bytes.toString("utf8"), done);
  });
}
