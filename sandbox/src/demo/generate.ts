import type { Country } from "../../../shared/domain/vocabulary";
import type {
  AppointmentRec, AssociateRec, ContactRec, CountryRec, DocTemplateRec, ListItemRec, ListUdefRec, PersonRec,
  SaleRec, TaskRec, TenantData,
} from "../model";
import { asciiSlug, FIRST_NAMES, LAST_NAMES, LEGAL_FORM, PLACES, TITLES, TLD, TRADES } from "./names";
import { type CustomerBuying, isoDay, type OrderLine, ordersForCustomer, SEK_PER_UNIT } from "./orders";
import { APOSTROPHE_EMAIL, describeTenant, type DemoTenantInfo, NON_ASCII_EMAIL } from "./describe";
import { randomOrgNr } from "./orgnr";
import { createRng, type Rng } from "./prng";

export interface DemoOptions {
  tenant: string;
  seed: number;
  customers: number;
  /** Reference date: history lies before it, planned appointments after it. */
  now: Date;
}

export interface DemoTenant {
  data: TenantData;
  orders: OrderLine[];
  info: DemoTenantInfo;
}

const DAY_MS = 86_400_000;
export const OWNER_COMPANY = "Nordvik Industri AB";
export const OWNER_DOMAIN = "nordvik-industri.se";

/** Category ids are deliberately not in A–D order: clients must look them up by name. */
export const CATEGORY = { supplier: 1, prospect: 2, A: 3, B: 4, C: 5, D: 6, former: 7, partner: 8 } as const;
export const POTENTIAL_UDEF = "SuperOffice:1";
export const ACCOUNT_TYPE_UDEF = "SuperOffice:2";

const REPS: ReadonlyArray<Omit<AssociateRec, "id" | "personId" | "rank" | "type">> = [
  { initials: "AL", firstName: "Anna", lastName: "Lindqvist", email: `anna.lindqvist@${OWNER_DOMAIN}` },
  { initials: "EJ", firstName: "Erik", lastName: "Johansson", email: `erik.johansson@${OWNER_DOMAIN}` },
  { initials: "SB", firstName: "Sofie", lastName: "Bergman", email: `sofie.bergman@${OWNER_DOMAIN}` },
  { initials: "IH", firstName: "Ingrid", lastName: "Haugen", email: `ingrid.haugen@${OWNER_DOMAIN}` },
  { initials: "MN", firstName: "Mikael", lastName: "Nieminen", email: `mikael.nieminen@${OWNER_DOMAIN}` },
];
/** Which reps (index into REPS) own customers in which country. */
const REPS_BY_COUNTRY: Record<Country, readonly number[]> = { SE: [0, 1, 2], NO: [3], DK: [4], FI: [4] };

function lists(): Pick<TenantData, "categories" | "businesses" | "tasks" | "priorities" | "selectionCategories" |
  "docTemplates" | "countries" | "currencies" | "listUdefs"> {
  const item = (id: number, name: string, rank: number, tooltip = "", names?: ListItemRec["names"]): ListItemRec =>
    ({ id, name, tooltip, rank, deleted: false, ...(names ? { names } : {}) });
  const task = (id: number, name: string, type: TaskRec["type"], direction: TaskRec["direction"], rank: number, en: string, no: string): TaskRec =>
    ({ ...item(id, name, rank, "", { sv: name, en, no }), type, direction });
  const tmpl = (id: number, name: string, recordType: DocTemplateRec["recordType"], direction: DocTemplateRec["direction"],
    mimeType: string, filename: string, rank: number): DocTemplateRec =>
    ({ ...item(id, name, rank), recordType, direction, mimeType, filename });
  const country = (id: number, name: string, englishName: string, iso2: string, iso3: string, currencyId: number,
    orgNrText: string, dialInPrefix: string, rank: number): CountryRec =>
    ({ id, name, englishName, iso2, iso3, currencyId, orgNrText, dialInPrefix, domainName: iso2.toLowerCase(), rank });
  return {
    categories: [
      item(CATEGORY.supplier, "Leverantör", 6, "", { sv: "Leverantör", en: "Supplier", no: "Leverandør" }),
      item(CATEGORY.prospect, "Prospekt", 7, "", { sv: "Prospekt", en: "Prospect", no: "Prospekt" }),
      item(CATEGORY.A, "A", 1, "Lojalitetsnivå A"), item(CATEGORY.B, "B", 2, "Lojalitetsnivå B"),
      item(CATEGORY.C, "C", 3, "Lojalitetsnivå C"), item(CATEGORY.D, "D", 4, "Lojalitetsnivå D"),
      item(CATEGORY.former, "Tidigare kund", 5, "Har köpt tidigare, inte under perioden", { sv: "Tidigare kund", en: "Former customer", no: "Tidligere kunde" }),
      item(CATEGORY.partner, "Partner", 8),
    ],
    businesses: [
      item(1, "Verkstadsindustri", 1), item(2, "Bygg & anläggning", 2), item(3, "Energi", 3), item(4, "Livsmedel", 4),
      item(5, "Skog & papper", 5), item(6, "Transport & logistik", 6), item(7, "Olja & gas", 7),
    ],
    tasks: [
      task(1, "Möte", "Appointment", "Unknown", 1, "Meeting", "Møte"), task(2, "Telefon", "Phone", "Outgoing", 2, "Phone call", "Telefon"),
      task(3, "E-post", "Email", "Outgoing", 3, "E-mail", "E-post"), task(4, "Besök", "Appointment", "Unknown", 4, "Visit", "Besøk"),
      task(5, "Uppföljning", "ToDo", "Unknown", 5, "Follow-up", "Oppfølging"), task(6, "Offert", "Document", "Outgoing", 6, "Quote", "Tilbud"),
      task(7, "Videomöte", "Appointment", "Unknown", 7, "Video meeting", "Videomøte"),
    ],
    priorities: [item(1, "Normal", 1), item(2, "Hög", 2), item(3, "Låg", 3)],
    selectionCategories: [item(1, "Uppföljning", 1), item(2, "Kampanj", 2), item(3, "Analys", 3)],
    docTemplates: [
      tmpl(1, "Brev", "Document", "Outgoing", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "brev.docx", 1),
      tmpl(2, "Offert", "Document", "Outgoing", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "offert.docx", 2),
      tmpl(3, "E-post inkommande", "Email", "Incoming", "message/rfc822", "", 3),
      tmpl(4, "E-post utgående", "Email", "Outgoing", "message/rfc822", "", 4),
      tmpl(5, "Mötesanteckning", "Document", "Unknown", "text/plain", "anteckning.txt", 5),
    ],
    countries: [
      country(752, "Sverige", "Sweden", "SE", "SWE", 1, "Org.nr", "+46", 1),
      country(578, "Norge", "Norway", "NO", "NOR", 2, "Org.nr", "+47", 2),
      country(208, "Danmark", "Denmark", "DK", "DNK", 3, "CVR", "+45", 3),
      country(246, "Finland", "Finland", "FI", "FIN", 3, "Y-tunnus", "+358", 4),
    ],
    currencies: [item(1, "SEK", 1), item(2, "NOK", 2), item(3, "EUR", 3)],
    listUdefs: [
      {
        progId: POTENTIAL_UDEF, udefIdentity: 1, columnId: 1001, label: "Potential", tooltip: "Säljarens bedömning av potential A–D",
        listDefinitionId: 101,
        items: [item(23, "A", 1), item(24, "B", 2), item(25, "C", 3), item(26, "D", 4)],
      },
      {
        progId: ACCOUNT_TYPE_UDEF, udefIdentity: 2, columnId: 1002, label: "Kundtyp", tooltip: "Utvid eller Behold",
        listDefinitionId: 102,
        items: [item(27, "Utvid", 1, "Konkret möjlighet till mer affärer"), item(28, "Behold", 2, "Behåll nuvarande affär")],
      },
    ],
  };
}

export const COUNTRY_ID: Record<Country, number> = { SE: 752, NO: 578, DK: 208, FI: 246 };

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
/** Tenant-local "YYYY-MM-DDTHH:mm:ss" (the sandbox treats UTC fields as the tenant's clock). */
export function localIso(d: Date): string {
  return `${isoDay(d)}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}
export function utcIso(d: Date): string {
  return `${localIso(d)}Z`;
}
function startOfDay(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}
/** Moves a day to Monday–Friday and sets a business hour. */
function workdayAt(day: Date, rng: Rng): Date {
  const d = startOfDay(day);
  const dow = d.getUTCDay();
  if (dow === 6) d.setUTCDate(d.getUTCDate() + 2);
  if (dow === 0) d.setUTCDate(d.getUTCDate() + 1);
  d.setUTCHours(rng.int(8, 15), rng.pick([0, 0, 15, 30, 45]));
  return d;
}

function weightedCountry(rng: Rng): Country {
  const r = rng.next();
  if (r < 0.55) return "SE";
  if (r < 0.85) return "NO";
  if (r < 0.93) return "DK";
  return "FI";
}

type Standing = "active" | "lapsed" | "prospect";
interface Customer {
  contact: ContactRec;
  country: Country;
  standing: Standing;
  buying: CustomerBuying;
  revenue12Sek: number;
  tier: keyof typeof CATEGORY;
}

/** Generates the whole demo tenant deterministically from seed, size and reference date. */
export function generateDemoTenant(opts: DemoOptions): DemoTenant {
  const root = createRng(opts.seed);
  const now = opts.now;
  const today = startOfDay(now);
  const created = utcIso(new Date(today.getTime() - 4 * 365 * DAY_MS));
  const base = lists();

  const associates: AssociateRec[] = [];
  const persons: PersonRec[] = [];
  const contacts: ContactRec[] = [];
  const appointments: AppointmentRec[] = [];
  const sales: SaleRec[] = [];
  let personId = 1;
  let appointmentId = 1;

  const owner: ContactRec = {
    id: 1, name: OWNER_COMPANY, department: "", orgNr: "556677-8899", number1: "", number2: "1", countryId: 752,
    categoryId: CATEGORY.partner, businessId: 1, associateId: 1, emails: [`info@${OWNER_DOMAIN}`], phones: ["+46 31 700 00 00"],
    urls: [`https://www.${OWNER_DOMAIN}`], domains: [OWNER_DOMAIN], udef: {}, city: "Göteborg", createdDate: created,
    updatedDate: created, deleted: 0, isOwner: true,
  };
  contacts.push(owner);
  const systemUser: AssociateRec = {
    id: 1, personId: personId++, initials: "SYS", firstName: "Kundrytm", lastName: "Integration", email: null,
    type: "SystemAssociate", rank: 99,
  };
  associates.push(systemUser);
  REPS.forEach((rep, i) => associates.push({ ...rep, id: i + 2, personId: personId++, type: "Employee", rank: i + 1 }));
  for (const a of associates) {
    persons.push({
      id: a.personId, contactId: owner.id, firstName: a.firstName, lastName: a.lastName,
      title: a.type === "Employee" ? "Säljare" : "Systemanvändare", emails: a.email ? [a.email] : [], phones: [],
      associateId: a.id, retired: false, createdDate: created, updatedDate: created,
    });
  }
  const reps = associates.filter((a) => a.type === "Employee");

  // Companies and their buying behaviour.
  const names = new Set<string>();
  const domains = new Set<string>([OWNER_DOMAIN]);
  const orgNrs = new Set<string>([owner.orgNr]);
  const customers: Customer[] = [];
  const companyRng = root.fork("companies");
  for (let i = 0; i < opts.customers; i++) {
    const rng = companyRng;
    const country = weightedCountry(rng);
    let name = "";
    let core = "";
    for (let attempt = 0; ; attempt++) {
      const place = rng.pick(PLACES[country]);
      const trade = rng.pick(TRADES[country]);
      core = attempt < 8 ? `${place} ${trade}` : `${place} ${trade} ${attempt - 6}`;
      name = `${core} ${rng.pick(LEGAL_FORM[country])}`;
      if (!names.has(core)) break;
    }
    names.add(core);
    let domain = `${asciiSlug(core)}.${TLD[country]}`;
    for (let n = 2; domains.has(domain); n++) domain = `${asciiSlug(core)}${n}.${TLD[country]}`;
    domains.add(domain);
    let orgNr = randomOrgNr(country, rng);
    while (orgNrs.has(orgNr)) orgNr = randomOrgNr(country, rng);
    orgNrs.add(orgNr);
    const repIndex = rng.pick(REPS_BY_COUNTRY[country]);
    const standingRoll = rng.next();
    // The first companies cover every standing, so even a tiny tenant has a former customer and a prospect.
    const forced: Standing | undefined = (["active", "active", "active", "lapsed", "prospect"] as const)[i];
    const standing: Standing = forced ?? (standingRoll < 0.78 ? "active" : standingRoll < 0.9 ? "lapsed" : "prospect");
    // Pareto yearly revenue (alpha 1.3: the top fifth of customers make about two thirds), capped at 5 MSEK.
    const yearlySek = Math.min(5_000_000, 15_000 / Math.pow(1 - rng.next(), 1 / 1.3));
    const threeYears = new Date(today.getTime() - 3 * 365 * DAY_MS);
    let buysFrom: Date | null = null;
    let buysUntil: Date | null = null;
    if (standing === "active") {
      buysFrom = new Date(threeYears.getTime() + (rng.chance(0.7) ? 0 : rng.int(0, 700)) * DAY_MS);
      buysUntil = new Date(today.getTime() - rng.int(1, 60) * DAY_MS);
    } else if (standing === "lapsed") {
      buysFrom = threeYears;
      buysUntil = new Date(today.getTime() - rng.int(400, 900) * DAY_MS);
    }
    const contactId = contacts.length + 1;
    const contact: ContactRec = {
      id: contactId, name, department: "", orgNr, number1: "", number2: String(10000 + i), countryId: COUNTRY_ID[country],
      categoryId: CATEGORY.prospect, businessId: rng.int(1, 7), associateId: (reps[repIndex] as AssociateRec).id,
      emails: [`info@${domain}`], phones: [`${country === "SE" ? "+46" : country === "NO" ? "+47" : country === "DK" ? "+45" : "+358"} ${rng.int(10, 99)} ${rng.int(100, 999)} ${rng.int(10, 99)} ${rng.int(10, 99)}`],
      urls: [`https://www.${domain}`], domains: [domain], udef: {}, city: "", createdDate: created, updatedDate: created,
      deleted: 0, isOwner: false,
    };
    contacts.push(contact);
    customers.push({
      contact, country, standing, revenue12Sek: 0, tier: "prospect",
      buying: { customerNumber: contact.number2, orgNr, country, yearlySek, buysFrom, buysUntil },
    });
  }

  // Order history: each customer draws from its own stream so orders do not shift when others change.
  const orders: OrderLine[] = [];
  let orderNo = 500000;
  const nextOrderNumber = () => String(orderNo++);
  const yearAgo = isoDay(new Date(today.getTime() - 365 * DAY_MS));
  for (const c of customers) {
    const lines = ordersForCustomer(c.buying, root.fork(`orders-${c.contact.number2}`), nextOrderNumber);
    for (const l of lines) {
      orders.push(l);
      if (l.orderDate > yearAgo) c.revenue12Sek += l.amount * SEK_PER_UNIT[l.currency];
    }
  }
  orders.sort((a, b) => a.orderDate.localeCompare(b.orderDate) || a.orderNumber.localeCompare(b.orderNumber) || a.line - b.line);

  // Tiers as a Pareto classification of the last 12 months would set them (A: first 50 % of revenue,
  // B: next 30 %, C: next 15 %, D: the rest); bought before but not in the window: former customer.
  const buyers = customers.filter((c) => c.revenue12Sek > 0).sort((a, b) => b.revenue12Sek - a.revenue12Sek);
  const total = buyers.reduce((sum, c) => sum + c.revenue12Sek, 0);
  let cumulative = 0;
  for (const c of buyers) {
    const shareBefore = cumulative / total;
    cumulative += c.revenue12Sek;
    c.tier = shareBefore < 0.5 ? "A" : shareBefore < 0.8 ? "B" : shareBefore < 0.95 ? "C" : "D";
  }
  for (const c of customers) {
    if (c.revenue12Sek <= 0 && c.standing !== "prospect") c.tier = "former";
  }
  // Some categories are deliberately stale, as in any real CRM, so a classification run has moves.
  const staleRng = root.fork("stale");
  const order = ["A", "B", "C", "D"] as const;
  for (const c of customers) {
    let tier = c.tier;
    if (staleRng.chance(0.08) && tier !== "prospect" && Number(c.contact.number2) >= 10005) {
      if (tier === "former") tier = staleRng.pick(["C", "D"] as const);
      else {
        const idx = order.indexOf(tier as (typeof order)[number]);
        tier = order[Math.max(0, Math.min(3, idx + (staleRng.chance(0.5) ? -1 : 1)))] as (typeof order)[number];
      }
    }
    c.contact.categoryId = CATEGORY[tier];
  }

  // Potential and account type: set by reps for most customers, roughly following the tier.
  const [potential, accountType] = base.listUdefs as [ListUdefRec, ListUdefRec];
  const udefRng = root.fork("udef");
  for (const c of customers) {
    const setIt = c.tier !== "prospect" ? udefRng.chance(0.8) : udefRng.chance(0.3);
    const tierIdx = c.tier === "A" ? 0 : c.tier === "B" ? 1 : c.tier === "C" ? 2 : 3;
    const potIdx = Math.max(0, Math.min(3, tierIdx + udefRng.int(-1, 1)));
    const pot = potential.items[potIdx] as ListItemRec;
    const acc = accountType.items[udefRng.chance(0.45) ? 0 : 1] as ListItemRec;
    c.contact.udef[POTENTIAL_UDEF] = setIt ? `[I:${pot.id}]` : "[I:0]";
    c.contact.udef[ACCOUNT_TYPE_UDEF] = setIt ? `[I:${acc.id}]` : "[I:0]";
  }

  // People at the customers.
  const personRng = root.fork("persons");
  const emails = new Set<string>(persons.flatMap((p) => p.emails));
  const customerPersons = new Map<number, PersonRec[]>();
  for (const c of customers) {
    const count = personRng.int(1, c.tier === "A" ? 4 : 3);
    const list: PersonRec[] = [];
    for (let k = 0; k < count; k++) {
      const firstName = personRng.pick(FIRST_NAMES[c.country]);
      const lastName = personRng.pick(LAST_NAMES[c.country]);
      let email = `${asciiSlug(firstName)}.${asciiSlug(lastName)}@${c.contact.domains[0]}`;
      for (let n = 2; emails.has(email); n++) email = `${asciiSlug(firstName)}.${asciiSlug(lastName)}${n}@${c.contact.domains[0]}`;
      emails.add(email);
      const p: PersonRec = {
        id: personId++, contactId: c.contact.id, firstName, lastName, title: personRng.pick(TITLES), emails: [email],
        phones: [], associateId: 0, retired: false, createdDate: created, updatedDate: created,
      };
      persons.push(p);
      list.push(p);
    }
    customerPersons.set(c.contact.id, list);
  }

  // The addresses the product must get exactly right.
  const seCustomers = customers.filter((c) => c.country === "SE" && c.tier !== "prospect");
  const obrienAt = (seCustomers[1] ?? customers[0]) as Customer;
  const obergAt = (seCustomers[2] ?? customers[0]) as Customer;
  const special = (c: Customer, firstName: string, lastName: string, email: string, title: string): PersonRec => {
    const p: PersonRec = {
      id: personId++, contactId: c.contact.id, firstName, lastName, title, emails: [email], phones: [], associateId: 0,
      retired: false, createdDate: created, updatedDate: created,
    };
    persons.push(p);
    customerPersons.get(c.contact.id)?.push(p);
    return p;
  };
  special(obrienAt, "Sean", "O'Brien", APOSTROPHE_EMAIL, "Technical Sales Manager");
  // Look-alikes that a broken escape or a substring match would wrongly return.
  special(obrienAt, "Olle", "Brien", "obrien@example.com", "Inköpare");
  special(obrienAt, "Brian", "O'Brien", "b.o'brien@example.com", "Konstruktör");
  special(obergAt, "Åsa", "Öberg", NON_ASCII_EMAIL, "Inköpschef");
  // A former employee with a retired person record.
  const retired = special(obergAt, "Gunnar", "Ek", `gunnar.ek@${obergAt.contact.domains[0]}`, "Pensionerad");
  retired.retired = true;

  // Activities: completed history at the tier's rhythm (some overdue), and planned next steps.
  const apptRng = root.fork("appointments");
  const intervalDays: Record<string, number> = { A: 28, B: 56, C: 91, D: 182, former: 365, prospect: 0 };
  const repOf = (c: Customer) => c.contact.associateId;
  for (const c of customers) {
    const people = customerPersons.get(c.contact.id) ?? [];
    const mk = (when: Date, completed: boolean): void => {
      const taskId = apptRng.pick([1, 2, 2, 3, 4, 5, 7]);
      const person = people.length > 0 ? apptRng.pick(people) : null;
      const start = workdayAt(when, apptRng);
      const end = new Date(start.getTime() + (taskId === 2 || taskId === 3 ? 15 : 60) * 60_000);
      const createdAt = new Date(start.getTime() - apptRng.int(1, 20) * DAY_MS);
      appointments.push({
        id: appointmentId++, contactId: c.contact.id, personId: person?.id ?? 0, associateId: repOf(c), taskId, saleId: 0,
        startDate: localIso(start), endDate: localIso(end), completedDate: completed ? localIso(end) : "",
        title: "", description: completed ? apptRng.pick(["Genomgång av behov", "Uppföljning av leverans", "Offert diskuterad",
          "Avstämning inför säsong", "Ny kontaktperson", "Reklamation hanterad"]) : apptRng.pick(["Följ upp offert",
          "Planerat besök", "Ring om ramavtal", "Boka teknikgenomgång"]),
        location: taskId === 4 ? c.contact.name : "", type: taskId === 5 ? "inChecklist" : "inDiary",
        completed: completed ? "Completed" : "NotStarted", priorityId: 1, isAlldayEvent: false,
        createdDate: utcIso(createdAt.getTime() < now.getTime() ? createdAt : now), updatedDate: utcIso(completed ? end : createdAt.getTime() < now.getTime() ? createdAt : now),
      });
    };
    const every = intervalDays[c.tier] ?? 0;
    if (every > 0) {
      // 15 % are overdue: their last contact lies well beyond the interval.
      const overdue = apptRng.chance(0.15);
      let t = today.getTime() - (overdue ? every * (1.5 + apptRng.next()) : apptRng.int(3, every)) * DAY_MS;
      const horizon = today.getTime() - 730 * DAY_MS;
      while (t > horizon) {
        mk(new Date(t), true);
        t -= every * (0.8 + apptRng.next() * 0.4) * DAY_MS;
      }
    } else if (apptRng.chance(0.3)) {
      mk(new Date(today.getTime() - apptRng.int(10, 200) * DAY_MS), true);
    }
    const planChance: Record<string, number> = { A: 0.9, B: 0.7, C: 0.5, D: 0.2, former: 0.1, prospect: 0.3 };
    if (apptRng.chance(planChance[c.tier] ?? 0)) mk(new Date(today.getTime() + apptRng.int(1, 56) * DAY_MS), false);
  }
  // Completed appointments cannot lie in the future, planned ones stay in the future.
  appointments.sort((a, b) => a.id - b.id);

  // Sales: won deals at the larger customers (an order-history source) and a few open ones.
  const saleRng = root.fork("sales");
  let saleId = 1;
  for (const c of buyers.slice(0, Math.max(5, Math.ceil(buyers.length * 0.15)))) {
    const currency = c.country === "SE" ? "SEK" : c.country === "NO" ? "NOK" : "EUR";
    const n = saleRng.int(1, 3);
    for (let k = 0; k < n; k++) {
      const sold = saleRng.chance(0.75);
      const date = new Date(today.getTime() + (sold ? -saleRng.int(5, 360) : saleRng.int(10, 120)) * DAY_MS);
      const people = customerPersons.get(c.contact.id) ?? [];
      sales.push({
        id: saleId, heading: saleRng.pick(["Ramavtal hydraulik", "Servicekontrakt", "Reservdelspaket", "Ombyggnad linje 2",
          "Pneumatikuppgradering", "Transmissionsbyte"]),
        amount: Math.round((c.revenue12Sek / SEK_PER_UNIT[currency]) * (0.05 + saleRng.next() * 0.2)),
        currency, saledate: localIso(workdayAt(date, saleRng)), status: sold ? "Sold" : "Open", probability: sold ? 100 : saleRng.pick([20, 40, 60, 80]),
        contactId: c.contact.id, personId: people[0]?.id ?? 0, associateId: c.contact.associateId, number: `S-${1000 + saleId}`,
        createdDate: utcIso(new Date(Math.min(date.getTime(), now.getTime()) - 30 * DAY_MS)),
        updatedDate: utcIso(new Date(Math.min(date.getTime(), now.getTime()))),
      });
      saleId++;
    }
  }

  const data: TenantData = {
    format: "kundrytm-sandbox-tenant", version: 1, tenant: opts.tenant, seed: opts.seed, generatedFor: now.toISOString(),
    ownerContactId: owner.id, associates, ...base, contacts, persons, appointments, sales, selections: [], documents: [],
    nextIds: {
      contact: contacts.length + 1, person: personId, appointment: appointmentId, sale: saleId, selection: 1, document: 1,
    },
  };

  return { data, orders, info: describeTenant(data) };
}

