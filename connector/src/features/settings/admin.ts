import type { FastifyRequest } from "fastify";
import { identityOf } from "../../auth/identity";
import { HttpError } from "../../http/errors";

/**
 * Admins are recognised by the e-mail address of their verified sign-in, listed in KUNDRYTM_ADMINS.
 * An empty list means nobody is an admin: the admin API is closed until someone is named.
 */
export function requireAdmin(admins: readonly string[]) {
  const allowed = new Set(admins.map((a) => a.trim().toLowerCase()).filter((a) => a !== ""));
  return async (request: FastifyRequest): Promise<void> => {
    const identity = identityOf(request);
    if (!allowed.has(identity.email.toLowerCase())) {
      throw new HttpError(403, "FORBIDDEN", "Only Kundrytm administrators (KUNDRYTM_ADMINS) may use the admin API.");
    }
  };
}

/** What the admin and my-week routes need: the job services, the CRM and the admin list. */
export interface JobFeatureDeps {
  services: import("../../jobs/services").JobServices;
  crm: import("../../crm/port").CrmFullPort;
  admins: readonly string[];
}
