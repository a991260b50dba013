import type { ContactRec, PersonRec, TenantData } from "../model";

export interface DemoPerson { email: string; name: string; company: string; contactId: number; personId: number }
export interface DemoRep { associateId: number; personId: number; initials: string; fullName: string; email: string }

/** What `npm start` and tests need to know about the seeded tenant. */
export interface DemoTenantInfo {
  tenant: string;
  ownerCompany: string;
  reps: DemoRep[];
  highlights: {
    tierA: DemoPerson;
    tierC: DemoPerson;
    /** A former customer ("Tidigare kund"). */
    former: DemoPerson;
    /** A company without a tier category (a prospect). */
    noTier: DemoPerson;
    /** Sean O'Brien: an apostrophe in the address. */
    apostrophe: DemoPerson;
    /** Åsa Öberg: non-ASCII letters in the address. */
    nonAscii: DemoPerson;
    /** An address no person in the tenant has. */
    unknownSender: string;
  };
}

export const APOSTROPHE_EMAIL = "o'brien@example.com";
export const NON_ASCII_EMAIL = "åsa.öberg@exempel.se";
export const UNKNOWN_SENDER = "okand.avsandare@example.org";

/** Reads the demo highlights from tenant data (fresh or reloaded from a data folder). */
export function describeTenant(data: TenantData): DemoTenantInfo {
  const contactById = new Map(data.contacts.map((c) => [c.id, c]));
  const active = data.persons.filter((p) => !p.retired && p.associateId === 0 && p.emails.length > 0);
  const asDemo = (p: PersonRec): DemoPerson => {
    const c = contactById.get(p.contactId) as ContactRec;
    return { email: p.emails[0] as string, name: `${p.firstName} ${p.lastName}`, company: c.name, contactId: c.id, personId: p.id };
  };
  const categoryId = (name: string) => data.categories.find((c) => c.name === name)?.id ?? -1;
  const firstIn = (category: string): DemoPerson => {
    const id = categoryId(category);
    const inCat = active.filter((p) => contactById.get(p.contactId)?.categoryId === id);
    const swedish = inCat.find((p) => contactById.get(p.contactId)?.countryId === 752);
    const chosen = swedish ?? inCat[0];
    if (!chosen) throw new Error(`The demo tenant has no person at a company in category "${category}"`);
    return asDemo(chosen);
  };
  const byEmail = (email: string): DemoPerson => {
    const p = active.find((x) => x.emails.includes(email));
    if (!p) throw new Error(`The demo tenant has no person with ${email}`);
    return asDemo(p);
  };
  const owner = contactById.get(data.ownerContactId) as ContactRec;
  return {
    tenant: data.tenant,
    ownerCompany: owner.name,
    reps: data.associates
      .filter((a) => a.type === "Employee" && a.email)
      .map((a) => ({ associateId: a.id, personId: a.personId, initials: a.initials, fullName: `${a.firstName} ${a.lastName}`, email: a.email as string })),
    highlights: {
      tierA: firstIn("A"),
      tierC: firstIn("C"),
      former: firstIn("Tidigare kund"),
      noTier: firstIn("Prospekt"),
      apostrophe: byEmail(APOSTROPHE_EMAIL),
      nonAscii: byEmail(NON_ASCII_EMAIL),
      unknownSender: UNKNOWN_SENDER,
    },
  };
}
