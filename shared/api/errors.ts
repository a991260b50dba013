import { z } from "zod";

/** Every error the connector returns has this body; the pane picks its message by `code`. */
export const ERROR_CODES = [
  "BAD_REQUEST",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  /** The same thing is being saved by another request right now (Retry-After says when to ask again). */
  "IN_PROGRESS",
  /** A new company for a domain the CRM already has companies for; the body lists them. */
  "COMPANY_EXISTS",
  /** The sender is in the CRM already, without a company: adding them again would double them. */
  "PERSON_WITHOUT_COMPANY",
  /** The signed-in rep has no user in the CRM, so nothing can be written in their name. */
  "NOT_CRM_USER",
  /** The CRM lacks something an administrator sets up (e.g. a document template for e-mails). */
  "CRM_SETUP",
  /** The request body is larger than the route accepts (413); sending it again cannot help. */
  "TOO_LARGE",
  "CRM_UNAUTHORIZED",
  "CRM_FORBIDDEN",
  "CRM_NOT_FOUND",
  "CRM_TEMPORARY",
  /** SuperOffice did not answer within the connector's bound for the call (504); the connector itself is up. */
  "CRM_TIMEOUT",
  "CRM_UNKNOWN",
  /** The connector is at its CRM call budget for this request's deadline (503 with Retry-After); ask again later. */
  "OVERLOADED",
  "INTERNAL",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ApiError = z.object({
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string() }),
});
export type ApiError = z.infer<typeof ApiError>;
