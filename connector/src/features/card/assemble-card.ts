import type { ActivitySummary, Card, CardResponse, CardTierMove, CompanyCardResponse } from "../../../../shared/api/card";
import { renderTierExplanation, type ExplanationLocale } from "../../../../shared/domain/explain";
import { moveKind } from "../../../../shared/domain/moves";
import type { ContactId, TierStatus } from "../../../../shared/domain/vocabulary";
import type { FieldMapping } from "../../config";
import type { CrmAppointment, CrmAssociate, CrmCompany, CrmFullPort, CrmListItem, CrmPerson, CrmPort } from "../../crm/port";
import type { TierChange } from "../../store/tier-history";
import type { StoredTierResult } from "../../store/tier-results";
import { accountTypeOf, potentialOf, tierOfCategory } from "./field-mapping";
import type { CompanyHints } from "./company-hints";

export interface CardSources {
  crm: Pick<CrmPort, "findPersonsByEmail" | "getCompany" | "lastCompletedAppointment" | "nextPlannedAppointment"> &
    Pick<CrmFullPort, "listCustomFieldItems">;
  fields: FieldMapping;
  /** The CRM's users, to complete the owner's e-mail (cached); optional. */
  associates?: () => Promise<CrmAssociate[]>;
  /** Told when a field's list cannot be read; the card then shows that value as unknown. */
  warn?: (message: string, error: unknown) => void;
  /** The latest tier change the connector recorded for a company, if any. */
  latestTierChange(contactId: number): Promise<TierChange | null>;
  /** The company's result in the latest classification run, if it was classified. */
  latestTierResult(contactId: number): Promise<StoredTierResult | null>;
  /** The clock that tells a recent move from an old one (default: the system's). */
  now?: () => Date;
  /** Each address's company at its last card: read early, used only when still right (company-hints.ts). */
  companyHints?: CompanyHints;
}

/** A move older than this is no news: the card then shows the tier and why, not how it got there. */
export const RECENT_MOVE_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Why the company has the tier the CRM shows now: the latest classification's sentence, said again in
 * the asked language from the numbers behind it. None when an admin has set another category since.
 */
function explanationOf(result: StoredTierResult | null, change: TierChange | null, status: TierStatus | null, name: string, language: ExplanationLocale | null): string | null {
  if (status === null) return null;
  if (!result) {
    // Stores from before results were kept have the sentences of moves only.
    return change && change.to === status ? change.explanation : null;
  }
  if (result.status !== status) return null;
  if (language === null || language === result.locale) return result.explanation;
  const tierResult = { customerKey: String(result.contactId), segment: result.details.segment, status: result.status, previous: result.previous, explanation: result.details };
  return renderTierExplanation({ result: tierResult, customerName: name, locale: language, from: result.previous });
}

/** The latest move, when it is recent and led to the tier the CRM shows now; a first tier is not one. */
function recentMove(change: TierChange | null, status: TierStatus | null, now: Date): CardTierMove | null {
  if (!change || status === null || change.to !== status || change.from === null) return null;
  if (now.getTime() - change.changedAt.getTime() > RECENT_MOVE_DAYS * DAY_MS) return null;
  const kind = moveKind(change.from, change.to);
  if (kind === null || kind === "new" || kind === "cleared") return null;
  return { from: change.from, to: change.to, kind, date: change.changedAt.toISOString() };
}

function normalise(email: string): string {
  return email.trim().toLowerCase();
}

function activity(a: CrmAppointment | null): ActivitySummary | null {
  if (!a) return null;
  return { id: a.id, date: a.startDate, type: a.typeName, text: a.text, completed: a.completed };
}

/**
 * Of several persons sharing the address, the one whose company has a tier, then the most recently
 * created (highest id). Persons without a company cannot make a card and are left out.
 */
export function choosePerson<P extends CrmPerson>(candidates: { person: P; company: CrmCompany }[], fields: FieldMapping) {
  return [...candidates].sort((a, b) => {
    const tierA = tierOfCategory(a.company.category?.name, fields) !== null ? 1 : 0;
    const tierB = tierOfCategory(b.company.category?.name, fields) !== null ? 1 : 0;
    return tierB - tierA || b.person.id - a.person.id;
  })[0];
}

/**
 * The card's company part: everything but the person. The company record may still be on its way:
 * its contacts are read by id at the same time, so the card costs one round trip after the person.
 */
async function companyPart(
  contactId: ContactId,
  companyRecord: Promise<CrmCompany>,
  sources: CardSources,
  language: ExplanationLocale | null,
): Promise<Omit<Card, "person">> {
  // The list items behind potential and account type; the client caches them, so this is rarely a call.
  const listItems = (key: string): Promise<CrmListItem[] | null> =>
    sources.crm.listCustomFieldItems(key).catch((error: unknown) => {
      sources.warn?.(`cannot read the items of custom field ${key}`, error);
      return null;
    });
  const [company, last, next, tierChange, tierResult, potentialItems, accountTypeItems, associates] = await Promise.all([
    companyRecord,
    sources.crm.lastCompletedAppointment(contactId),
    sources.crm.nextPlannedAppointment(contactId),
    sources.latestTierChange(contactId),
    sources.latestTierResult(contactId),
    listItems(sources.fields.potentialField),
    listItems(sources.fields.accountTypeField),
    (sources.associates?.() ?? Promise.resolve(null)).catch((error: unknown) => {
      sources.warn?.("cannot read the CRM's users for the owner's e-mail", error);
      return null;
    }),
  ]);
  const status = tierOfCategory(company.category?.name, sources.fields);
  return {
    company: { id: company.id, name: company.name, orgNr: company.orgNr, country: company.country },
    tier: {
      status,
      label: company.category?.name ?? null,
      explanation: explanationOf(tierResult, tierChange, status, company.name, language),
      move: recentMove(tierChange, status, sources.now?.() ?? new Date()),
    },
    potential: potentialOf(company.customFields, potentialItems, sources.fields),
    accountType: accountTypeOf(company.customFields, accountTypeItems, sources.fields),
    owner: company.owner
      ? {
          id: company.owner.id,
          name: company.owner.fullName,
          initials: company.owner.initials,
          email: company.owner.email ?? associates?.find((a) => a.id === company.owner?.id)?.email ?? null,
        }
      : null,
    lastContact: activity(last),
    nextContact: activity(next),
  };
}

/**
 * The customer card for a sender: the CRM's person, company and contacts, plus the store's tier
 * explanation (in `language`, else as the classification run wrote it) and recent move.
 */
export async function assembleCard(email: string, sources: CardSources, language: ExplanationLocale | null = null): Promise<CardResponse> {
  const wanted = normalise(email);
  // The company this address had last time, read while the person is looked up (one CRM round trip instead of two).
  const hinted = sources.companyHints?.get(wanted);
  const early = hinted === undefined ? null : companyPart(hinted, sources.crm.getCompany(hinted), sources, language);
  // When the hint turns out wrong, what was read early is dropped, its failure too.
  early?.catch(() => undefined);
  const persons = (await sources.crm.findPersonsByEmail(wanted)).filter(
    (p): p is CrmPerson & { contactId: ContactId } => normalise(p.email) === wanted && p.contactId !== null && p.contactId > 0,
  );
  if (persons.length === 0) {
    sources.companyHints?.forget(wanted);
    return { found: false, email: email.trim() };
  }

  let person: CrmPerson;
  let rest: Omit<Card, "person">;
  if (persons.length === 1) {
    const only = persons[0]!;
    person = only;
    rest = early && hinted === only.contactId ? await early : await companyPart(only.contactId, sources.crm.getCompany(only.contactId), sources, language);
  } else {
    const companyIds = [...new Set(persons.map((p) => p.contactId))];
    const companies = new Map(await Promise.all(companyIds.map(async (id) => [id, await sources.crm.getCompany(id)] as const)));
    const chosen = choosePerson(
      persons.map((person) => ({ person, company: companies.get(person.contactId)! })),
      sources.fields,
    )!;
    person = chosen.person;
    rest = early && hinted === chosen.company.id ? await early : await companyPart(chosen.company.id, Promise.resolve(chosen.company), sources, language);
  }
  sources.companyHints?.set(wanted, rest.company.id as ContactId);
  return { found: true, card: { person: { id: person.id, name: person.fullName, email: person.email, title: person.title }, ...rest } };
}

/** The card of a company on its own (no person), e.g. a customer opened from the rep's week. */
export async function assembleCompanyCard(companyId: ContactId, sources: CardSources, language: ExplanationLocale | null = null): Promise<CompanyCardResponse> {
  return { card: { person: null, ...(await companyPart(companyId, sources.crm.getCompany(companyId), sources, language)) } };
}
