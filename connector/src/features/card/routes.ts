import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { CompanyParams } from "../../../../shared/api/activity";
import { CardQuery, CardResponse, CompanyCardResponse } from "../../../../shared/api/card";
import type { ContactId } from "../../../../shared/domain/vocabulary";
import { explanationLocaleOf } from "../../http/accept-language";
import type { FieldMapping } from "../../config";
import { assembleCard, assembleCompanyCard, type CardSources } from "./assemble-card";

/**
 * GET /api/v1/card?email=… — the customer card for the sender of the selected e-mail.
 * GET /api/v1/companies/:companyId/card — a company's card without a person (a customer from "my week").
 * The tier's explanation is in the language Accept-Language asks for (the pane sends its own).
 * `currentFields`, when given, is the field mapping the admin saved, read per request so a change applies at
 * once (and the card reads the CRM as the judgement writes it); else the configured `sources.fields`.
 */
export function cardRoutes(app: FastifyInstance, sources: CardSources, currentFields?: () => Promise<FieldMapping>): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const withFields = async (): Promise<CardSources> => (currentFields ? { ...sources, fields: await currentFields() } : sources);
  r.get("/api/v1/card", { schema: { querystring: CardQuery, response: { 200: CardResponse } } }, async (request) =>
    assembleCard(request.query.email, await withFields(), explanationLocaleOf(request.headers["accept-language"])),
  );
  r.get("/api/v1/companies/:companyId/card", { schema: { params: CompanyParams, response: { 200: CompanyCardResponse } } }, async (request) =>
    assembleCompanyCard(request.params.companyId as ContactId, await withFields(), explanationLocaleOf(request.headers["accept-language"])),
  );
}
