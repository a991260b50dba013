import type { z } from "zod";
import {
  emailDomain,
  isPublicMailDomain,
  type CompanySuggestion,
  type NewPersonRequest,
  type NewPersonResponse,
  type SuggestResponse,
} from "../../../../shared/api/unknown-sender";
import type { ContactId } from "../../../../shared/domain/vocabulary";
import type { Identity } from "../../auth/identity";
import type { CrmFullPort } from "../../crm/port";
import { HttpError } from "../../http/errors";

export type UnknownSenderCrm = Pick<
  CrmFullPort,
  "findPersonsByEmail" | "findPersonsByEmailDomain" | "findCompaniesByDomain" | "getCompany" | "createCompany" | "createPerson" | "listAssociates"
>;

/** At most this many companies are suggested; the rest are the long tail of a shared domain. */
const MAX_SUGGESTIONS = 5;

export function unknownSenderService(deps: { crm: UnknownSenderCrm }) {
  const { crm } = deps;
  return {
    /**
     * Companies for the sender's domain, best first: where colleagues at the domain work (most of
     * them first), then companies whose own e-mail or web address is on it. Nothing for free mail.
     */
    async suggest(email: string): Promise<SuggestResponse> {
      const domain = emailDomain(email);
      if (!domain) throw new HttpError(400, "BAD_REQUEST", "Not an e-mail address.");
      if (isPublicMailDomain(domain)) return { domain, publicDomain: true, companies: [] };
      const [persons, companies] = await Promise.all([crm.findPersonsByEmailDomain(domain), crm.findCompaniesByDomain(domain)]);
      const byId = new Map<number, CompanySuggestion>();
      for (const p of persons) {
        if (p.contactId === null) continue;
        const entry = byId.get(p.contactId) ?? { id: p.contactId, name: "", matchedBy: ["colleagues"], colleagues: 0 };
        entry.colleagues++;
        byId.set(p.contactId, entry);
      }
      for (const c of companies) {
        const entry = byId.get(c.id);
        if (entry) {
          entry.name = c.name;
          entry.matchedBy.push(...c.matchedBy);
        } else {
          byId.set(c.id, { id: c.id, name: c.name, matchedBy: [...c.matchedBy], colleagues: 0 });
        }
      }
      const ranked = [...byId.values()]
        .sort((a, b) => b.colleagues - a.colleagues || b.matchedBy.length - a.matchedBy.length || a.id - b.id)
        .slice(0, MAX_SUGGESTIONS);
      // Companies found through their persons only need their names.
      await Promise.all(
        ranked
          .filter((s) => s.name === "")
          .map(async (s) => {
            s.name = (await crm.getCompany(s.id as ContactId)).name;
          }),
      );
      return { domain, publicDomain: false, companies: ranked };
    },

    /**
     * Adds the sender to an existing company, or creates the company (with the sender's domain and the
     * rep as owner) and then the person. A sender already in the CRM is returned as found, never doubled.
     */
    async addPerson(identity: Identity, request: z.output<typeof NewPersonRequest>): Promise<NewPersonResponse> {
      const [already] = await crm.findPersonsByEmail(request.email);
      if (already && already.contactId !== null) {
        const company = await crm.getCompany(already.contactId);
        return { personId: already.id, companyId: company.id, companyName: company.name, createdPerson: false, createdCompany: false };
      }
      let company: { id: ContactId; name: string };
      let createdCompany = false;
      if (request.company.kind === "existing") {
        company = await crm.getCompany(request.company.id as ContactId);
      } else {
        const domain = emailDomain(request.email);
        const rep = (await crm.listAssociates()).find((a) => a.email?.trim().toLowerCase() === identity.email);
        company = await crm.createCompany({
          name: request.company.name,
          ...(domain && !isPublicMailDomain(domain) ? { domain } : {}),
          ...(rep ? { ownerId: rep.id } : {}),
        });
        createdCompany = true;
      }
      const person = await crm.createPerson({
        contactId: company.id,
        firstName: request.firstName,
        lastName: request.lastName,
        email: request.email,
        ...(request.title ? { title: request.title } : {}),
      });
      return { personId: person.id, companyId: company.id, companyName: company.name, createdPerson: true, createdCompany };
    },
  };
}
export type UnknownSenderService = ReturnType<typeof unknownSenderService>;
