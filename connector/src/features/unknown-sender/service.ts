import { randomUUID } from "node:crypto";
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
import { waitForClaim } from "../../http/claim-wait";
import { HttpError } from "../../http/errors";
import type { Queryable } from "../../store/db";

export type UnknownSenderCrm = Pick<
  CrmFullPort,
  "findPersonsByEmail" | "findPersonsByEmailDomain" | "findCompaniesByDomain" | "getCompany" | "createCompany" | "createPerson" | "listAssociates"
>;

/** At most this many companies are suggested; the rest are the long tail of a shared domain. */
const MAX_SUGGESTIONS = 5;
/** A claim no request has touched for this long belongs to one that died: a retry may take it over. */
const STALE_CLAIM_MS = 2 * 60_000;
interface SenderRow {
  email: string;
  state: string;
  company_id: number | null;
  company_name: string | null;
  created_company: boolean;
  person_id: number | null;
  created_person: boolean;
}

function responseOf(row: SenderRow): NewPersonResponse {
  return {
    personId: row.person_id ?? 0,
    companyId: row.company_id ?? 0,
    companyName: row.company_name ?? "",
    createdPerson: row.created_person,
    createdCompany: row.created_company,
  };
}

export function unknownSenderService(deps: { crm: UnknownSenderCrm; db: Queryable }) {
  const { crm, db } = deps;

  async function read(key: string): Promise<SenderRow | null> {
    const { rows } = await db.query<SenderRow>(
      "select email, state, company_id, company_name, created_company, person_id, created_person from added_senders where idempotency_key = $1",
      [key],
    );
    return rows[0] ?? null;
  }

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
     * rep as owner) and then the person. Once per idempotency key: a repeat returns the first result, and
     * a retry after the person failed adds them to the company the first try created. A sender already
     * in the CRM is returned as found, never doubled.
     */
    async addPerson(identity: Identity, request: z.output<typeof NewPersonRequest>): Promise<NewPersonResponse> {
      const key = request.idempotencyKey;
      const email = request.email.toLowerCase();
      const token = randomUUID();
      const claim = async () =>
        (
          await db.query(
            `insert into added_senders (idempotency_key, email, rep_email, state, claim_token) values ($1, $2, $3, 'pending', $4)
             on conflict (idempotency_key) do nothing returning idempotency_key`,
            [key, email, identity.email, token],
          )
        ).rowCount === 1;
      // A row no request works on (released after a failure, or left by one that died): one retry takes it.
      const takeOver = async () =>
        (
          await db.query(
            `update added_senders set claim_token = $2, updated_at = now()
              where idempotency_key = $1 and state = 'pending'
                and (claim_token is null or updated_at < now() - ($3::integer * interval '1 millisecond'))
              returning idempotency_key`,
            [key, token, STALE_CLAIM_MS],
          )
        ).rowCount === 1;

      let row: SenderRow | null = null;
      if (!(await claim())) {
        const settled = await waitForClaim<NewPersonResponse>(async () => {
          const current = await read(key);
          if (current && current.email !== email) throw new HttpError(400, "BAD_REQUEST", "This idempotency key was used for another sender.");
          if (current?.state === "done") return { result: responseOf(current) };
          return current ? takeOver() : claim();
        }, "This sender is being added right now; try again shortly.");
        if (settled) return settled.result;
        row = await read(key);
      }

      try {
        const result = await addOnce(identity, request, row);
        await db.query(
          `update added_senders set state = 'done', company_id = $3, company_name = $4, created_company = $5, person_id = $6, created_person = $7,
             claim_token = null, updated_at = now()
            where idempotency_key = $1 and claim_token = $2`,
          [key, token, result.companyId, result.companyName, result.createdCompany, result.personId, result.createdPerson],
        );
        return result;
      } catch (error) {
        // A company created by this key stays remembered (the retry adds the person to it); else start over.
        await db.query("delete from added_senders where idempotency_key = $1 and claim_token = $2 and company_id is null", [key, token]);
        await db.query("update added_senders set claim_token = null, updated_at = now() where idempotency_key = $1 and claim_token = $2", [key, token]);
        throw error;
      }

      async function addOnce(identity: Identity, request: z.output<typeof NewPersonRequest>, row: SenderRow | null): Promise<NewPersonResponse> {
        const persons = await crm.findPersonsByEmail(request.email);
        const already = persons.find((p) => p.contactId !== null);
        if (already && already.contactId !== null) {
          const company = await crm.getCompany(already.contactId);
          return { personId: already.id, companyId: company.id, companyName: company.name, createdPerson: false, createdCompany: false };
        }
        if (persons.length > 0) {
          throw new HttpError(409, "PERSON_WITHOUT_COMPANY", "The sender is in the CRM already, without a company; add them to a company there.");
        }
        let company: { id: ContactId; name: string };
        let createdCompany = false;
        if (request.company.kind === "existing") {
          company = await crm.getCompany(request.company.id as ContactId);
        } else if (row?.company_id != null) {
          // An earlier try of this key created the company and failed on the person.
          company = { id: row.company_id as ContactId, name: row.company_name ?? request.company.name };
          createdCompany = row.created_company;
        } else {
          const domain = emailDomain(request.email);
          if (!request.confirmNewDespiteMatches && domain && !isPublicMailDomain(domain)) {
            const suggestions = await suggest(request.email);
            if (suggestions.companies.length > 0) {
              throw new HttpError(409, "COMPANY_EXISTS", `The CRM has companies on ${domain}; pick one or confirm a new company.`, {
                details: { suggestions },
              });
            }
          }
          const rep = (await crm.listAssociates()).find((a) => a.email?.trim().toLowerCase() === identity.email);
          company = await crm.createCompany({
            name: request.company.name,
            ...(domain && !isPublicMailDomain(domain) ? { domain } : {}),
            ...(rep ? { ownerId: rep.id } : {}),
          });
          createdCompany = true;
          await db.query("update added_senders set company_id = $2, company_name = $3, created_company = true, updated_at = now() where idempotency_key = $1 and claim_token = $4", [
            key,
            company.id,
            company.name,
            token,
          ]);
        }
        const person = await crm.createPerson({
          contactId: company.id,
          firstName: request.firstName,
          lastName: request.lastName,
          email: request.email,
          ...(request.title ? { title: request.title } : {}),
        });
        return { personId: person.id, companyId: company.id, companyName: company.name, createdPerson: true, createdCompany };
      }
    },
  };
}
export type UnknownSenderService = ReturnType<typeof unknownSenderService>;
