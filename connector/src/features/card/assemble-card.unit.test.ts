import type { ContactId, PersonId } from "../../../../shared/domain/vocabulary";
import type { CrmCompany } from "../../crm/port";
import { ANNA, defaultFields, NORDHYDRAULIK_TIER_A, seededCrm } from "../../testing/fixtures";
import type { TierChange } from "../../store/tier-history";
import type { StoredTierResult } from "../../store/tier-results";
import { assembleCard, assembleCompanyCard, RECENT_MOVE_DAYS, type CardSources } from "./assemble-card";
import { accountTypeOf, listFieldName, potentialOf, tierOfCategory } from "./field-mapping";

const fields = defaultFields();

const NOW = new Date("2026-11-23T10:00:00Z");

function sources(crm = seededCrm(), changes: TierChange[] = [], results: StoredTierResult[] = []): CardSources & { crm: ReturnType<typeof seededCrm> } {
  return {
    crm,
    fields,
    latestTierChange: async (id) => changes.filter((c) => c.contactId === id).at(-1) ?? null,
    latestTierResult: async (id) => results.find((r) => r.contactId === id) ?? null,
    now: () => NOW,
  };
}

function result(status: StoredTierResult["status"], previous: StoredTierResult["previous"] = status): StoredTierResult {
  const sentence = previous === status ? "Nordhydraulik AB är på nivå A: omsättning 12 mån 1,24 MSEK, topp 6 %." : "Nordhydraulik AB flyttades B → A: omsättning 12 mån 1,24 MSEK, topp 6 %.";
  return { contactId: 101, status, previous, explanation: sentence, locale: "sv", details: NORDHYDRAULIK_TIER_A, runId: 4, classifiedAt: new Date("2026-11-23T01:00:00Z") };
}

const daysBefore = (days: number) => new Date(NOW.getTime() - days * 24 * 60 * 60 * 1000);
const change = (from: TierChange["from"], to: TierChange["to"], changedAt = daysBefore(21)): TierChange => ({
  contactId: 101,
  from,
  to,
  explanation: "Nordhydraulik AB flyttades B → A: omsättning 12 mån 1,24 MSEK, topp 6 %.",
  changedAt,
});

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
        tier: { status: "A", label: "A", explanation: null, move: null },
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

  test("a tier that did not move is explained by the latest result, in the run's language unless another is asked for", async () => {
    const s = sources(seededCrm(), [], [result("A")]);
    const stored = await assembleCard("erik.berg@nordhydraulik.se", s);
    expect(stored.found && stored.card.tier).toEqual({ status: "A", label: "A", explanation: "Nordhydraulik AB är på nivå A: omsättning 12 mån 1,24 MSEK, topp 6 %.", move: null });
    const english = await assembleCard("erik.berg@nordhydraulik.se", s, "en");
    expect(english.found && english.card.tier.explanation).toBe("Nordhydraulik AB is tier A: 12-month revenue 1.24 MSEK, top 6 %.");
    const norwegian = await assembleCompanyCard(101 as ContactId, s, "nb");
    expect(norwegian.card.tier.explanation).toBe("Nordhydraulik AB er på nivå A: omsetning 12 mnd 1,24 MSEK, topp 6 %.");
  });

  test("a result that moved the company is said as the move, in any language", async () => {
    const s = sources(seededCrm(), [change("B", "A")], [result("A", "B")]);
    const english = await assembleCard("erik.berg@nordhydraulik.se", s, "en");
    expect(english.found && english.card.tier.explanation).toBe("Nordhydraulik AB moved B → A: 12-month revenue 1.24 MSEK, top 6 %.");
  });

  test("no explanation when the CRM's category is no longer the classified tier (changed by hand)", async () => {
    const crm = seededCrm();
    crm.companies[0] = { ...crm.companies[0]!, category: { id: 2, name: "B", deleted: false, rank: 2 } };
    const card = await assembleCard("erik.berg@nordhydraulik.se", sources(crm, [change("B", "A")], [result("A", "B")]), "en");
    expect(card.found && card.card.tier).toEqual({ status: "B", label: "B", explanation: null, move: null });
  });

  test("before any result was stored, a move's own sentence explains the tier it led to", async () => {
    const current = await assembleCard("erik.berg@nordhydraulik.se", sources(seededCrm(), [change("B", "A")]));
    expect(current.found && current.card.tier.explanation).toBe("Nordhydraulik AB flyttades B → A: omsättning 12 mån 1,24 MSEK, topp 6 %.");
    const stale = await assembleCard("erik.berg@nordhydraulik.se", sources(seededCrm(), [change("B", "C")]));
    expect(stale.found && stale.card.tier.explanation).toBeNull();
  });

  test("a move is shown while it is recent and led to the current tier", async () => {
    const moveOf = async (c: TierChange) => {
      const card = await assembleCard("erik.berg@nordhydraulik.se", sources(seededCrm(), [c], [result("A", c.from)]));
      return card.found ? card.card.tier.move : undefined;
    };
    expect(await moveOf(change("B", "A", new Date("2026-11-02T01:30:00Z")))).toEqual({ from: "B", to: "A", kind: "up", date: "2026-11-02T01:30:00.000Z" });
    expect(await moveOf(change("B", "A", daysBefore(RECENT_MOVE_DAYS - 1)))).toMatchObject({ kind: "up" });
    expect(await moveOf(change("B", "A", daysBefore(RECENT_MOVE_DAYS + 1)))).toBeNull();
    expect(await moveOf(change("former", "A"))).toMatchObject({ from: "former", kind: "reactivated" });
    // A first tier is no move to tell; nor is one that led elsewhere.
    expect(await moveOf(change(null, "A"))).toBeNull();
    expect(await moveOf(change("A", "B"))).toBeNull();
  });

  test("down and to former customer", async () => {
    const crm = seededCrm();
    crm.companies[0] = { ...crm.companies[0]!, category: { id: 5, name: "Tidigare kund", deleted: false, rank: 5 } };
    const former = await assembleCard("erik.berg@nordhydraulik.se", sources(crm, [change("C", "former")]));
    expect(former.found && former.card.tier.move).toMatchObject({ from: "C", to: "former", kind: "became-former" });
    crm.companies[0] = { ...crm.companies[0]!, category: { id: 2, name: "B", deleted: false, rank: 2 } };
    const down = await assembleCard("erik.berg@nordhydraulik.se", sources(crm, [change("A", "B")]));
    expect(down.found && down.card.tier.move).toMatchObject({ from: "A", to: "B", kind: "down" });
  });
});
