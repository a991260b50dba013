import type { ContactId } from "../../../../shared/domain/vocabulary";
import { validateHttpRequest } from "../../../../test/contract/validate";
import { CrmError, type CategoryChange } from "../port";
import { createSuperOfficeClient } from "./index";
import { instantClock, scriptedAxios, type Reply, type SeenRequest } from "./test-support";

const UPSERT = "/Cust12345/api/v1/Agents/DatabaseTable/Upsert";
const contactEntity = (id: number, categoryId: number) => ({ ContactId: id, Name: `Company ${id}`, Category: { Id: categoryId, Value: "X" } });
const changes = (n: number, from = 1): CategoryChange[] => Array.from({ length: n }, (_, i) => ({ contactId: (from + i) as ContactId, categoryId: 2 }));

function client(answer: (req: SeenRequest) => Reply) {
  const { axios, seen } = scriptedAxios(answer);
  const crm = createSuperOfficeClient(
    { webapiUrl: "https://sod2.superoffice.com/Cust12345/api", auth: { kind: "basic", username: "u", password: "p" } },
    { axios, budget: { acquire: async () => undefined }, clock: instantClock() },
  );
  return { crm, seen };
}

/** Answers an Upsert as SuperOffice documents it: one row status per data row. */
function upsertAnswer(req: SeenRequest, action: (id: string) => string = () => "Updated"): Reply {
  const body = req.body as { Data: string[][] };
  const rows = body.Data.map((d) => ({ PrimaryKey: Number(d[0]), Action: action(d[0]!), RowKeys: [d[0]!], TableRight: null }));
  return { status: 200, body: { Success: true, Message: "", Inserts: rows.filter((r) => r.Action === "Inserted").length, Updates: rows.filter((r) => r.Action === "Updated").length, Deletes: 0, RowStatus: rows } };
}

describe("setting many companies' categories", () => {
  it("sends one DatabaseTable Upsert per 500 companies, built as the Swagger says", async () => {
    const { crm, seen } = client((req) => upsertAnswer(req, (id) => (Number(id) % 10 === 0 ? "NoUpdateNeeded" : "Updated")));
    const result = await crm.setCompanyCategories(changes(1200));
    expect(result).toEqual({ updated: 1080, unchanged: 120, via: "bulk" });
    expect(seen.map((r) => [r.method, r.url.pathname, (r.body as { Data: unknown[] }).Data.length])).toEqual([
      ["POST", UPSERT, 500],
      ["POST", UPSERT, 500],
      ["POST", UPSERT, 200],
    ]);
    expect(seen[0]!.body).toEqual({
      TableName: "contact",
      Columns: ["contact_id", "category_idx"],
      Keys: ["contact_id"],
      Data: changes(500).map((c) => [String(c.contactId), "2"]),
      NomatchAction: "NoChange",
      ReturnRowStatus: true,
    });
    for (const r of seen) expect(validateHttpRequest({ method: r.method, url: r.url.toString(), body: r.body })).toEqual([]);
  });

  it("refuses ids that are not ids before any call", async () => {
    const { crm, seen } = client((req) => upsertAnswer(req));
    await expect(crm.setCompanyCategories([{ contactId: 0 as ContactId, categoryId: 2 }])).rejects.toMatchObject({ code: "CRM_BAD_REQUEST" });
    await expect(crm.setCompanyCategories([{ contactId: 3 as ContactId, categoryId: 1.5 }])).rejects.toMatchObject({ code: "CRM_BAD_REQUEST" });
    expect(seen).toEqual([]);
  });

  it("names companies the agent inserted (they no longer existed) or did not confirm", async () => {
    const inserted = client((req) => upsertAnswer(req, (id) => (id === "2" ? "Inserted" : "Updated")));
    const error = await inserted.crm.setCompanyCategories(changes(3)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmError);
    expect((error as CrmError).message).toContain("Companies 2 no longer exist");

    const silent = client(() => ({ status: 200, body: { Success: true, Message: "", Inserts: 0, Updates: 1, Deletes: 0, RowStatus: [{ PrimaryKey: 1, Action: "Updated", RowKeys: ["1"] }] } }));
    await expect(silent.crm.setCompanyCategories(changes(2))).rejects.toThrow("did not confirm the category of companies 2");

    const failed = client(() => ({ status: 200, body: { Success: false, Message: "Deadlock", Inserts: 0, Updates: 0, Deletes: 0, RowStatus: null } }));
    await expect(failed.crm.setCompanyCategories(changes(2))).rejects.toThrow("Deadlock");
  });

  it("falls back to one PATCH per company when the tenant does not offer the agent, and stays there", async () => {
    const { crm, seen } = client((req) => {
      if (req.url.pathname === UPSERT) return { status: 403, body: { Error: true, ErrorType: "SoAccessDeniedException", ErrorMessage: "Agent not available", ErrorSource: "test" } };
      const id = Number(req.url.pathname.split("/").pop());
      return { status: 200, body: contactEntity(id, 2) };
    });
    expect(await crm.setCompanyCategories(changes(2))).toEqual({ updated: 2, unchanged: 0, via: "per-company" });
    expect(await crm.setCompanyCategories(changes(1, 7))).toEqual({ updated: 1, unchanged: 0, via: "per-company" });
    expect(seen.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
      `POST ${UPSERT}`,
      "PATCH /Cust12345/api/v1/Contact/1",
      "PATCH /Cust12345/api/v1/Contact/2",
      "PATCH /Cust12345/api/v1/Contact/7",
    ]);
    expect(seen[1]!.body).toEqual([{ op: "replace", path: "/Category/Id", value: 2 }]);
  });

  it("does not fall back on a temporary failure: the caller retries later", async () => {
    const { crm, seen } = client(() => ({ status: 500, body: { Error: true, ErrorType: "Exception", ErrorMessage: "boom", ErrorSource: "test" } }));
    await expect(crm.setCompanyCategories(changes(2))).rejects.toMatchObject({ code: "CRM_UNKNOWN" });
    expect(seen.every((r) => r.url.pathname === UPSERT)).toBe(true);
  });
});
