import type { ContactId } from "../../../../shared/domain/vocabulary";
import { createSuperOfficeClient } from "./index";
import type { TenantMove } from "./tenant-status";
import { instantClock, scriptedAxios, type SeenRequest } from "./test-support";

const OLD = "https://sod2.superoffice.com/Cust12345/api";
const NEW = "https://sod3.superoffice.com/Cust12345/api";
const contact = { ContactId: 3, Name: "Bergström Verkstad AB" };

function setup(state: { where: string; running: boolean; status?: string }) {
  const moves: TenantMove[] = [];
  let stored: string | null = null;
  const { axios, seen } = scriptedAxios((req: SeenRequest) => {
    if (req.url.pathname === "/api/state/Cust12345") {
      return { status: 200, body: { ContextIdentifier: "Cust12345", Endpoint: state.where.replace(/\/api$/, ""), State: state.status ?? "Running", IsRunning: state.running, ValidUntil: "2026-11-23T11:00:00Z", Api: state.where } };
    }
    if (!req.url.toString().startsWith(state.where)) return { status: 421, body: { Error: true, ErrorType: "MisdirectedRequest", ErrorMessage: "Wrong subdomain used to access tenant", ErrorSource: "x" } };
    return { status: 200, body: contact };
  });
  const crm = createSuperOfficeClient(
    { webapiUrl: OLD, auth: { kind: "bearer", accessToken: "8A:Cust12345.t" }, tenantStatusUrl: "https://sod.superoffice.com" },
    {
      axios, budget: { acquire: async () => undefined }, clock: instantClock(), random: () => 0,
      endpointStore: { load: async () => stored, save: async (url) => void (stored = url) }, onTenantMove: (m) => moves.push(m),
    },
  );
  return { crm, seen, moves, stored: () => stored };
}

const calls = (seen: SeenRequest[]) => seen.map((s) => `${s.method} ${s.url.origin}${s.url.pathname}`);

describe("a tenant that moved", () => {
  it("on a 421 asks the Tenant Status API, switches to the tenant's endpoint, keeps it and sends the call there once", async () => {
    const { crm, seen, moves, stored } = setup({ where: NEW, running: true });
    await expect(crm.getCompany(3 as ContactId)).resolves.toMatchObject({ id: 3 });
    await crm.getCompany(3 as ContactId);
    expect(calls(seen)).toEqual([
      "GET https://sod2.superoffice.com/Cust12345/api/v1/Contact/3",
      "GET https://sod.superoffice.com/api/state/Cust12345",
      "GET https://sod3.superoffice.com/Cust12345/api/v1/Contact/3",
      "GET https://sod3.superoffice.com/Cust12345/api/v1/Contact/3",
    ]);
    expect(moves.map((m) => [m.from, m.to])).toEqual([[OLD, NEW]]);
    expect(stored()).toBe(NEW);
  });

  it("repeats a create refused with 421 exactly once at the new endpoint (a 421 was not acted on)", async () => {
    const { crm, seen } = setup({ where: NEW, running: true });
    await crm.createCompany({ name: "Nya AB" });
    expect(calls(seen).filter((c) => c.startsWith("POST"))).toEqual([
      "POST https://sod2.superoffice.com/Cust12345/api/v1/Contact",
      "POST https://sod3.superoffice.com/Cust12345/api/v1/Contact",
    ]);
  });

  it("answers CRM_TEMPORARY, naming the state, while the tenant is not running", async () => {
    const { crm } = setup({ where: NEW, running: false, status: "InMaintenance" });
    await expect(crm.getCompany(3 as ContactId)).rejects.toMatchObject({ code: "CRM_TEMPORARY", message: expect.stringContaining("InMaintenance") });
    await expect(crm.tenantState()).resolves.toMatchObject({ state: "InMaintenance", running: false });
  });

  it("keeps a 421 an error when the status API names the endpoint the client already uses", async () => {
    const { axios, seen } = scriptedAxios((req) =>
      req.url.pathname === "/api/state/Cust12345"
        ? { status: 200, body: { State: "Running", IsRunning: true, Api: OLD } }
        : { status: 421, body: { Error: true, ErrorType: "MisdirectedRequest", ErrorMessage: "Wrong subdomain used to access tenant", ErrorSource: "x" } },
    );
    const crm = createSuperOfficeClient(
      { webapiUrl: OLD, auth: { kind: "bearer", accessToken: "t" }, tenantStatusUrl: "https://sod.superoffice.com" },
      { axios, budget: { acquire: async () => undefined }, clock: instantClock(), random: () => 0 },
    );
    await expect(crm.getCompany(3 as ContactId)).rejects.toMatchObject({ code: "CRM_UNKNOWN", detail: { status: 421 } });
    expect(calls(seen)).toEqual(["GET https://sod2.superoffice.com/Cust12345/api/v1/Contact/3", "GET https://sod.superoffice.com/api/state/Cust12345"]);
  });

  it("without a status service a 421 stays an error, as before", async () => {
    const crm = createSuperOfficeClient({ webapiUrl: OLD, auth: { kind: "bearer", accessToken: "t" } });
    await expect(crm.tenantState()).resolves.toBeNull();
  });
});
