import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { DevTokenRequest, DevTokenResponse } from "../../../../shared/api/client-config";
import type { EmbeddedIssuer } from "../../auth/embedded-issuer";
import type { CrmPort } from "../../crm/port";
import { HttpError } from "../../http/errors";

/**
 * POST /dev/token {email} — embedded mode only (the route is not registered otherwise): a token for a
 * rep, i.e. an associate of the CRM with that e-mail address.
 */
export function devTokenRoutes(app: FastifyInstance, deps: { crm: Pick<CrmPort, "listAssociates">; issuer: EmbeddedIssuer; ttlSeconds: number }): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    "/dev/token",
    { schema: { body: DevTokenRequest, response: { 200: DevTokenResponse } } },
    async (request) => {
      const email = request.body.email.toLowerCase();
      const associates = await deps.crm.listAssociates();
      const rep = associates.find((a) => a.email?.trim().toLowerCase() === email);
      if (!rep) throw new HttpError(403, "FORBIDDEN", "This address is not a user of the CRM.");
      const accessToken = await deps.issuer.issue({ subject: `associate:${rep.id}`, email, name: rep.fullName }, deps.ttlSeconds);
      return { access_token: accessToken, expires_in: deps.ttlSeconds };
    },
  );
}
