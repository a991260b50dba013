import { randomUUID } from "node:crypto";
import { CardResponse } from "../../../../shared/api/card";
import { CompanyExistsError, NewPersonRequest, NewPersonResponse, SuggestResponse } from "../../../../shared/api/unknown-sender";
import { withOwnStore } from "../../../../test/e2e/support/own-store";
import { sandboxCrm, sandboxPersonsByEmail } from "../../../../test/e2e/support/sandbox-crm";
import { startStack, type Stack } from "../../../../test/e2e/support/stack";
import type { ContactId } from "../../../../shared/domain/vocabulary";
import { CrmError } from "../../crm/port";
import { writeLedger } from "../../store/write-ledger";
import { unknownSenderService } from "./service";
import { signedInApi, type ApiCall } from "../../../../test/e2e/support/api";

let stack: Stack;
let api: ApiCall;

beforeAll(async () => {
  stack = await startStack({ withAddin: false });
  ({ api } = await signedInApi(stack));
}, 60_000);
afterAll(async () => stack?.close());

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
    const body = { idempotencyKey: randomUUID(), firstName: "Karin", lastName: "Nyman", email, title: "Inköpare", company: { kind: "existing", id: tierC.contactId } };
    const first = await api("POST", "/api/v1/persons", body);
    expect(first.status).toBe(200);
    const added = NewPersonResponse.parse(first.body);
    expect(added).toMatchObject({ companyId: tierC.contactId, companyName: tierC.company, createdPerson: true, createdCompany: false });
    // The same key again (a double submit): the first answer. Another key (another pane): found, not doubled.
    expect(NewPersonResponse.parse((await api("POST", "/api/v1/persons", body)).body)).toEqual(added);
    const again = NewPersonResponse.parse((await api("POST", "/api/v1/persons", { ...body, idempotencyKey: randomUUID() })).body);
    expect(again).toMatchObject({ personId: added.personId, createdPerson: false });
    expect(await sandboxPersonsByEmail(stack, email)).toHaveLength(1);
    const card = CardResponse.parse((await api("GET", `/api/v1/card?email=${encodeURIComponent(email)}`)).body);
    expect(card.found && card.card).toMatchObject({ person: { name: "Karin Nyman", title: "Inköpare" }, company: { id: tierC.contactId } });
  });

  it("creates the company and the person, the company owned by the rep and on the sender's domain", async () => {
    const email = "ola.nordmann@fjordfisk.no";
    const result = await api("POST", "/api/v1/persons", { idempotencyKey: randomUUID(), firstName: "Ola", lastName: "Nordmann", email, company: { kind: "new", name: "Fjordfisk AS" } });
    expect(result.status).toBe(200);
    const added = NewPersonResponse.parse(result.body);
    expect(added).toMatchObject({ companyName: "Fjordfisk AS", createdPerson: true, createdCompany: true });
    const card = CardResponse.parse((await api("GET", `/api/v1/card?email=${encodeURIComponent(email)}`)).body);
    expect(card.found && card.card).toMatchObject({ company: { id: added.companyId, name: "Fjordfisk AS" }, owner: { email: stack.sandbox.tenant.reps[0]!.email } });
    // The next sender from that domain is pointed to the new company.
    expect((await suggest("kari@fjordfisk.no")).companies.map((c) => c.id)).toEqual([added.companyId]);
  });

  it("adds a sender once when the same form is submitted twice at the same time", async () => {
    const email = "dubbel.klick@dubbelklick.se";
    const body = { idempotencyKey: randomUUID(), firstName: "Dubbel", lastName: "Klick", email, company: { kind: "new", name: "Dubbelklick AB" } };
    stack.sandbox.setKnobs({ latencyMs: 40 });
    const answers = await Promise.all([api("POST", "/api/v1/persons", body), api("POST", "/api/v1/persons", body)]).finally(() =>
      stack.sandbox.setKnobs({ latencyMs: 0 }),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const [first, second] = answers.map((a) => NewPersonResponse.parse(a.body));
    expect(second).toEqual(first);
    expect(await sandboxPersonsByEmail(stack, email)).toHaveLength(1);
    expect((await suggest("annan@dubbelklick.se")).companies.map((c) => c.id)).toEqual([first!.companyId]);
  });

  it("refuses a new company on a domain the CRM has companies for, unless the rep saw them", async () => {
    const { tierA } = stack.sandbox.tenant.highlights;
    const email = `ny.inkopare@${domainOf(tierA.email)}`;
    const body = { idempotencyKey: randomUUID(), firstName: "Ny", lastName: "Inköpare", email, company: { kind: "new", name: tierA.company } };
    const refused = await api("POST", "/api/v1/persons", body);
    expect(refused.status).toBe(409);
    const error = CompanyExistsError.parse(refused.body).error;
    expect(error.suggestions.companies[0]).toMatchObject({ id: tierA.contactId, name: tierA.company });
    expect(await sandboxPersonsByEmail(stack, email)).toEqual([]);

    const confirmed = NewPersonResponse.parse((await api("POST", "/api/v1/persons", { ...body, confirmNewDespiteMatches: true })).body);
    expect(confirmed).toMatchObject({ createdCompany: true, createdPerson: true });
    expect(confirmed.companyId).not.toBe(tierA.contactId);
  });

  it("does not add again a sender the CRM has without a company", async () => {
    const email = "utan.foretag@ensam.se";
    const headers = { authorization: `Bearer ${stack.sandbox.credentials.bearerTokens[0]!}`, "content-type": "application/json", accept: "application/json" };
    const created = await fetch(`${stack.sandbox.webapiUrl}/v1/Person`, {
      method: "POST",
      headers,
      body: JSON.stringify({ Firstname: "Utan", Lastname: "Företag", Contact: { ContactId: 0 }, Emails: [{ Value: email }] }),
    });
    expect(created.status).toBe(200);
    const result = await api("POST", "/api/v1/persons", { idempotencyKey: randomUUID(), firstName: "Utan", lastName: "Företag", email, company: { kind: "new", name: "Ensam AB" } });
    expect(result.status).toBe(409);
    expect((result.body as { error: { code: string } }).error.code).toBe("PERSON_WITHOUT_COMPANY");
    expect(await sandboxPersonsByEmail(stack, email)).toHaveLength(1);
    expect((await suggest("annan@ensam.se")).companies).toEqual([]);
  });

  it("adds the person to the company the first try created when that try failed on the person", async () => {
    await withOwnStore(async (db) => {
      let failPerson = true;
      let companiesCreated = 0;
      const crm = sandboxCrm(
        stack,
        { retry: { baseDelayMs: 1, maxDelayMs: 5 } },
        {
          observer: {
            exchange: (e) => {
              if (e.method !== "POST" || e.path !== "/v1/Contact" || e.status !== 200) return;
              companiesCreated++;
              if (failPerson) stack.sandbox.setKnobs({ failNext: 10, retryAfterSeconds: 0 });
            },
          },
        },
      );
      const service = unknownSenderService({ crm, ledger: writeLedger(db) });
      const identity = { subject: "rep", email: stack.sandbox.tenant.reps[0]!.email, name: null };
      const request = NewPersonRequest.parse({ idempotencyKey: randomUUID(), firstName: "Halv", lastName: "Vägs", email: "halv.vags@halvvags.se", company: { kind: "new", name: "Halvvägs AB" } });
      const failed = await service.addPerson(identity, request).catch((e: unknown) => e);
      failPerson = false;
      stack.sandbox.setKnobs({ failNext: 0 });
      expect(failed).toBeInstanceOf(CrmError);
      expect(companiesCreated).toBe(1);
      expect(await sandboxPersonsByEmail(stack, "halv.vags@halvvags.se")).toEqual([]);

      const retried = await service.addPerson(identity, request);
      expect(retried).toMatchObject({ companyName: "Halvvägs AB", createdCompany: true, createdPerson: true });
      expect(companiesCreated).toBe(1);
      expect((await crm.getCompany(retried.companyId as ContactId)).name).toBe("Halvvägs AB");
      expect(await sandboxPersonsByEmail(stack, "halv.vags@halvvags.se")).toMatchObject([{ id: retried.personId, contactId: retried.companyId }]);
    }).finally(() => stack.sandbox.setKnobs({ failNext: 0, retryAfterSeconds: 1 }));
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
      const result = await api("POST", "/api/v1/persons", { idempotencyKey: randomUUID(), ...(body as object) });
      expect(result.status).toBe(status);
      expect((result.body as { error: { message: string } }).error.message).toMatch(message);
    }
    expect(await sandboxPersonsByEmail(stack, email)).toEqual([]);
    expect((await suggest("tom@nowhere-in-crm.se")).companies).toEqual([]);
    expect((await api("GET", "/api/v1/companies/suggest?email=nope")).status).toBe(400);
  });
});
