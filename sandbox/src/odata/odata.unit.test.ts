import { personArchive } from "../archives";
import { generateDemoTenant } from "../demo/generate";
import { SoError } from "../errors";
import { Store } from "../store";
import { runArchive } from "./archive";
import { parseFilter } from "./filter";

const data = generateDemoTenant({ tenant: "Cust00001", seed: 7, customers: 30, now: new Date("2026-11-23T00:00:00Z") }).data;
const store = new Store(data, null);
const ctx = { today: "2026-11-23", associateId: 2, requestUrl: new URL("http://h/Cust00001/api/v1/Person?$top=5"), metadataUrl: "m" };
const emails = (filter: string) =>
  runArchive(personArchive(store), { $select: "email/emailAddress", $filter: filter }, ctx).value.map((r) => r["email/emailAddress"]);

describe("OData $filter", () => {
  it("unescapes '' and finds O'Brien and nothing else", () => {
    expect(emails("email/emailAddress eq 'o''brien@example.com'")).toEqual(["o'brien@example.com"]);
  });
  it("matches non-ASCII addresses exactly", () => {
    expect(emails("email/emailAddress eq 'åsa.öberg@exempel.se'")).toEqual(["åsa.öberg@exempel.se"]);
  });
  it("supports begins/contains/oneOf/and/or/not and functions", () => {
    expect(emails("email/emailAddress begins 'o''brien'")).toEqual(["o'brien@example.com"]);
    expect(emails("email/emailAddress contains 'brien@example.com'").sort()).toEqual(["b.o'brien@example.com", "o'brien@example.com", "obrien@example.com"]);
    expect(emails("startswith(email/emailAddress,'obrien') or endswith(email/emailAddress, 'b.o''brien@example.com')").sort())
      .toEqual(["b.o'brien@example.com", "obrien@example.com"]);
    expect(emails("contactId oneOf (999999) and not (personId eq 1)")).toEqual([]);
  });
  it("rejects an unescaped apostrophe and unknown columns with a 400", () => {
    expect(() => parseFilter("email/emailAddress eq 'o'brien@example.com'")).toThrow(SoError);
    try {
      runArchive(personArchive(store), { $select: "nope" }, ctx);
      throw new Error("expected a failure");
    } catch (e) {
      expect(e).toBeInstanceOf(SoError);
      expect((e as SoError).status).toBe(400);
    }
  });
  it("parses list operators and unary operators", () => {
    expect(parseFilter("date between ('2026-01-01','2026-02-01') and date beforeToday")).toEqual({
      kind: "and",
      left: { kind: "cmp", column: "date", op: "between", args: ["2026-01-01", "2026-02-01"] },
      right: { kind: "cmp", column: "date", op: "beforetoday", args: [] },
    });
  });
});

describe("paging", () => {
  it("pages with $top/$skip and odata.nextLink until the end", () => {
    const seen: unknown[] = [];
    let skip = "0";
    for (;;) {
      const page = runArchive(personArchive(store), { $select: "personId", $top: "25", $skip: skip, $orderBy: "personId desc" }, ctx);
      seen.push(...page.value.map((r) => r.personId));
      const next = page["odata.nextLink"];
      if (!next) break;
      skip = new URL(next).searchParams.get("$skip") as string;
    }
    expect(seen).toEqual(data.persons.map((p) => p.id).sort((a, b) => b - a));
  });
});
