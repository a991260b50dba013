import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { CompanyParams } from "../../../../shared/api/activity";
import { CardQuery, CardResponse, CompanyCardResponse } from "../../../../shared/api/card";
import type { ContactId } from "../../../../shared/domain/vocabulary";
import { inCrmLanguage } from "../../crm/language";
import { explanationLocaleOf } from "../../http/accept-language";
import type { FieldMapping } from "../../config";
import { assembleCard, assembleCompanyCard, type CardSources } from "./assemble-card";
import { cardCache as newCardCache, type CardCache } from "./card-cache";

/**
 * GET /api/v1/card?email=… — the customer card for the sender of the selected e-mail.
 * GET /api/v1/companies/:companyId/card — a company's card without a person (a customer from "my week").
 * The tier's explanation, and what SuperOffice returns (activity types, categories), are in the language
 * Accept-Language asks for (the pane sends its own).
 * `currentFields`, when given, is the field mapping the admin saved, read per request so a change applies at
 * once (and the card reads the CRM as the judgement writes it); else the configured `sources.fields`.
 * Cards are kept for a minute (card-cache.ts) per address or company, language and field mapping; any
 * write through the API, also one that failed part-way, empties the cache.
 */
export function cardRoutes(
  app: FastifyInstance,
  sources: CardSources,
  currentFields?: () => Promise<FieldMapping>,
  cache: CardCache<CardResponse | CompanyCardResponse> = newCardCache(),
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const withFields = async (): Promise<CardSources> => (currentFields ? { ...sources, fields: await currentFields() } : sources);
  const keyOf = (what: string, language: string | null, fields: FieldMapping) => JSON.stringify([what, language, fields]);
  // Also after a failed write: it may have written part (an activity saved, its follow-up not).
  app.addHook("onSend", async (request) => {
    if (request.method !== "GET" && request.method !== "HEAD" && request.routeOptions.url?.startsWith("/api/")) cache.clear();
  });
  r.get("/api/v1/card", { schema: { querystring: CardQuery, response: { 200: CardResponse } } }, async (request) => {
    const language = explanationLocaleOf(request.headers["accept-language"]);
    const current = await withFields();
    const email = request.query.email.toLowerCase();
    return (await cache.get(keyOf(`email:${email}`, language, current.fields), () => inCrmLanguage(language, () => assembleCard(request.query.email, current, language)))) as CardResponse;
  });
  r.get("/api/v1/companies/:companyId/card", { schema: { params: CompanyParams, response: { 200: CompanyCardResponse } } }, async (request) => {
    const language = explanationLocaleOf(request.headers["accept-language"]);
    const current = await withFields();
    const id = request.params.companyId as ContactId;
    return (await cache.get(keyOf(`company:${id}`, language, current.fields), () => inCrmLanguage(language, () => assembleCompanyCard(id, current, language)))) as CompanyCardResponse;
  });
}
