import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import type { ApiError, ErrorCode } from "../../../shared/api/errors";
import { assertNever } from "../../../shared/domain/vocabulary";
import { CrmError, type CrmErrorCode } from "../crm/port";

/** An error a route throws on purpose; its message is meant for the caller. */
export class HttpError extends Error {
  override readonly name = "HttpError";
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    /** Response headers (e.g. Retry-After) and fields added to the error body (e.g. the suggestions to pick from). */
    readonly extra: { headers?: Record<string, string>; details?: Record<string, unknown> } = {},
  ) {
    super(message);
  }
}

export function apiError(code: ErrorCode, message: string, details: Record<string, unknown> = {}): ApiError {
  return { error: { ...details, code, message } };
}

/** CRM failures as the pane sees them: a status and a neutral code, never the CRM's own text. */
export function crmErrorToHttp(code: CrmErrorCode): { statusCode: number; code: ErrorCode; message: string } {
  switch (code) {
    case "CRM_UNAUTHORIZED":
      return { statusCode: 502, code: "CRM_UNAUTHORIZED", message: "The connector could not sign in to the CRM." };
    case "CRM_FORBIDDEN":
      return { statusCode: 502, code: "CRM_FORBIDDEN", message: "The connector is not allowed to read this in the CRM." };
    case "CRM_NOT_FOUND":
      return { statusCode: 404, code: "CRM_NOT_FOUND", message: "The CRM does not have this record." };
    case "CRM_CONFLICT":
      return { statusCode: 409, code: "CONFLICT", message: "The CRM record was changed by someone else; try again." };
    case "CRM_TEMPORARY":
      return { statusCode: 503, code: "CRM_TEMPORARY", message: "The CRM is busy or unavailable; try again shortly." };
    case "CRM_TIMEOUT":
      return { statusCode: 504, code: "CRM_TIMEOUT", message: "The CRM did not answer in time; try again shortly." };
    case "CRM_OVERLOADED":
      return { statusCode: 503, code: "OVERLOADED", message: "The connector is at the CRM's call limit right now; try again in a moment." };
    case "CRM_BAD_REQUEST":
    case "CRM_UNKNOWN":
      return { statusCode: 502, code: "CRM_UNKNOWN", message: "The CRM answered in an unexpected way." };
    default:
      return assertNever(code, "CRM error code");
  }
}

function statusToCode(status: number): ErrorCode {
  if (status === 401) return "UNAUTHORIZED";
  if (status === 403) return "FORBIDDEN";
  if (status === 404) return "NOT_FOUND";
  if (status === 409) return "CONFLICT";
  if (status === 413) return "TOO_LARGE";
  return "BAD_REQUEST";
}

/**
 * The one error handler: every failure leaves as an ApiError body; 5xx details stay in the log. Its bodies
 * are written as plain JSON, not through the route's response schemas: a route that declares its own 400
 * shape (e.g. with `problems`) still answers a request that fails validation with a 400, never a 500.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    reply.serializer(JSON.stringify);
    if (error instanceof HttpError) {
      if (error.extra.headers) void reply.headers(error.extra.headers);
      return reply.code(error.statusCode).send(apiError(error.code, error.message, error.extra.details));
    }
    if (error instanceof CrmError) {
      const mapped = crmErrorToHttp(error.code);
      const log = mapped.statusCode >= 500 ? request.log.error.bind(request.log) : request.log.warn.bind(request.log);
      log({ crmCode: error.code, crmDetail: error.detail }, `CRM call failed: ${error.message}`);
      if (error.detail?.retryAfterSeconds !== undefined) void reply.header("Retry-After", String(error.detail.retryAfterSeconds));
      return reply.code(mapped.statusCode).send(apiError(mapped.code, mapped.message));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) => `${v.instancePath.replace(/^\//, "").replace(/\//g, ".") || error.validationContext || "request"}: ${v.message ?? "invalid"}`);
      return reply.code(400).send(apiError("BAD_REQUEST", `Invalid ${error.validationContext ?? "request"}: ${issues.join("; ")}`));
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ issues: error.cause.issues, url: error.url }, "response does not match its schema");
      return reply.code(500).send(apiError("INTERNAL", "Internal error."));
    }
    const status = typeof error.statusCode === "number" ? error.statusCode : 500;
    if (status >= 400 && status < 500) {
      return reply.code(status).send(apiError(statusToCode(status), error.message));
    }
    request.log.error({ err: error }, "request failed");
    return reply.code(status >= 500 && status < 600 ? status : 500).send(apiError("INTERNAL", "Internal error."));
  });

  app.setNotFoundHandler((request, reply) => {
    reply.code(404).serializer(JSON.stringify).send(apiError("NOT_FOUND", `No route ${request.method} ${request.url.split("?")[0]}`));
  });
}
