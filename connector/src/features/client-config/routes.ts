import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { ClientConfig } from "../../../../shared/api/client-config";
import { assertNever } from "../../../../shared/domain/vocabulary";
import type { AuthConfig } from "../../config";

export function clientConfigOf(auth: AuthConfig): ClientConfig {
  switch (auth.mode) {
    case "embedded":
      return { auth: "embedded" };
    case "entra":
      return {
        auth: "entra",
        clientId: auth.clientId,
        authority: `${auth.authorityHost}/${auth.tenantId}`,
        scope: `${auth.audiences[0]}/${auth.scope}`,
      };
    default:
      return assertNever(auth, "auth mode");
  }
}

/** GET /api/v1/client-config — no token needed: it tells the pane how to get one. */
export function clientConfigRoutes(app: FastifyInstance, auth: AuthConfig): void {
  const body = clientConfigOf(auth);
  app.withTypeProvider<ZodTypeProvider>().get("/api/v1/client-config", { schema: { response: { 200: ClientConfig } } }, async () => body);
}
