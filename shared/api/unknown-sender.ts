import { z } from "zod";
import { cleanText, EmailAddress } from "./fields";

/**
 * The pane↔connector contract for a sender who is not in the CRM: companies suggested by the sender's
 * e-mail domain, and adding the person to one of them or to a new company.
 */

/**
 * Free mail providers: their domain says nothing about the sender's company, so nothing is suggested
 * and a new company does not get the domain.
 */
export const PUBLIC_MAIL_DOMAINS = [
  "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "hotmail.se", "hotmail.no", "live.com", "live.se", "live.no",
  "msn.com", "yahoo.com", "yahoo.se", "yahoo.no", "icloud.com", "me.com", "mac.com", "aol.com", "proton.me", "protonmail.com",
  "gmx.com", "gmx.net", "mail.com", "telia.com", "online.no",
] as const;

export function emailDomain(email: string): string | null {
  const at = email.trim().lastIndexOf("@");
  if (at < 1) return null;
  const domain = email.trim().slice(at + 1).toLowerCase().replace(/\.$/, "");
  return domain.includes(".") ? domain : null;
}

export function isPublicMailDomain(domain: string): boolean {
  return (PUBLIC_MAIL_DOMAINS as readonly string[]).includes(domain.toLowerCase());
}

const Email = EmailAddress;

/** GET /api/v1/companies/suggest?email=… */
export const SuggestQuery = z.object({ email: Email });

export const SUGGEST_REASONS = ["colleagues", "email", "website"] as const;
export type SuggestReason = (typeof SUGGEST_REASONS)[number];

export const CompanySuggestion = z.object({
  id: z.number().int(),
  name: z.string(),
  /** Why: persons there share the domain ("colleagues"), or the company's e-mail or web address is on it. */
  matchedBy: z.array(z.enum(SUGGEST_REASONS)).min(1),
  /** How many persons at the company have an address at the domain. */
  colleagues: z.number().int(),
});
export type CompanySuggestion = z.infer<typeof CompanySuggestion>;

export const SuggestResponse = z.object({
  domain: z.string(),
  /** A free mail provider's domain: nothing is suggested for it. */
  publicDomain: z.boolean(),
  companies: z.array(CompanySuggestion),
});
export type SuggestResponse = z.infer<typeof SuggestResponse>;

const Name = cleanText(50).trim();

/** POST /api/v1/persons — add the sender to an existing company, or create the company too. */
export const NewPersonRequest = z
  .object({
    /** The pane's key for this sender's form (kept with its draft): a double submit or a retry adds once. */
    idempotencyKey: z.string().uuid(),
    /**
     * For company kind "new": the rep saw the companies suggested for the domain and wants a new one
     * anyway. Without it, a new company on a domain the CRM has companies for is refused (COMPANY_EXISTS).
     */
    confirmNewDespiteMatches: z.boolean().optional(),
    firstName: Name,
    lastName: Name,
    email: Email,
    title: cleanText(100).trim().optional(),
    company: z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("existing"), id: z.number().int().positive() }),
      z.object({ kind: z.literal("new"), name: cleanText(200).trim().min(1) }),
    ]),
  })
  .refine((p) => p.firstName !== "" || p.lastName !== "", { message: "a first or last name", path: ["lastName"] });
export type NewPersonRequest = z.input<typeof NewPersonRequest>;

export const NewPersonResponse = z.object({
  personId: z.number().int(),
  companyId: z.number().int(),
  companyName: z.string(),
  createdPerson: z.boolean(),
  createdCompany: z.boolean(),
});
export type NewPersonResponse = z.infer<typeof NewPersonResponse>;

/** 409 COMPANY_EXISTS: the CRM has companies on the sender's domain; pick one, or confirm a new company. */
export const CompanyExistsError = z.object({
  error: z.object({ code: z.literal("COMPANY_EXISTS"), message: z.string(), suggestions: SuggestResponse }),
});
