import { CardResponse } from "../../../../shared/api/card";
import { NewPersonResponse, SuggestResponse } from "../../../../shared/api/unknown-sender";
import { sandboxPersonsByEmail } from "../../../../test/e2e/support/sandbox-crm";
import { startStack, type Stack } from "../../../../test/e2e/support/stack";

let stack: Stack;
let token: string;

beforeAll(async () => {
  stack = await startStack({ withAddin: false });
  const rep = stack.sandbox.tenant.reps[0]!;
  const response = await fetch(`${stack.url}/dev/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: rep.email }) });
  token = ((await response.json()) as { access_token: string }).access_token;
}, 60_000);
afterAll(async () => stack?.close());

async function api(method: string, path: string, body?: unknown) {
  const response = await fetch(`${stack.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

const suggest = async (email: string) => SuggestResponse.parse((await api("GET", `/api/v1/companies/suggest?email=${encodeURIComponent(email)}`)).body);
const domainOf = (email: string) => email.slice(email.indexOf("@") + 1);

describe("unknown senders against the sandbox", () => {
  it("suggests the company whose persons, e-mail and web address share the sender's domain", async () => {
    const { tierA } = stack.sandbox.tenant.highlights;
    const result = await suggest(`ny.kollega@${domainOf(tierA.email).toUpperCase()}`);
    expect(result.domain).toBe(domainOf(tierA.email));
    expect(result.publicDomain).toBe(false);
    expect(result.companies[0]).toMatchObject({ id: tierA.contactId, name: tierA.company });
    expect(result.companies[0]!.matchedBy.sort()).toEqual(["colleagues", "email", "website"]);
    expect(result.companies[0]!.colleagues).toBeGreaterThan(0);
  });

  it("suggests nothing for a free mail domain or an unknown one", async () => {
    expect(await suggest("someone@gmail.com")).toEqual({ domain: "gmail.com", publicDomain: true, companies: [] });
    expect(await suggest(stack.sandbox.tenant.highlights.unknownSender)).toMatchObject({ publicDomain: false, companies: [] });
  });

  it("adds the sender to a suggested company; the card then finds them; a repeat adds nobody", async () => {
    const { tierC } = stack.sandbox.tenant.highlights;
    const email = `karin.nyman@${domainOf(tierC.email)}`;
    const body = { firstName: "Karin", lastName: "Nyman", email, title: "Inköpare", company: { kind: "existing", id: tierC.contactId } };
    const first = await api("POST", "/api/v1/persons", body);
    expect(first.status).toBe(200);
    const added = NewPersonResponse.parse(first.body);
    expect(added).toMatchObject({ companyId: tierC.contactId, companyName: tierC.company, createdPerson: true, createdCompany: false });
    const again = NewPersonResponse.parse((await api("POST", "/api/v1/persons", body)).body);
    expect(again).toMatchObject({ personId: added.personId, createdPerson: false });
    expect(await sandboxPersonsByEmail(stack, email)).toHaveLength(1);
    const card = CardResponse.parse((await api("GET", `/api/v1/card?email=${encodeURIComponent(email)}`)).body);
    expect(card.found && card.card).toMatchObject({ person: { name: "Karin Nyman", title: "Inköpare" }, company: { id: tierC.contactId } });
  });

  it("creates the company and the person, the company owned by the rep and on the sender's domain", async () => {
    const email = "ola.nordmann@fjordfisk.no";
    const result = await api("POST", "/api/v1/persons", { firstName: "Ola", lastName: "Nordmann", email, company: { kind: "new", name: "Fjordfisk AS" } });
    expect(result.status).toBe(200);
    const added = NewPersonResponse.parse(result.body);
    expect(added).toMatchObject({ companyName: "Fjordfisk AS", createdPerson: true, createdCompany: true });
    const card = CardResponse.parse((await api("GET", `/api/v1/card?email=${encodeURIComponent(email)}`)).body);
    expect(card.found && card.card).toMatchObject({ company: { id: added.companyId, name: "Fjordfisk AS" }, owner: { email: stack.sandbox.tenant.reps[0]!.email } });
    // The next sender from that domain is pointed to the new company.
    expect((await suggest("kari@fjordfisk.no")).companies.map((c) => c.id)).toEqual([added.companyId]);
  });

  it("refuses bad input with a clear error and writes nothing", async () => {
    const email = "tom.tom@nowhere-in-crm.se";
    const cases: [unknown, number, RegExp][] = [
      [{ firstName: "", lastName: "", email, company: { kind: "new", name: "Nowhere AB" } }, 400, /first or last name/],
      [{ firstName: "Tom", lastName: "Tom", email: "not-an-address", company: { kind: "new", name: "Nowhere AB" } }, 400, /email/],
      [{ firstName: "Tom", lastName: "Tom", email, company: { kind: "new", name: "  " } }, 400, /company/],
      [{ firstName: "Tom", lastName: "Tom", email, company: { kind: "existing", id: 99_999_999 } }, 404, /CRM/],
    ];
    for (const [body, status, message] of cases) {
      const result = await api("POST", "/api/v1/persons", body);
      expect(result.status).toBe(status);
      expect((result.body as { error: { message: string } }).error.message).toMatch(message);
    }
    expect(await sandboxPersonsByEmail(stack, email)).toEqual([]);
    expect((await suggest("tom@nowhere-in-crm.se")).companies).toEqual([]);
    expect((await api("GET", "/api/v1/companies/suggest?email=nope")).status).toBe(400);
  });
});
