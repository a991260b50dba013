import type { ContactId, PersonId } from "../../../../shared/domain/vocabulary";
import { defaultFields, seededCrm } from "../../testing/fixtures";
import { assembleCard, type CardSources } from "./assemble-card";
import { companyHints } from "./company-hints";

const EMAIL = "erik.berg@nordhydraulik.se";

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** The seeded CRM with a second company, the person look-up held until the test lets it answer. */
function setup() {
  const crm = seededCrm();
  const other = { ...crm.companies[0]!, id: 102 as ContactId, name: "Bergslagens Pump AB", orgNr: null };
  crm.companies.push(other);
  const order: string[] = [];
  const held: Array<() => void> = [];
  let asked = deferred<void>();
  const find = crm.findPersonsByEmail.bind(crm);
  const getCompany = crm.getCompany.bind(crm);
  crm.findPersonsByEmail = async (email) => {
    order.push("findPersonsByEmail");
    const gate = deferred<void>();
    held.push(() => gate.resolve());
    asked.resolve();
    await gate.promise;
    return find(email);
  };
  crm.getCompany = async (id) => {
    order.push(`getCompany:${id}`);
    return getCompany(id);
  };
  const hints = companyHints();
  const sources: CardSources = { crm, fields: defaultFields(), latestTierChange: async () => null, latestTierResult: async () => null, companyHints: hints };
  const release = () => held.splice(0).forEach((r) => r());
  /** Resolves once the card is waiting for the person look-up. */
  const lookUpHeld = async () => {
    await asked.promise;
    asked = deferred<void>();
  };
  return { crm, order, hints, sources, release, lookUpHeld };
}

describe("company hints", () => {
  it("read the company while the person is looked up when the address was seen before", async () => {
    const { order, hints, sources, release, lookUpHeld } = setup();
    hints.set(EMAIL, 101 as ContactId);
    const card = assembleCard(EMAIL, sources);
    await lookUpHeld();
    expect(order).toEqual(["getCompany:101", "findPersonsByEmail"]);
    release();
    const result = await card;
    expect(result.found && result.card.company.name).toBe("Nordhydraulik AB");
    expect(order.filter((c) => c.startsWith("getCompany"))).toEqual(["getCompany:101"]);
  });

  it("never show the hinted company when the person has moved: the fresh look-up wins", async () => {
    const { crm, order, hints, sources, release, lookUpHeld } = setup();
    crm.persons = [{ id: 201 as PersonId, contactId: 102 as ContactId, fullName: "Erik Berg", email: EMAIL, title: null }];
    hints.set(EMAIL, 101 as ContactId);
    const card = assembleCard(EMAIL, sources);
    await lookUpHeld();
    release();
    const result = await card;
    expect(result.found && result.card.company).toMatchObject({ id: 102, name: "Bergslagens Pump AB" });
    expect(order).toEqual(["getCompany:101", "findPersonsByEmail", "getCompany:102"]);
    expect(hints.get(EMAIL)).toBe(102);
  });

  it("learn an address's company from its card and forget an address that is gone", async () => {
    const { crm, hints, sources, release, lookUpHeld } = setup();
    const first = assembleCard(EMAIL, sources);
    await lookUpHeld();
    release();
    await first;
    expect(hints.get(EMAIL)).toBe(101);
    crm.persons = [];
    const gone = assembleCard(EMAIL, sources);
    await lookUpHeld();
    release();
    expect(await gone).toEqual({ found: false, email: EMAIL });
    expect(hints.get(EMAIL)).toBeUndefined();
  });

  it("drop a failed early read when the hint was wrong", async () => {
    const { crm, hints, sources, release, lookUpHeld } = setup();
    hints.set(EMAIL, 999 as ContactId);
    const card = assembleCard(EMAIL, sources);
    await lookUpHeld();
    release();
    const result = await card;
    expect(result.found && result.card.company.id).toBe(101);
    expect(crm.companies.some((c) => c.id === 999)).toBe(false);
  });

  it("keep at most the newest addresses", () => {
    const hints = companyHints(2);
    hints.set("a@x.se", 1 as ContactId);
    hints.set("b@x.se", 2 as ContactId);
    hints.set("a@x.se", 1 as ContactId);
    hints.set("c@x.se", 3 as ContactId);
    expect([hints.get("a@x.se"), hints.get("b@x.se"), hints.get("c@x.se")]).toEqual([1, undefined, 3]);
  });
});
