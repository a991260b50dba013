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
import type { WriteLedger, WriteSteps } from "../../store/write-ledger";

export type UnknownSenderCrm = Pick<
  CrmFullPort,
  "findPersonsByEmail" | "findPersonsByEmailDomain" | "findCompaniesByDomain" | "getCompany" | "createCompany" | "createPerson" | "listAssociates"
>;

/** At most this many companies are suggested; the rest are the long tail of a shared domain. */
const MAX_SUGGESTIONS = 5;
/** What adding a sender records as it goes: the company, once this key has one (created or chosen). */
type SenderCheckpoints = { company: { id: number; name: string; created: boolean }; person: number };

export function unknownSenderService(deps: { crm: UnknownSenderCrm; ledger: WriteLedger }) {
  const { crm, ledger } = deps;

  /**
   * Companies for the sender's domain, best first: where colleagues at the domain work (most of
   * them first), then companies whose own e-mail or web address is on it. Nothing for free mail.
   */
  async function suggest(email: string): Promise<SuggestResponse> {
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
  }

  return {
    suggest,

    /**
     * Adds the sender to an existing company, or creates the company (with the sender's domain and the
     * rep as owner) and then the person. Once per idempotency key (the write ledger): a repeat returns the
     * first result, and a retry after the person failed adds them to the company the first try created.
     * A sender already in the CRM is returned as found, never doubled.
     */
    async addPerson(identity: Identity, request: z.output<typeof NewPersonRequest>): Promise<NewPersonResponse> {
      const email = request.email.toLowerCase();
      const { result } = await ledger.runOnce<SenderCheckpoints, NewPersonResponse>({
        kind: "added-sender",
        key: request.idempotencyKey,
        content: { email },
        repEmail: identity.email,
        conflictMessage: "This idempotency key was used for another sender.",
        busyMessage: "This sender is being added right now; try again shortly.",
        work: (steps) => addOnce(identity, request, steps),
      });
      return result;
    },
  };

  async function addOnce(identity: Identity, request: z.output<typeof NewPersonRequest>, steps: WriteSteps<SenderCheckpoints>): Promise<NewPersonResponse> {
    const earlier = steps.checkpoints.company;
    const persons = await crm.findPersonsByEmail(request.email);
    const already = persons.find((p) => p.contactId !== null);
    if (already && already.contactId !== null) {
      // Added by an earlier try of this key that died before recording it, or in the CRM before.
      const ours = steps.mayHaveWritten("person") && earlier !== undefined && already.contactId === earlier.id;
      const company = await crm.getCompany(already.contactId);
      return { personId: already.id, companyId: company.id, companyName: company.name, createdPerson: ours, createdCompany: ours && earlier.created };
    }
    if (persons.length > 0) {
      throw new HttpError(409, "PERSON_WITHOUT_COMPANY", "The sender is in the CRM already, without a company; add them to a company there.");
    }
    let company: { id: ContactId; name: string };
    let createdCompany = false;
    if (request.company.kind === "existing") {
      company = await crm.getCompany(request.company.id as ContactId);
    } else if (earlier !== undefined) {
      // An earlier try of this key created the company and failed on the person.
      company = { id: earlier.id as ContactId, name: earlier.name };
      createdCompany = earlier.created;
    } else {
      const domain = emailDomain(request.email);
      const name = request.company.name;
      const found = steps.mayHaveWritten("company") && domain ? (await crm.findCompaniesByDomain(domain)).find((c) => c.name === name) : undefined;
      if (found) {
        // An earlier try of this key created it and died before recording it.
        company = { id: found.id, name: found.name };
      } else {
        if (!request.confirmNewDespiteMatches && domain && !isPublicMailDomain(domain)) {
          const suggestions = await suggest(request.email);
          if (suggestions.companies.length > 0) {
            throw new HttpError(409, "COMPANY_EXISTS", `The CRM has companies on ${domain}; pick one or confirm a new company.`, {
              details: { suggestions },
            });
          }
        }
        const rep = (await crm.listAssociates()).find((a) => a.email?.trim().toLowerCase() === identity.email);
        company = await steps.writing("company", () =>
          crm.createCompany({
            name,
            ...(domain && !isPublicMailDomain(domain) ? { domain } : {}),
            ...(rep ? { ownerId: rep.id } : {}),
          }),
        );
      }
      createdCompany = true;
      await steps.save({ company: { id: company.id, name: company.name, created: true } });
    }
    const person = await steps.writing("person", () =>
      crm.createPerson({
        contactId: company.id,
        firstName: request.firstName,
        lastName: request.lastName,
        email: request.email,
        ...(request.title ? { title: request.title } : {}),
      }),
    );
    return { personId: person.id, companyId: company.id, companyName: company.name, createdPerson: true, createdCompany };
  }
}
export type UnknownSenderService = ReturnType<typeof unknownSenderService>;
