/**
 * Contract over HTTP: every request the client sends to the sandbox, and every answer it reads back,
 * validated against SuperOffice's Swagger (test/contract/superoffice-subset.json).
 */
import { startSandbox, type RunningSandbox } from "../../../../sandbox/src";
import type { AppointmentId, AssociateId, ContactId, PersonId } from "../../../../shared/domain/vocabulary";
import { matchOperation, validateHttpRequest, validateResponse } from "../../../../test/contract/validate";
import type { SoExchange } from "./http";
import { createSuperOfficeClient } from "./index";
import { serialiseQuery } from "./odata";

let sb: RunningSandbox;
beforeAll(async () => {
  sb = await startSandbox({ port: 0, customers: 40 });
});
afterAll(async () => {
  await sb?.close();
});

it("every request and response of every client operation conforms to the Swagger", async () => {
  const exchanges: SoExchange[] = [];
  const crm = createSuperOfficeClient(
    { webapiUrl: sb.webapiUrl, auth: { kind: "bearer", accessToken: sb.credentials.bearerTokens[0] as string }, language: "sv", callsPerSecond: 50 },
    { observer: { exchange: (e) => exchanges.push(e) } },
  );
  const { tierA, tierC, apostrophe } = sb.tenant.highlights;
  const rep = sb.tenant.reps[0]!;
  const a = rep.associateId as AssociateId;
  const c = tierA.contactId as ContactId;

  const [person] = await crm.findPersonsByEmail(apostrophe.email);
  await crm.getPerson(person!.id);
  const company = await crm.createCompany({ name: "Kontraktsbolaget AB", orgNr: "556000-1111", country: "SE", ownerId: a, domain: "kontrakt.se" });
  await crm.createPerson({ contactId: company.id, firstName: "Kim", lastName: "Kontrakt", email: "kim@kontrakt.se", title: "VD" });
  await crm.getCompany(c);
  const potential = await crm.findCustomFieldItemByName("SuperOffice:1", "B");
  const category = await crm.findCategoryByName("C");
  await crm.updateCompany(company.id, { categoryId: category!.id, ownerId: a, customFields: { "SuperOffice:1": `[I:${potential!.id}]` } });
  const task = await crm.findTaskTypeByName("Möte");
  await crm.listAssociates();
  await crm.listCompanies({ ownerId: a, customFields: ["SuperOffice:1", "SuperOffice:2"] });
  await crm.lastCompletedAppointment(c);
  await crm.nextPlannedAppointment(c);
  await crm.listAppointments({ from: "2026-01-01", to: "2026-12-31", associateId: a, contactId: c, completed: true });
  await crm.listAppointments({ from: "2026-01-01", to: "2026-01-31", companyOwnerId: a });
  const appointment = await crm.createAppointment({ contactId: company.id, personId: null, associateId: a, taskId: task!.id, startDate: "2026-12-01T09:00:00", endDate: "2026-12-01T10:00:00", description: "Möte", completed: false });
  await crm.completeAppointment(appointment.id as AppointmentId);
  const selection = await crm.createStaticSelection({ name: "Kontraktslista", description: "test", ownerId: a });
  await crm.findSelectionByName("Kontraktslista");
  await crm.addSelectionMembers(selection.id, [c]);
  await crm.setSelectionMembers(selection.id, [tierC.contactId as ContactId, company.id]);
  const template = (await crm.listDocumentTemplates()).find((t) => t.recordType === "Email");
  await crm.createDocument(
    { contactId: company.id, personId: null as PersonId | null, associateId: a, templateId: template!.id, header: "Offert", fileName: "offert.eml", date: "2026-11-20T10:00:00", externalRef: "<k1@kontrakt.se>" },
    new TextEncoder().encode("Subject: Offert\r\n\r\nHej"),
  );
  expect(await crm.findDocumentByExternalRef({ contactId: company.id, externalRef: "<k1@kontrakt.se>", date: "2026-11-20" })).not.toBeNull();
  // A tenant that refuses the raw-bytes PUT: the content goes through the Document agent instead.
  sb.setKnobs({ refuseContentPut: true });
  const refused: SoExchange[] = [];
  const agentCrm = createSuperOfficeClient(
    { webapiUrl: sb.webapiUrl, auth: { kind: "bearer", accessToken: sb.credentials.bearerTokens[0] as string }, language: "sv", callsPerSecond: 50 },
    { observer: { exchange: (e) => (e.status === 415 ? refused : exchanges).push(e) } },
  );
  await agentCrm.createDocument(
    { contactId: company.id, personId: null as PersonId | null, associateId: a, templateId: template!.id, header: "Offert 2", fileName: "offert2.eml", date: "2026-11-20T11:00:00", externalRef: "<k2@kontrakt.se>" },
    new TextEncoder().encode("Subject: Offert 2\r\n\r\nHej"),
  );
  sb.setKnobs({ refuseContentPut: false });
  expect(refused.map((e) => `${e.method} ${e.path}`)).toEqual([expect.stringMatching(/^PUT \/v1\/Document\/\d+\/Content$/)]);
  const domain = tierA.email.slice(tierA.email.indexOf("@") + 1);
  expect((await crm.findPersonsByEmailDomain(domain)).every((p) => p.contactId === c)).toBe(true);
  expect((await crm.findCompaniesByDomain(domain)).map((m) => m.id)).toEqual([c]);
  const sales = await crm.listSoldSales("2020-01-01", "2030-12-31");
  expect(sales.sales.length).toBeGreaterThan(0);
  expect(sales.rejected).toEqual([]);

  const problems: string[] = [];
  const operations = new Set<string>();
  for (const e of exchanges) {
    const query = serialiseQuery(e.query);
    const url = `${sb.webapiUrl}${e.path}${query ? `?${query}` : ""}`;
    problems.push(...validateHttpRequest({ method: e.method, url, body: e.body }));
    const match = matchOperation(e.method, new URL(url).pathname);
    if (!match) {
      problems.push(`${e.method} ${e.path}: not an operation of the contract`);
      continue;
    }
    operations.add(`${e.method} ${match.swaggerPath}`);
    expect(e.status).not.toBeNull();
    problems.push(...validateResponse(e.method, match.swaggerPath, e.status as number, e.responseBody === "" ? null : e.responseBody));
  }
  expect(problems).toEqual([]);
  expect(exchanges.every((e) => e.status !== null && e.status < 300)).toBe(true);
  expect(operations.size).toBe(28);
});
