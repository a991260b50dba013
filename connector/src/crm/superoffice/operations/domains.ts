import type { ContactId, PersonId } from "../../../../../shared/domain/vocabulary";
import { CrmError, type CrmCompanyDomainMatch, type CrmPerson } from "../../port";
import { normaliseEmail, odataString } from "../odata";
import { CONTACT_DOMAIN_COLUMNS, PERSON_COLUMNS, RawContactDomainRow, RawPersonRow } from "../raw";
import { fetchRows, type SoContext } from "./context";

/** A DNS name as it follows the @ of an address: labels of letters, digits and hyphens (IDN letters kept). */
const DOMAIN = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,62})(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,62}))+$/u;

export function normaliseDomain(domain: string): string {
  const d = domain.trim().toLowerCase().replace(/\.$/, "");
  if (!DOMAIN.test(d) || d.length > 253) throw new CrmError("CRM_BAD_REQUEST", "Not an e-mail domain");
  return d;
}

/** The host of a web address as a company records it ("https://www.acme.se/kontakt", "www.acme.se"). */
export function hostOf(url: string): string | null {
  const trimmed = url.trim();
  if (trimmed === "") return null;
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`).hostname.toLowerCase();
  } catch {
    return null;
  }
}

/** True when `host` is `domain` itself or one of its sub-domains (www.acme.se is on acme.se; notacme.se is not). */
export function hostIsOnDomain(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

/**
 * Persons (not former employees) whose e-mail address is at `domain`. The filter is a suffix match on
 * "@domain"; every row is checked again lower-cased, so a sub-domain or a look-alike never counts.
 */
export async function findPersonsByEmailDomain(ctx: SoContext, domain: string, limit = 200): Promise<CrmPerson[]> {
  const wanted = normaliseDomain(domain);
  const rows = await fetchRows(
    ctx,
    "/v1/Person",
    "find persons by e-mail domain",
    { select: PERSON_COLUMNS, filter: `endswith(email/emailAddress,${odataString(`@${wanted}`)})`, entities: ["person"], orderBy: "personId", top: limit },
    RawPersonRow,
  );
  const byId = new Map<number, CrmPerson>();
  for (const row of rows) {
    const email = row["email/emailAddress"];
    if (email === null || !normaliseEmail(email).endsWith(`@${wanted}`) || byId.has(row.personId)) continue;
    byId.set(row.personId, {
      id: row.personId as PersonId,
      contactId: row.contactId ? (row.contactId as ContactId) : null,
      fullName: row.fullName ?? "",
      email: email.trim(),
      title: row.title?.trim() || null,
    });
  }
  return [...byId.values()];
}

/**
 * Companies whose own e-mail address is at `domain` or whose web address is on it. The archive query
 * is broad (`contains` on the URL); the host of every URL is compared exactly afterwards.
 */
export async function findCompaniesByDomain(ctx: SoContext, domain: string, limit = 100): Promise<CrmCompanyDomainMatch[]> {
  const wanted = normaliseDomain(domain);
  const rows = await fetchRows(
    ctx,
    "/v1/Contact",
    "find companies by domain",
    {
      select: CONTACT_DOMAIN_COLUMNS,
      filter: `endswith(email/emailAddress,${odataString(`@${wanted}`)}) or url/URLAddress contains ${odataString(wanted)}`,
      orderBy: "contactId",
      top: limit,
    },
    RawContactDomainRow,
  );
  const byId = new Map<number, CrmCompanyDomainMatch>();
  for (const row of rows) {
    const matchedBy: CrmCompanyDomainMatch["matchedBy"] = [];
    const email = row["email/emailAddress"];
    if (email !== null && normaliseEmail(email).endsWith(`@${wanted}`)) matchedBy.push("email");
    const host = row["url/URLAddress"] === null ? null : hostOf(row["url/URLAddress"]);
    if (host !== null && hostIsOnDomain(host, wanted)) matchedBy.push("website");
    if (matchedBy.length === 0) continue;
    const seen = byId.get(row.contactId);
    if (seen) {
      for (const m of matchedBy) if (!seen.matchedBy.includes(m)) seen.matchedBy.push(m);
      continue;
    }
    byId.set(row.contactId, { id: row.contactId as ContactId, name: row.name ?? "", matchedBy });
  }
  return [...byId.values()];
}
