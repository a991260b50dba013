import { z } from "zod";

/** Every error the connector returns has this body; the pane picks its message by `code`. */
export const ERROR_CODES = [
  "BAD_REQUEST",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "CRM_UNAUTHORIZED",
  "CRM_FORBIDDEN",
  "CRM_NOT_FOUND",
  "CRM_TEMPORARY",
  "CRM_UNKNOWN",
  "INTERNAL",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ApiError = z.object({
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string() }),
});
export type ApiError = z.infer<typeof ApiError>;
