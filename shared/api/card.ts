import { z } from "zod";
import { EmailAddress } from "./fields";
import type { TierMoveKind } from "../domain/moves";
import { ACCOUNT_TYPES, POTENTIALS, TIER_STATUSES } from "../domain/vocabulary";

/** The pane↔connector contract for the customer card. The server validates with these schemas. */

export const ActivitySummary = z.object({
  id: z.number().int(),
  /** ISO 8601 date-time as the CRM stores it (tenant time, no offset). */
  date: z.string(),
  /** The CRM's activity type name, e.g. "Meeting", "Phone call". */
  type: z.string().nullable(),
  text: z.string(),
  completed: z.boolean(),
});
export type ActivitySummary = z.infer<typeof ActivitySummary>;

export const Owner = z.object({
  id: z.number().int(),
  name: z.string(),
  initials: z.string(),
  email: z.string().nullable(),
});
export type Owner = z.infer<typeof Owner>;

/** The moves a card tells about; a first tier ("new") is no news to the rep who sells to the customer. */
export const CARD_MOVE_KINDS = ["up", "down", "became-former", "reactivated"] as const satisfies readonly TierMoveKind[];

/** A recent change of the company's tier that led to the tier it has now. */
export const CardTierMove = z.object({
  from: z.enum(TIER_STATUSES),
  to: z.enum(TIER_STATUSES),
  kind: z.enum(CARD_MOVE_KINDS),
  /** When the connector wrote the new category: an ISO 8601 instant (UTC); the pane shows its local date. */
  date: z.string(),
});
export type CardTierMove = z.infer<typeof CardTierMove>;

export const Card = z.object({
  person: z.object({
    id: z.number().int(),
    name: z.string(),
    email: z.string(),
    title: z.string().nullable(),
  }),
  company: z.object({
    id: z.number().int(),
    name: z.string(),
    orgNr: z.string().nullable(),
    country: z.string().nullable(),
  }),
  tier: z.object({
    /** null: the company has no tier category (never bought, or not classified yet). */
    status: z.enum(TIER_STATUSES).nullable(),
    /** The CRM's category name as shown in SuperOffice. */
    label: z.string().nullable(),
    /**
     * One sentence saying why, from the latest classification, in the language the request's
     * Accept-Language asks for (else the connector's configured one). Null when the connector has not
     * classified the company, or the CRM's category differs from its result (changed by hand since).
     */
    explanation: z.string().nullable(),
    /** The move that led to this tier, when it is recent. */
    move: CardTierMove.nullable(),
  }),
  potential: z.enum(POTENTIALS).nullable(),
  accountType: z.enum(ACCOUNT_TYPES).nullable(),
  owner: Owner.nullable(),
  lastContact: ActivitySummary.nullable(),
  nextContact: ActivitySummary.nullable(),
});
export type Card = z.infer<typeof Card>;

export const CardQuery = z.object({ email: EmailAddress });

export const CardResponse = z.discriminatedUnion("found", [
  z.object({ found: z.literal(true), card: Card }),
  z.object({ found: z.literal(false), email: z.string() }),
]);
export type CardResponse = z.infer<typeof CardResponse>;

/**
 * GET /api/v1/companies/:companyId/card — the card of a company opened without a person, e.g. from
 * "my week". The same fields as a card; `person` is null.
 */
export const CompanyCard = Card.extend({ person: Card.shape.person.nullable() });
export type CompanyCard = z.infer<typeof CompanyCard>;

export const CompanyCardResponse = z.object({ card: CompanyCard });
export type CompanyCardResponse = z.infer<typeof CompanyCardResponse>;
