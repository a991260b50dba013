import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { CardQuery, CardResponse } from "../../../../shared/api/card";
import { assembleCard, type CardSources } from "./assemble-card";

/** GET /api/v1/card?email=… — the customer card for the sender of the selected e-mail. */
export function cardRoutes(app: FastifyInstance, sources: CardSources): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/v1/card",
    { schema: { querystring: CardQuery, response: { 200: CardResponse } } },
    async (request) => assembleCard(request.query.email, sources),
  );
}
