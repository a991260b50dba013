import { z } from "zod";
import { LocalDateText } from "./activity";
import { ActivitySummary } from "./card";

/**
 * GET /api/v1/companies/:companyId/logged?date=yyyy-MM-dd — whether a completed activity exists for
 * the company on that date: after a meeting, the pane offers to log it only when nothing was.
 */
export const LoggedQuery = z.object({ date: LocalDateText });

export const LoggedResponse = z.object({
  companyId: z.number().int(),
  date: LocalDateText,
  logged: z.boolean(),
  /** The completed activities of that date, earliest first. */
  activities: z.array(ActivitySummary),
});
export type LoggedResponse = z.infer<typeof LoggedResponse>;
