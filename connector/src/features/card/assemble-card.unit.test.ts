import type { ContactId, PersonId } from "../../../../shared/domain/vocabulary";
import type { CrmCompany } from "../../crm/port";
import { ANNA, defaultFields, seededCrm } from "../../testing/fixtures";
import type { TierChange } from "../../store/tier-history";
import { assembleCard, type CardSources } from "./assemble-card";
import { accountTypeOf, listFieldName, potentialOf, tierOfCategory } from "./field-mapping";

const fields = defaultFields();

function sources(crm = seededCrm(), changes: TierChange[] = []): CardSources & { crm: ReturnType<typeof seededCrm> } {
  return { crm, fields, latestTierChange: async (id) => changes.filter((c) => c.contactId === id).at(-1) ?? null };
}

describe("tier mapping", () => {
  test("category names map to tiers by position, former by name, case and spaces ignored", () => {
    expect(["A", "b", " C ", "D"].map((n) => tierOfCategory(n, fields))).toEqual(["A", "B", "C", "D"]);
    expect(tierOfCategory("Tidigare kund", fields)).toBe("former");
    expect(tierOfCategory("tidligere kunde", fields)).toBe("former");
    expect(tierOfCategory("Former customer", fields)).toBe("former");
    expect(tierOfCategory("Prospect", fields)).toBeNull();
    expect(tierOfCategory(null, fields)).toBeNull();
  });

  test("configured names replace the defaults", () => {
    const custom = { ...fields, tierCategories: ["guld", "silver", "brons", "övrig"] };
    expect(tierOfCategory("Silver", custom)).toBe("B");
    expect(tierOfCategory("A", custom)).toBeNull();
  });
});

describe("custom fields", () => {
  const item = (id: number, name: string) => ({ id, name, deleted: false, rank: id });
  const potentials = [item(23, "A"), item(24, "B"), item(25, "C"), item(26, "D")];
  const accountTypes = [item(27, "Utvid"), item(28, "Behold"), item(29, "Utöka"), item(30, "Keep")];

  test("a list field's item id is named through the field's items; plain text is the name itself", () => {
    expect(listFieldName("[I:24]", potentials)).toBe("B");
    expect(listFieldName("25", potentials)).toBe("C");
    expect(listFieldName("C", null)).toBe("C");
    expect(listFieldName("[I:0]", potentials)).toBeNull();
    expect(listFieldName("[I:99]", potentials)).toBeNull();
    expect(listFieldName("[I:24]", null)).toBeNull();
    expect(listFieldName("[I:x]", potentials)).toBeNull();
    expect(listFieldName(undefined, potentials)).toBeNull();
  });

  test("potential and account type in Norwegian, Swedish and English names", () => {
    expect(potentialOf({ "SuperOffice:1": "[I:23]" }, potentials, fields)).toBe("A");
    expect(potentialOf({ "SuperOffice:1": "High" }, potentials, fields)).toBeNull();
    expect(accountTypeOf({ "SuperOffice:2": "[I:28]" }, accountTypes, fields)).toBe("keep");
    expect(accountTypeOf({ "SuperOffice:2": "[I:29]" }, accountTypes, fields)).toBe("expand");
    expect(accountTypeOf({ "SuperOffice:2": "[I:30]" }, accountTypes, fields)).toBe("keep");
    expect(accountTypeOf({}, accountTypes, fields)).toBeNull();
  });
});

describe("assembleCard", () => {
  test("a known sender gets company, tier, potential, account type, owner and last/next contact", async () => {
    const s = sources();
    const result = await assembleCard("Erik.Berg@Nordhydraulik.se ", s);
    expect(result).toEqual({
      found: true,
      card: {
        person: { id: 201, name: "Erik Berg", email: "erik.berg@nordhydraulik.se", title: "Inköpschef" },
        company: { id: 101, name: "Nordhydraulik AB", orgNr: "556677-8899", country: "SE" },
        tier: { status: "A", label: "A", explanation: null },
        potential: "B",
        accountType: "expand",
        owner: { id: 7, name: "Anna Lindqvist", initials: "AL", email: "anna.lindqvist@example.se" },
        lastContact: { id: 302, date: "2026-10-14T09:00:00", type: "Phone call", text: "Quote follow-up", completed: true },
        nextContact: { id: 303, date: "2026-12-03T13:00:00", type: "Meeting", text: "Annual review", completed: false },
      },
    });
    expect(s.crm.calls.sort()).toEqual(["findPersonsByEmail", "getCompany", "lastCompletedAppointment", "listCustomFieldItems", "listCustomFieldItems", "nextPlannedAppointment"]);
  });

  test("a custom field missing in the CRM leaves that value unknown, not the card", async () => {
    const crm = seededCrm();
    delete crm.customFieldItems["SuperOffice:2"];
    const warnings: string[] = [];
    const result = await assembleCard("erik.berg@nordhydraulik.se", { ...sources(crm), warn: (m) => warnings.push(m) });
    expect(result.found && [result.card.potential, result.card.accountType]).toEqual(["B", null]);
    expect(warnings).toEqual(["cannot read the items of custom field SuperOffice:2"]);
  });

  test("an owner without an e-mail on the company gets it from the CRM's users", async () => {
    const crm = seededCrm();
    crm.companies[0] = { ...crm.companies[0]!, owner: { ...ANNA, email: null } };
    const withDirectory = await assembleCard("erik.berg@nordhydraulik.se", { ...sources(crm), associates: () => crm.listAssociates() });
    expect(withDirectory.found && withDirectory.card.owner?.email).toBe("anna.lindqvist@example.se");
    const failing = await assembleCard("erik.berg@nordhydraulik.se", {
      ...sources(crm),
      associates: () => Promise.reject(new Error("users archive down")),
    });
    expect(failing.found && failing.card.owner).toMatchObject({ initials: "AL", email: null });
  });

  test("an unknown sender is not found, with one CRM call", async () => {
    const s = sources();
    expect(await assembleCard("nobody@example.com", s)).toEqual({ found: false, email: "nobody@example.com" });
    expect(s.crm.calls).toEqual(["findPersonsByEmail"]);
  });

  test("only an exact address match counts, and a person without a company makes no card", async () => {
    const crm = seededCrm();
    const real = crm.findPersonsByEmail.bind(crm);
    // A CRM search that returns near matches too (e.g. a begins-with operator) must not leak into the card.
    crm.findPersonsByEmail = async (email) => [
      ...(await real(email)),
      { id: 999 as PersonId, contactId: 101 as ContactId, fullName: "Erik Bergström", email: "erik.bergstrom@nordhydraulik.se", title: null },
    ];
    crm.persons.push({ id: 202 as PersonId, contactId: null, fullName: "Loose Person", email: "loose@example.com", title: null });
    const card = await assembleCard("erik.berg@nordhydraulik.se", sources(crm));
    expect(card.found && card.card.person.id).toBe(201);
    expect(await assembleCard("loose@example.com", sources(crm))).toEqual({ found: false, email: "loose@example.com" });
  });

  test("of several persons with the address, the one whose company has a tier wins, then the newest", async () => {
    const crm = seededCrm();
    const untiered: CrmCompany = { ...crm.companies[0]!, id: 102 as ContactId, name: "Prospekt AS", category: { id: 9, name: "Prospect", deleted: false, rank: 9 } };
    const tieredToo: CrmCompany = { ...crm.companies[0]!, id: 103 as ContactId, name: "Bergen Pumper AS", category: { id: 2, name: "B", deleted: false, rank: 2 } };
    crm.companies.push(untiered, tieredToo);
    crm.persons = [
      { id: 500 as PersonId, contactId: untiered.id, fullName: "Kari Nordmann", email: "kari@example.no", title: null },
      { id: 400 as PersonId, contactId: crm.companies[0]!.id, fullName: "Kari Nordmann", email: "kari@example.no", title: null },
      { id: 450 as PersonId, contactId: tieredToo.id, fullName: "Kari Nordmann", email: "KARI@example.no", title: null },
    ];
    const result = await assembleCard("kari@example.no", sources(crm));
    expect(result.found && [result.card.person.id, result.card.company.name, result.card.tier.status]).toEqual([450, "Bergen Pumper AS", "B"]);
  });

  test("the tier explanation comes from the store when it explains the current tier", async () => {
    const change = (to: TierChange["to"]): TierChange => ({ contactId: 101, from: "B", to, explanation: "12-month revenue 1.24 MSEK, top 6 %", changedAt: new Date("2026-11-02T05:00:00Z") });
    const current = await assembleCard("erik.berg@nordhydraulik.se", sources(seededCrm(), [change("A")]));
    expect(current.found && current.card.tier.explanation).toBe("12-month revenue 1.24 MSEK, top 6 %");
    const stale = await assembleCard("erik.berg@nordhydraulik.se", sources(seededCrm(), [change("C")]));
    expect(stale.found && stale.card.tier.explanation).toBeNull();
  });
});
