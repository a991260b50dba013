import type { ArchiveColumn, ArchiveProvider, ColumnType, RawValue } from "./odata/archive";
import type { AppointmentRec, AssociateRec, ContactRec, DocumentRec, PersonRec, SaleRec, SelectionMemberRec, SelectionRec } from "./model";
import { localName } from "./request";
import type { Store } from "./store";

/**
 * The archive providers behind the OData GETs, with the column names SuperOffice documents for them
 * (D-AP/person, D-AP/findappointment, D-AP/simplecontact, FindSale) — only the ones the product uses.
 */

const col = <R>(type: ColumnType, raw: (r: R) => RawValue, display?: (r: R) => RawValue): ArchiveColumn<R> =>
  display ? { type, raw, display } : { type, raw };
const dateOrNull = (s: string): string | null => (s ? s.replace(/Z$/, "") : null);

function names(store: Store) {
  const category = (id: number) => localName(store.data.categories.find((c) => c.id === id));
  const business = (id: number) => store.data.businesses.find((c) => c.id === id)?.name ?? "";
  const country = (id: number) => store.data.countries.find((c) => c.id === id)?.name ?? "";
  const associate = (id: number) => store.associates.get(id)?.initials ?? "";
  const task = (id: number) => localName(store.data.tasks.find((t) => t.id === id));
  const udefItem = (progId: string, encoded: string | undefined) => {
    const id = Number(/^\[I:(\d+)\]$/.exec(encoded ?? "")?.[1] ?? 0);
    const def = store.data.listUdefs.find((u) => u.progId === progId);
    return { id, name: def?.items.find((i) => i.id === id)?.name ?? "" };
  };
  return { category, business, country, associate, task, udefItem };
}

function udefColumns<R>(store: Store, prefix: string, udef: (r: R) => Record<string, string>): Record<string, ArchiveColumn<R>> {
  const n = names(store);
  const out: Record<string, ArchiveColumn<R>> = {};
  for (const u of store.data.listUdefs) {
    out[`${prefix}/${u.progId}`] = col<R>("list", (r) => n.udefItem(u.progId, udef(r)[u.progId]).id, (r) => n.udefItem(u.progId, udef(r)[u.progId]).name);
  }
  return out;
}

/** Contact-related columns, reusable under a prefix ("personContact/") for other providers. */
function contactColumns<R>(store: Store, prefix: string, contactOf: (r: R) => ContactRec | undefined): Record<string, ArchiveColumn<R>> {
  const n = names(store);
  const c = (f: (x: ContactRec) => RawValue, fallback: RawValue = "") => (r: R) => { const x = contactOf(r); return x ? f(x) : fallback; };
  return {
    [`${prefix}contactId`]: col("int", c((x) => x.id, 0)),
    [`${prefix}name`]: col("string", c((x) => x.name)),
    [`${prefix}department`]: col("string", c((x) => x.department)),
    [`${prefix}orgnr`]: col("string", c((x) => x.orgNr)),
    [`${prefix}number`]: col("string", c((x) => x.number2)),
    [`${prefix}code`]: col("string", c((x) => x.number1)),
    [`${prefix}category`]: col("list", c((x) => x.categoryId, 0), c((x) => n.category(x.categoryId))),
    [`${prefix}business`]: col("list", c((x) => x.businessId, 0), c((x) => n.business(x.businessId))),
    [`${prefix}country`]: col("list", c((x) => x.countryId, 0), c((x) => n.country(x.countryId))),
    [`${prefix}associateId`]: col("associate", c((x) => x.associateId, 0), c((x) => n.associate(x.associateId))),
    [`${prefix}email/emailAddress`]: col("string", c((x) => x.emails[0] ?? "")),
    [`${prefix}url/URLAddress`]: col("string", c((x) => x.urls[0] ?? "")),
    [`${prefix}registered`]: col("date", c((x) => dateOrNull(x.createdDate), null)),
    [`${prefix}updated`]: col("date", c((x) => dateOrNull(x.updatedDate), null)),
    ...udefColumns<R>(store, `${prefix}contactUdef`, (r) => contactOf(r)?.udef ?? {}),
  };
}

export function personArchive(store: Store): ArchiveProvider<PersonRec> {
  const contactOf = (p: PersonRec) => store.contacts.get(p.contactId);
  return {
    name: "Person",
    entities: ["person", "retiredPerson"],
    defaultEntities: ["person", "retiredPerson"],
    entityOf: (p) => (p.retired ? "retiredPerson" : "person"),
    primaryKey: (p) => p.id,
    rows: () => store.data.persons.flatMap(personMatchesAnyEmail),
    defaultSelect: ["personId", "fullName"],
    columns: {
      personId: col("int", (p) => p.id),
      firstName: col("string", (p) => p.firstName),
      lastName: col("string", (p) => p.lastName),
      fullName: col("string", (p) => `${p.firstName} ${p.lastName}`.trim()),
      title: col("string", (p) => p.title),
      contactId: col("int", (p) => p.contactId),
      retired: col("bool", (p) => p.retired),
      personUpdatedDate: col("date", (p) => dateOrNull(p.updatedDate)),
      personRegisteredDate: col("date", (p) => dateOrNull(p.createdDate)),
      "email/emailAddress": col("string", (p) => p.emails[0] ?? ""),
      "email/emailId": col("int", (p) => (p.emails.length > 0 ? p.id * 10 + 1 : 0)),
      ...contactColumns<PersonRec>(store, "personContact/", contactOf),
    },
  };
}

/** Every e-mail address of a person is searchable: the Person archive joins all email rows. */
export function personMatchesAnyEmail(p: PersonRec): PersonRec[] {
  return p.emails.length <= 1 ? [p] : p.emails.map((e) => ({ ...p, emails: [e, ...p.emails.filter((x) => x !== e)] }));
}

export function contactArchive(store: Store): ArchiveProvider<ContactRec> {
  // Latest completed / not-completed appointment date per company, built once per query on first use.
  let latest: Map<number, { done: string | null; open: string | null }> | null = null;
  const lastActivity = (c: ContactRec, completed: boolean) => {
    if (!latest) {
      latest = new Map();
      for (const a of store.data.appointments) {
        const entry = latest.get(a.contactId) ?? { done: null, open: null };
        const key = a.completed === "Completed" ? "done" : "open";
        if (entry[key] === null || a.startDate > (entry[key] as string)) entry[key] = a.startDate;
        latest.set(a.contactId, entry);
      }
    }
    const entry = latest.get(c.id);
    return (completed ? entry?.done : entry?.open) ?? null;
  };
  return {
    name: "Contact",
    entities: ["contact"],
    defaultEntities: ["contact"],
    entityOf: () => "contact",
    primaryKey: (c) => c.id,
    rows: () => store.data.contacts,
    defaultSelect: ["contactId", "name"],
    columns: {
      ...contactColumns<ContactRec>(store, "", (c) => c),
      LastCompletedActivity: col("date", (c) => lastActivity(c, true)),
      LastDoByActivity: col("date", (c) => lastActivity(c, false)),
    },
  };
}

export function appointmentArchive(store: Store): ArchiveProvider<AppointmentRec> {
  const n = names(store);
  return {
    name: "FindAppointment",
    entities: ["appointment"],
    defaultEntities: ["appointment"],
    entityOf: () => "appointment",
    primaryKey: (a) => a.id,
    rows: () => store.data.appointments,
    defaultSelect: ["appointmentId", "date", "text"],
    columns: {
      appointmentId: col("int", (a) => a.id),
      date: col("date", (a) => a.startDate),
      endDate: col("date", (a) => a.endDate),
      completed: col("bool", (a) => a.completed === "Completed"),
      completedDate: col("date", (a) => dateOrNull(a.completedDate)),
      type: col("list", (a) => a.taskId, (a) => n.task(a.taskId)),
      recordType: col("string", (a) => a.type),
      text: col("string", (a) => a.description),
      associateId: col("associate", (a) => a.associateId, (a) => n.associate(a.associateId)),
      contactId: col("int", (a) => a.contactId),
      personId: col("int", (a) => a.personId),
      "contact/contactId": col("int", (a) => a.contactId),
      "contact/name": col("string", (a) => store.contacts.get(a.contactId)?.name ?? ""),
      // The company's owner ("Our contact"): lets a rep's customers' activities be listed in one query.
      "contact/associateId": col("associate", (a) => store.contacts.get(a.contactId)?.associateId ?? 0, (a) => n.associate(store.contacts.get(a.contactId)?.associateId ?? 0)),
      "person/personId": col("int", (a) => a.personId),
      "person/fullName": col("string", (a) => { const p = store.persons.get(a.personId); return p ? `${p.firstName} ${p.lastName}` : ""; }),
      "appointment/description": col("string", (a) => a.description),
      "appointment/title": col("string", (a) => a.title),
      registeredDate: col("date", (a) => dateOrNull(a.createdDate)),
      updatedDate: col("date", (a) => dateOrNull(a.updatedDate)),
      isMilestone: col("bool", () => false),
    },
  };
}

const SALE_STATUSES = ["Unknown", "Open", "Sold", "Lost", "Stalled"] as const;

export function saleArchive(store: Store): ArchiveProvider<SaleRec> {
  const n = names(store);
  return {
    name: "FindSale",
    entities: ["sale"],
    defaultEntities: ["sale"],
    entityOf: () => "sale",
    primaryKey: (s) => s.id,
    rows: () => store.data.sales,
    defaultSelect: ["saleId", "heading"],
    columns: {
      saleId: col("int", (s) => s.id),
      heading: col("string", (s) => s.heading),
      amount: col("decimal", (s) => s.amount),
      currency: col("string", (s) => s.currency),
      saledate: col("date", (s) => s.saledate),
      date: col("date", (s) => s.saledate),
      // SaleStatus: 0 Unknown, 1 Open, 2 Sold, 3 Lost, 4 Stalled.
      status: col("list", (s) => SALE_STATUSES.indexOf(s.status), (s) => s.status),
      saleStatus: col("list", (s) => SALE_STATUSES.indexOf(s.status), (s) => s.status),
      probPercent: col("int", (s) => s.probability),
      number: col("string", (s) => s.number),
      contactId: col("int", (s) => s.contactId),
      personId: col("int", (s) => s.personId),
      associateId: col("associate", (s) => s.associateId, (s) => n.associate(s.associateId)),
      "contact/contactId": col("int", (s) => s.contactId),
      "contact/name": col("string", (s) => store.contacts.get(s.contactId)?.name ?? ""),
      "contact/orgnr": col("string", (s) => store.contacts.get(s.contactId)?.orgNr ?? ""),
      "contact/number": col("string", (s) => store.contacts.get(s.contactId)?.number2 ?? ""),
      registeredDate: col("date", (s) => dateOrNull(s.createdDate)),
      updatedDate: col("date", (s) => dateOrNull(s.updatedDate)),
    },
  };
}

export function selectionArchive(store: Store): ArchiveProvider<SelectionRec> {
  const n = names(store);
  return {
    name: "Selection",
    entities: ["selection"],
    defaultEntities: ["selection"],
    entityOf: () => "selection",
    primaryKey: (s) => s.id,
    rows: () => store.data.selections,
    defaultSelect: ["selectionId", "name"],
    columns: {
      selectionId: col("int", (s) => s.id),
      name: col("string", (s) => s.name),
      description: col("string", (s) => s.description),
      associateId: col("associate", (s) => s.associateId, (s) => n.associate(s.associateId)),
      kind: col("string", (s) => s.selectionType),
      selectionCategory: col("list", (s) => s.categoryId, (s) => store.data.selectionCategories.find((c) => c.id === s.categoryId)?.name ?? ""),
      memberCount: col("int", (s) => s.members.length),
      registeredDate: col("date", (s) => dateOrNull(s.createdDate)),
      updatedDate: col("date", (s) => dateOrNull(s.updatedDate)),
    },
  };
}

interface MemberRow { member: SelectionMemberRec; contact: ContactRec | undefined; person: PersonRec | undefined; index: number }

/** Members of a static contact selection (provider ContactPersonStaticSelectionV2). */
export function selectionMemberArchive(store: Store, selection: SelectionRec): ArchiveProvider<MemberRow> {
  const rows = (): MemberRow[] => selection.members.map((member, index) => {
    const person = member.personId ? store.persons.get(member.personId) : undefined;
    const contact = store.contacts.get(member.contactId || person?.contactId || 0);
    return { member, contact, person, index };
  });
  return {
    name: "ContactPersonStaticSelectionV2",
    entities: ["contact", "person"],
    defaultEntities: ["contact", "person"],
    entityOf: (r) => (r.member.personId ? "person" : "contact"),
    primaryKey: (r) => r.member.personId || r.member.contactId,
    rows,
    defaultSelect: ["contactId", "name"],
    columns: {
      ...contactColumns<MemberRow>(store, "", (r) => r.contact),
      personId: col("int", (r) => r.person?.id ?? 0),
      firstName: col("string", (r) => r.person?.firstName ?? ""),
      lastName: col("string", (r) => r.person?.lastName ?? ""),
      fullName: col("string", (r) => (r.person ? `${r.person.firstName} ${r.person.lastName}` : "")),
      "personEmail/emailAddress": col("string", (r) => r.person?.emails[0] ?? ""),
      selectionId: col("int", () => selection.id),
    },
  };
}

/** The AllUsers archive behind GET /api/v1/User: the tenant's users with their person and e-mail. */
export function userArchive(store: Store): ArchiveProvider<AssociateRec> {
  return {
    name: "AllUsers",
    entities: ["associate"],
    defaultEntities: ["associate"],
    entityOf: () => "associate",
    primaryKey: (a) => a.id,
    rows: () => store.data.associates,
    defaultSelect: ["associateDbId", "fullName"],
    columns: {
      associateDbId: col("int", (a) => a.id),
      assocName: col("string", (a) => a.initials),
      name: col("string", (a) => a.initials),
      fullName: col("string", (a) => `${a.firstName} ${a.lastName}`),
      firstName: col("string", (a) => a.firstName),
      lastName: col("string", (a) => a.lastName),
      personId: col("int", (a) => a.personId),
      personEmail: col("string", (a) => a.email ?? ""),
      userType: col("string", (a) => (a.type === "Employee" ? "InternalAssociate" : "SystemAssociate")),
      isActive: col("bool", () => true),
      contactId: col("int", (a) => store.persons.get(a.personId)?.contactId ?? 0),
    },
  };
}

/** The Document archive behind GET /api/v1/Document. */
export function documentArchive(store: Store): ArchiveProvider<DocumentRec> {
  const n = names(store);
  return {
    name: "Document",
    entities: ["document"],
    defaultEntities: ["document"],
    entityOf: () => "document",
    primaryKey: (d) => d.id,
    rows: () => store.data.documents,
    defaultSelect: ["documentId", "subject"],
    columns: {
      documentId: col("int", (d) => d.id),
      subject: col("string", (d) => d.header),
      name: col("string", (d) => d.name),
      date: col("date", (d) => d.date),
      contactId: col("int", (d) => d.contactId),
      personId: col("int", (d) => d.personId),
      associateId: col("associate", (d) => d.associateId, (d) => n.associate(d.associateId)),
      documentTemplate: col("list", (d) => d.templateId, (d) => store.data.docTemplates.find((t) => t.id === d.templateId)?.name ?? ""),
      registeredDate: col("date", (d) => dateOrNull(d.createdDate)),
      updatedDate: col("date", (d) => dateOrNull(d.updatedDate)),
    },
  };
}
