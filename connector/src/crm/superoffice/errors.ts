import { z } from "zod";
import { assertNever } from "../../../../shared/domain/vocabulary";
import { CrmError, type CrmErrorCode } from "../port";

/** SuperOffice's error body, e.g. {"Error":true,"ErrorType":"SoNotFoundException","ErrorMessage":"…","ErrorSource":"…"}. */
export const RawSoError = z.looseObject({
  Error: z.boolean().optional(),
  ErrorType: z.string().nullish(),
  ErrorMessage: z.string().nullish(),
  ErrorSource: z.string().nullish(),
});

/** What went wrong with one call, before it becomes a CrmError. */
export type SoFailure =
  | { kind: "http"; status: number; body: unknown }
  | { kind: "network"; code: string | null; message: string }
  | { kind: "invalid-response"; message: string };

/** Network failures that mean SuperOffice did not answer within the call's timeout. */
const TIMEOUTS = new Set(["ETIMEDOUT", "ECONNABORTED"]);
const TRANSIENT_NETWORK = new Set(["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "ECONNABORTED", "EPIPE", "EAI_AGAIN", "ERR_SOCKET_CONNECTION_TIMEOUT"]);
const RETRY_STATUSES = new Set([429, 502, 503, 504]);

/** Only throttling, gateway trouble and network timeouts are retried; other 4xx/5xx never are. */
export function isRetryable(failure: SoFailure): boolean {
  switch (failure.kind) {
    case "http":
      return RETRY_STATUSES.has(failure.status);
    case "network":
      return failure.code !== null && TRANSIENT_NETWORK.has(failure.code);
    case "invalid-response":
      return false;
    default:
      return assertNever(failure, "failure");
  }
}

function codeFromErrorType(errorType: string): CrmErrorCode | null {
  if (/NotFound/i.test(errorType)) return "CRM_NOT_FOUND";
  if (/(AccessDenied|InsufficientRights|Security|Forbidden)/i.test(errorType)) return "CRM_FORBIDDEN";
  if (/(SessionExpired|TicketExpired|Unauthori[sz]ed|InvalidCredentials)/i.test(errorType)) return "CRM_UNAUTHORIZED";
  return null;
}

function codeFromStatus(status: number): CrmErrorCode {
  if (status === 400 || status === 422) return "CRM_BAD_REQUEST";
  if (status === 401) return "CRM_UNAUTHORIZED";
  if (status === 403) return "CRM_FORBIDDEN";
  if (status === 404 || status === 410) return "CRM_NOT_FOUND";
  if (status === 409 || status === 412) return "CRM_CONFLICT";
  if (status === 408 || RETRY_STATUSES.has(status)) return "CRM_TEMPORARY";
  return "CRM_UNKNOWN";
}

const MESSAGES: Record<CrmErrorCode, string> = {
  CRM_UNAUTHORIZED: "SuperOffice rejected the connector's credentials",
  CRM_FORBIDDEN: "SuperOffice denied access to this record",
  CRM_NOT_FOUND: "The record was not found in SuperOffice",
  CRM_CONFLICT: "The record was changed in SuperOffice meanwhile",
  CRM_BAD_REQUEST: "SuperOffice refused the request",
  CRM_TEMPORARY: "SuperOffice is temporarily unavailable",
  CRM_TIMEOUT: "SuperOffice did not answer in time",
  CRM_OVERLOADED: "The call budget's queue is longer than the caller's deadline",
  CRM_UNKNOWN: "SuperOffice failed unexpectedly",
};

/**
 * The one place that turns any SuperOffice failure into a neutral CrmError. SuperOffice's own
 * ErrorType/ErrorMessage go to `detail` (for logs), redacted of every secret in `secrets`.
 */
export function toCrmError(failure: SoFailure, context: string, secrets: readonly string[] = []): CrmError {
  switch (failure.kind) {
    case "http": {
      const parsed = RawSoError.safeParse(failure.body);
      const body = parsed.success ? parsed.data : null;
      const bodyText = typeof failure.body === "string" && failure.body.length > 0 ? failure.body.slice(0, 500) : undefined;
      const crmType = body?.ErrorType ?? undefined;
      const crmMessage = redact(body?.ErrorMessage ?? bodyText ?? "", secrets) || undefined;
      // ErrorType refines a generic status (SuperOffice sometimes answers 500 for a missing row).
      const byType = crmType && (failure.status === 500 || failure.status === 400) ? codeFromErrorType(crmType) : null;
      let code = byType ?? codeFromStatus(failure.status);
      if (failure.status === 421) code = "CRM_UNKNOWN";
      const hint = failure.status === 421 ? " (wrong sub-domain: use the tenant's webapi_url)" : "";
      return new CrmError(code, `${MESSAGES[code]}${hint}: ${context} (HTTP ${failure.status})`, {
        status: failure.status,
        crmMessage,
        crmType,
      });
    }
    case "network": {
      const code: CrmErrorCode =
        failure.code !== null && TIMEOUTS.has(failure.code) ? "CRM_TIMEOUT" : failure.code !== null && TRANSIENT_NETWORK.has(failure.code) ? "CRM_TEMPORARY" : "CRM_UNKNOWN";
      return new CrmError(code, `${MESSAGES[code]}: ${context} (${failure.code ?? "network error"})`, {
        crmMessage: redact(failure.message, secrets),
      });
    }
    case "invalid-response":
      return new CrmError("CRM_UNKNOWN", `SuperOffice answered in an unexpected shape: ${context}`, {
        crmMessage: redact(failure.message, secrets),
      });
    default:
      return assertNever(failure, "failure");
  }
}

/** Replaces every occurrence of each secret with "[redacted]". */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    out = out.split(secret).join("[redacted]");
  }
  return out;
}
