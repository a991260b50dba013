/**
 * The client against the SuperOffice sandbox over HTTP: limits, retries, ticket renewal and exact
 * e-mail matching, as issue 4 asks. Each test uses a tenant URL of its own (a fresh sandbox port), so
 * the process-wide budget of one test never slows another.
 */
import { generateKeyPairSync } from "node:crypto";
import { startSandbox, type RunningSandbox } from "../../../../sandbox/src";
import type { AssociateId, ContactId } from "../../../../shared/domain/vocabulary";
import { CrmError } from "../port";
import type { SystemUserAuthenticator } from "./auth";
import { createSuperOfficeClient, type SuperOfficeDeps } from "./index";

const keys = generateKeyPairSync("rsa", { modulusLength: 2048 });
const privateKeyPem = keys.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const publicKeyPem = keys.publicKey.export({ type: "spki", format: "pem" }).toString();
const APP_TOKEN = "kundrytm-test-app-token";
const SYSTEM_TOKEN = "kundrytm-test-system-token";

const started: RunningSandbox[] = [];
async function sandbox(): Promise<RunningSandbox> {
  const sb = await startSandbox({
    port: 0,
    customers: 40,
    auth: { appToken: APP_TOKEN, systemUserPublicKeyPem: publicKeyPem, systemToken: SYSTEM_TOKEN },
  });
  started.push(sb);
  return sb;
}
afterAll(async () => {
  await Promise.all(started.map((sb) => sb.close()));
});

function systemUserClient(sb: RunningSandbox, deps: SuperOfficeDeps = {}, retry = { maxAttempts: 4, baseDelayMs: 50, maxDelayMs: 500, maxRetryAfterMs: 5000 }) {
  const contextId = /\/(Cust\d+)\/api$/.exec(sb.webapiUrl)?.[1] as string;
  return createSuperOfficeClient(
    {
      webapiUrl: sb.webapiUrl,
      auth: { kind: "system-user", authUrl: sb.origin, contextId, applicationToken: APP_TOKEN, systemToken: SYSTEM_TOKEN, privateKeyPem },
      // The demo tenant is Swedish; its list items come back in Swedish.
      language: "sv",
      callsPerSecond: 10,
      retry,
    },
    deps,
  );
}

describe("SuperOffice client against the sandbox", () => {
  it("finds an e-mail with an apostrophe exactly, and nobody for an unknown one", async () => {
    const sb = await sandbox();
    const crm = systemUserClient(sb);
    const { apostrophe, unknownSender } = sb.tenant.highlights;
    const found = await crm.findPersonsByEmail("O'Brien@Example.com");
    expect(found.map((p) => [p.id, p.fullName, p.email])).toEqual([[apostrophe.personId, "Sean O'Brien", "o'brien@example.com"]]);
    expect(found[0]?.contactId).toBe(apostrophe.contactId);
    expect(await crm.findPersonsByEmail(unknownSender)).toEqual([]);
    const nonAscii = await crm.findPersonsByEmail(sb.tenant.highlights.nonAscii.email.toUpperCase());
    expect(nonAscii.map((p) => p.fullName)).toEqual(["Åsa Öberg"]);
  });

  it("never exceeds 10 calls per second under 50 concurrent callers", async () => {
    const sb = await sandbox();
    const crm = systemUserClient(sb);
    const companies = sb.tenant.highlights;
    const ids = [companies.tierA.contactId, companies.tierC.contactId, companies.former.contactId, companies.noTier.contactId];
    await crm.listCategories(); // sign in first, so the burst below is only WebAPI calls
    sb.resetStats();
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => crm.getCompany(ids[i % ids.length] as ContactId)));
    expect(results).toHaveLength(50);
    expect(results.every((c) => ids.includes(c.id))).toBe(true);
    const stats = sb.stats();
    expect(stats.totalCalls).toBe(50);
    expect(stats.maxCallsPerSecond).toBeLessThanOrEqual(10);
    expect(stats.maxCallsPerSecond).toBeGreaterThanOrEqual(8);
  });

  it("retries 429 and 503, waiting the Retry-After, then succeeds", async () => {
    const sb = await sandbox();
    const retries: { status: number | null; delayMs: number }[] = [];
    const crm = systemUserClient(sb, { observer: { retry: (r) => retries.push({ status: r.status, delayMs: r.delayMs }) } });
    await crm.listCategories();
    sb.resetStats();
    sb.setKnobs({ throttleNext: 1, failNext: 1, retryAfterSeconds: 1 });
    const company = await crm.getCompany(sb.tenant.highlights.tierA.contactId as ContactId);
    expect(company.category?.name).toBe("A");
    expect(retries).toEqual([{ status: 429, delayMs: 1000 }, { status: 503, delayMs: 1000 }]);
    expect(sb.stats().callsByStatus).toEqual({ "429": 1, "503": 1, "200": 1 });
  });

  it("gives up with CRM_TEMPORARY when SuperOffice stays unavailable", async () => {
    const sb = await sandbox();
    const crm = systemUserClient(sb, {}, { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 50, maxRetryAfterMs: 5000 });
    await crm.listCategories();
    sb.resetStats();
    sb.setKnobs({ failNext: 5, retryAfterSeconds: 0 });
    await expect(crm.getCompany(sb.tenant.highlights.tierA.contactId as ContactId)).rejects.toMatchObject({ code: "CRM_TEMPORARY" });
    expect(sb.stats().totalCalls).toBe(3);
  });

  it("retries a call that times out, then reports CRM_TIMEOUT", async () => {
    const sb = await sandbox();
    const contextId = /\/(Cust\d+)\/api$/.exec(sb.webapiUrl)?.[1] as string;
    const retries: (number | null)[] = [];
    const crm = createSuperOfficeClient(
      {
        webapiUrl: sb.webapiUrl,
        auth: { kind: "system-user", authUrl: sb.origin, contextId, applicationToken: APP_TOKEN, systemToken: SYSTEM_TOKEN, privateKeyPem },
        timeoutMs: 150,
        retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 20, maxRetryAfterMs: 1000 },
      },
      { observer: { retry: (r) => retries.push(r.status) } },
    );
    await crm.listCategories();
    sb.resetStats();
    sb.setKnobs({ latencyMs: 400 });
    await expect(crm.getCompany(sb.tenant.highlights.tierA.contactId as ContactId)).rejects.toMatchObject({ code: "CRM_TIMEOUT" });
    expect(retries).toEqual([null]);
    expect(sb.stats().totalCalls).toBe(2);
    sb.setKnobs({ latencyMs: 0 });
  });

  it("does not retry a 400, and keeps SuperOffice's message for the log", async () => {
    const sb = await sandbox();
    const crm = systemUserClient(sb);
    await crm.listCategories();
    sb.resetStats();
    const error = await crm
      .updateCompany(sb.tenant.highlights.tierA.contactId as ContactId, { customFields: { "SuperOffice:99": "[I:1]" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmError);
    expect((error as CrmError).code).toBe("CRM_BAD_REQUEST");
    expect((error as CrmError).detail?.crmMessage).toContain("SuperOffice:99");
    expect(sb.stats().totalCalls).toBe(1);
  });

  it("renews an expired ticket exactly once for many callers mid-run", async () => {
    const sb = await sandbox();
    const crm = systemUserClient(sb);
    const auth = crm.auth as SystemUserAuthenticator;
    const id = sb.tenant.highlights.tierC.contactId as ContactId;
    await crm.getCompany(id);
    expect(auth.exchanges).toBe(1);
    sb.resetStats();
    const run = Array.from({ length: 15 }, (_, i) =>
      crm.getCompany(id).then((c) => {
        if (i === 2) sb.expireTickets();
        return c;
      }),
    );
    const companies = await Promise.all(run);
    expect(companies.every((c) => c.id === id)).toBe(true);
    expect(auth.exchanges).toBe(2);
    const stats = sb.stats();
    expect(stats.callsByStatus["401"]).toBeGreaterThanOrEqual(1);
    expect(stats.callsByStatus["200"]).toBe(15);
  });

  it("answers CRM_UNAUTHORIZED when the application token is wrong, without leaking it", async () => {
    const sb = await sandbox();
    const contextId = /\/(Cust\d+)\/api$/.exec(sb.webapiUrl)?.[1] as string;
    const crm = createSuperOfficeClient({
      webapiUrl: sb.webapiUrl,
      auth: { kind: "system-user", authUrl: sb.origin, contextId, applicationToken: "wrong-app-token-123", systemToken: SYSTEM_TOKEN, privateKeyPem },
    });
    const error = (await crm.listCategories().catch((e: unknown) => e)) as CrmError;
    expect(error.code).toBe("CRM_UNAUTHORIZED");
    expect(JSON.stringify({ m: error.message, d: error.detail })).not.toContain("wrong-app-token-123");
  });

  it("writes tier, potential, account type and owner, and logs and completes activities", async () => {
    const sb = await sandbox();
    const crm = systemUserClient(sb);
    const { noTier } = sb.tenant.highlights;
    const contactId = noTier.contactId as ContactId;
    const tierB = await crm.findCategoryByName("b");
    const potential = await crm.findCustomFieldItemByName("SuperOffice:1", "A");
    const expand = await crm.findCustomFieldItemByName("SuperOffice:2", "Utvid");
    const rep = sb.tenant.reps[0]!;
    expect(tierB && potential && expand).toBeTruthy();
    const updated = await crm.updateCompany(contactId, {
      categoryId: tierB!.id,
      ownerId: rep.associateId as AssociateId,
      customFields: { "SuperOffice:1": `[I:${potential!.id}]`, "SuperOffice:2": `[I:${expand!.id}]` },
    });
    expect(updated.category?.name).toBe("B");
    expect(updated.owner?.id).toBe(rep.associateId);
    expect(updated.customFields["SuperOffice:1"]).toBe(`[I:${potential!.id}]`);
    expect((await crm.getCompany(contactId)).customFields["SuperOffice:2"]).toBe(`[I:${expand!.id}]`);

    const phone = await crm.findTaskTypeByName("Telefon");
    const done = await crm.createAppointment({
      contactId, associateId: rep.associateId as AssociateId, taskId: phone!.id,
      startDate: "2020-01-02T10:00:00", endDate: "2020-01-02T10:15:00", description: "Samtal om offert", completed: true,
    });
    expect(done).toMatchObject({ completed: true, typeName: "Telefon", startDate: "2020-01-02T10:00:00" });
    const next = await crm.createAppointment({
      contactId, associateId: rep.associateId as AssociateId, taskId: phone!.id,
      startDate: "2099-03-02T09:00:00", endDate: "2099-03-02T09:30:00", description: "Följ upp", completed: false, checklist: true,
    });
    const planned = await crm.nextPlannedAppointment(contactId);
    expect(planned !== null && planned.startDate <= next.startDate).toBe(true);
    const week = await crm.listAppointments({ from: "2099-03-02", to: "2099-03-02", associateId: rep.associateId as AssociateId });
    expect(week.map((a) => a.id)).toContain(next.id);
    // The same appointment as one of the rep's customers' activities (the company is now the rep's).
    const customers = await crm.listAppointments({ from: "2099-03-02", to: "2099-03-02", companyOwnerId: rep.associateId as AssociateId });
    expect(customers.map((a) => a.id)).toContain(next.id);
    expect(customers.every((a) => a.startDate.startsWith("2099-03-02"))).toBe(true);
    const other = sb.tenant.reps[1]!;
    expect((await crm.listAppointments({ from: "2099-03-02", to: "2099-03-02", companyOwnerId: other.associateId as AssociateId })).map((a) => a.id)).not.toContain(next.id);
    const completed = await crm.completeAppointment(next.id);
    expect(completed.completed).toBe(true);
    expect((await crm.lastCompletedAppointment(contactId))?.id).toBe(next.id);
  });

  it("creates a person and a company, and keeps a static follow-up selection in step", async () => {
    const sb = await sandbox();
    const crm = systemUserClient(sb);
    const rep = sb.tenant.reps[0]!;
    const company = await crm.createCompany({ name: "Fjällbacka Maskin AB", orgNr: "556677-8899", country: "SE", ownerId: rep.associateId as AssociateId });
    expect(company).toMatchObject({ name: "Fjällbacka Maskin AB", country: "SE", owner: { id: rep.associateId } });
    const person = await crm.createPerson({ contactId: company.id, firstName: "Märta", lastName: "D'Souza", email: "Marta.DSouza@Fjallbacka.se" });
    expect(person).toMatchObject({ contactId: company.id, email: "marta.dsouza@fjallbacka.se" });
    expect((await crm.findPersonsByEmail("marta.dsouza@fjallbacka.se")).map((p) => p.id)).toEqual([person.id]);

    const name = `Follow-ups week 48 — ${rep.initials}`;
    expect(await crm.findSelectionByName(name)).toBeNull();
    const selection = await crm.createStaticSelection({ name, ownerId: rep.associateId as AssociateId });
    expect(await crm.findSelectionByName(name)).toMatchObject({ id: selection.id, name });
    const { tierA, tierC } = sb.tenant.highlights;
    await crm.addSelectionMembers(selection.id, [tierA.contactId as ContactId, company.id]);
    expect(await crm.setSelectionMembers(selection.id, [company.id, tierC.contactId as ContactId])).toEqual({ added: 1, removed: 1 });
    expect(await crm.setSelectionMembers(selection.id, [company.id, tierC.contactId as ContactId])).toEqual({ added: 0, removed: 0 });
  });

  it("archives an e-mail as a document with its content", async () => {
    const sb = await sandbox();
    const crm = systemUserClient(sb);
    const templates = await crm.listDocumentTemplates();
    const mail = templates.find((t) => t.recordType === "Email" && !t.deleted);
    expect(mail).toBeDefined();
    const { tierA } = sb.tenant.highlights;
    const rep = sb.tenant.reps[0]!;
    const doc = await crm.createDocument(
      { contactId: tierA.contactId as ContactId, associateId: rep.associateId as AssociateId, templateId: mail!.id, header: "Re: Offert 4711", fileName: "re-offert-4711.eml", date: "2026-11-20T08:15:00", externalRef: "<4711.abc@mail.example>" },
      new TextEncoder().encode("From: kund@example.com\r\nSubject: Re: Offert 4711\r\n\r\nHej!"),
    );
    expect(doc).toMatchObject({ contactId: tierA.contactId, externalRef: "<4711.abc@mail.example>", header: "Re: Offert 4711" });
  });
});
