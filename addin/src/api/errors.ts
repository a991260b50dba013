import type { ApiError, ErrorCode } from "../../../shared/api/errors";
import type { LocalErrorCode } from "../i18n/messages";

export type ClientErrorCode = ErrorCode | LocalErrorCode;

/** A failed call to the connector, with the code the pane picks its message by. */
export class ApiClientError extends Error {
  override readonly name = "ApiClientError";
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    readonly status?: number,
    /** The connector's whole error body, for callers that read more than the code (e.g. a policy's cell problems). */
    readonly body?: unknown,
    /** When the connector said to ask again (Retry-After, in seconds), e.g. with OVERLOADED. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/**
 * Maps an HTTP failure to a code: the connector's ApiError body when present, else by status.
 * `schema`: the ApiError contract (from the lazily loaded contracts); null when it could not be loaded.
 */
export function errorFromResponse(status: number, body: unknown, schema: typeof ApiError | null, retryAfter: string | null = null): ApiClientError {
  const parsed = schema ? schema.safeParse(body) : ({ success: false } as const);
  if (parsed.success) return new ApiClientError(parsed.data.error.code, parsed.data.error.message, status, body, retryAfterSeconds(retryAfter));
  // 502/503/504 without our body: a gateway in front of the connector, or the connector starting up. Reached, not answering.
  const code: ClientErrorCode =
    status === 401
      ? "UNAUTHORIZED"
      : status === 403
        ? "FORBIDDEN"
        : status === 404
          ? "NOT_FOUND"
          : status === 409
            ? "CONFLICT"
            : status === 502 || status === 503 || status === 504
              ? "UNAVAILABLE"
              : status >= 400 && status < 500
                ? "BAD_REQUEST"
                : "INTERNAL";
  return new ApiClientError(code, `HTTP ${status}`, status, undefined, retryAfterSeconds(retryAfter));
}

/** Retry-After as seconds: a number of seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now: number = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

export function toClientError(error: unknown): ApiClientError {
  if (error instanceof ApiClientError) return error;
  return new ApiClientError("INTERNAL", error instanceof Error ? error.message : String(error));
}
