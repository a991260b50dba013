import { generateDemoTenant } from "./generate";
import { isValidOrgNr } from "./orgnr";

const opts = { tenant: "Cust00001", seed: 3, customers: 200, now: new Date("2026-11-23T00:00:00Z") };

describe("demo tenant generator", () => {
  it("is deterministic: same seed, same tenant and orders", () => {
    expect(JSON.stringify(generateDemoTenant(opts))).toBe(JSON.stringify(generateDemoTenant(opts)));
    expect(JSON.stringify(generateDemoTenant({ ...opts, seed: 4 }).data.contacts)).not.toBe(JSON.stringify(generateDemoTenant(opts).data.contacts));
  });
  it("gives valid national org numbers", () => {
    const { data } = generateDemoTenant(opts);
    const iso = new Map(data.countries.map((c) => [c.id, c.iso2]));
    for (const c of data.contacts) expect([c.orgNr, isValidOrgNr(iso.get(c.countryId) as "SE", c.orgNr)]).toEqual([c.orgNr, true]);
    expect(isValidOrgNr("SE", "556000-0000")).toBe(false);
  });
  it("has Pareto-shaped revenue: the top fifth of customers make well over half", () => {
    const { orders } = generateDemoTenant(opts);
    const byCustomer = new Map<string, number>();
    for (const o of orders) byCustomer.set(o.customerNumber, (byCustomer.get(o.customerNumber) ?? 0) + o.amount * (o.currency === "EUR" ? 11.4 : 1));
    const sorted = [...byCustomer.values()].sort((a, b) => b - a);
    const total = sorted.reduce((s, x) => s + x, 0);
    const top = sorted.slice(0, Math.ceil(sorted.length / 5)).reduce((s, x) => s + x, 0);
    expect(top / total).toBeGreaterThan(0.5);
    expect(orders.some((o) => o.amount < 0)).toBe(true);
  });
  it("has the special senders and every highlight", () => {
    const { info, data } = generateDemoTenant(opts);
    expect(info.highlights.apostrophe.name).toBe("Sean O'Brien");
    expect(info.reps.length).toBeGreaterThanOrEqual(4);
    expect(data.persons.some((p) => p.emails.includes(info.highlights.unknownSender))).toBe(false);
  });
  it("scales to 10,000 customers", () => {
    const { data } = generateDemoTenant({ ...opts, customers: 10_000 });
    expect(data.contacts.length).toBe(10_001);
  });
});
