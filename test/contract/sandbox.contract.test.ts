import { type RunningSandbox, startSandbox } from "../../sandbox/src/index";
import { matchOperation, validateErrorBody, validateHttpRequest, validateResponse } from "./validate";

/** Every operation the sandbox serves answers as the SuperOffice Swagger says (status + body). */

let sandbox: RunningSandbox;
const auth = { Authorization: "Bearer sandbox-bearer-token", Accept: "application/json" };

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, customers: 40, now: new Date("2026-11-23T09:00:00Z") });
});
afterAll(async () => {
  await sandbox.close();
});

async function call(method: string, path: string, body?: unknown, contentType = "application/json") {
  const url = `${sandbox.webapiUrl}${path}`;
  const requestIssues = contentType === "application/json" ? validateHttpRequest({ method, url, body }) : [];
  expect(requestIssues).toEqual([]);
  const res = await fetch(url, {
    method,
    headers: { ...auth, ...(body !== undefined ? { "Content-Type": contentType } : {}) },
    body: body === undefined ? undefined : Buffer.isBuffer(body) ? new Uint8Array(body) : JSON.stringify(body),
  });
  const type = res.headers.get("content-type") ?? "";
  const raw = Buffer.from(await res.arrayBuffer());
  const parsed: unknown = raw.length === 0 ? undefined : type.includes("json") ? JSON.parse(raw.toString("utf8")) : raw;
  const op = matchOperation(method, new URL(url).pathname);
  if (!op) throw new Error(`No operation for ${method} ${path}`);
  return { status: res.status, body: parsed, swaggerPath: op.swaggerPath };
}

async function expectValid(method: string, path: string, status: number, body?: unknown, contentType?: string) {
  const res = await call(method, path, body, contentType);
  expect({ status: res.status, issues: validateResponse(method, res.swaggerPath, res.status, res.body) }).toEqual({ status, issues: [] });
  return res.body as Record<string, unknown>;
}

const q = (params: Record<string, string>) => `?${new URLSearchParams(params).toString()}`;

describe("sandbox responses validate against the SuperOffice Swagger", () => {
  it("Person: OData by e-mail, default, read, create", async () => {
    const found = await expectValid("GET", `/v1/Person${q({
      $select: "personId,fullName,contactId,personContact/name,personContact/category,personContact/associateId,email/emailAddress",
      $filter: "email/emailAddress eq 'o''brien@example.com'", $entities: "person", $top: "10",
    })}`, 200);
    expect((found.value as unknown[]).length).toBe(1);
    await expectValid("GET", "/v1/Person/default", 200);
    const h = sandbox.tenant.highlights.tierA;
    await expectValid("GET", `/v1/Person/${h.personId}`, 200);
    const created = await expectValid("POST", "/v1/Person", 200, {
      Firstname: "Steve", Lastname: "Martin", Contact: { ContactId: h.contactId }, Emails: [{ Value: "steve@example.net", Description: "E-post" }],
    });
    expect(created.PersonId).toEqual(expect.any(Number));
  });

  it("Contact: OData, default, read, create, PATCH (JSON Patch and merge patch)", async () => {
    await expectValid("GET", `/v1/Contact${q({ $select: "contactId,name,orgnr,category,associateId,number,country,contactUdef/SuperOffice:1", $top: "5" })}`, 200);
    await expectValid("GET", "/v1/Contact/default", 200);
    const id = sandbox.tenant.highlights.tierC.contactId;
    await expectValid("GET", `/v1/Contact/${id}`, 200);
    const notModified = await fetch(`${sandbox.webapiUrl}/v1/Contact/${id}`, { headers: { ...auth, "If-Modified-Since": new Date().toUTCString() } });
    expect([notModified.status, validateResponse("GET", "/api/v1/Contact/{id}", 304, (await notModified.text()) || undefined)]).toEqual([304, []]);
    const slim = await expectValid("GET", `/v1/Contact/${id}${q({ $select: "Name,Category" })}`, 200);
    expect([typeof slim.Name, typeof slim.Category, slim.OrgNr, slim.ContactId]).toEqual(["string", "object", null, id]);
    const created = await expectValid("POST", "/v1/Contact", 200, { Name: "Kiruna Gruvservice AB", OrgNr: "556000-0001", Category: { Id: 2 } });
    await expectValid("PATCH", `/v1/Contact/${String(created.ContactId)}`, 200, [
      { op: "replace", path: "Category/Id", value: 3 },
      { op: "replace", path: "CustomFields", value: { "SuperOffice:1": "[I:24]" } },
      { op: "replace", path: "Associate", value: { AssociateId: 3 } },
    ]);
    await expectValid("PATCH", `/v1/Contact/${String(created.ContactId)}`, 200, { Department: "Underhåll" });
    await expectValid("PATCH", `/v1/Contact/${String(created.ContactId)}`, 409, [{ op: "test", path: "Name", value: "Something else" }]);
    await expectValid("GET", "/v1/Contact/UdefLayout/Published", 200);
  });

  it("lists: categories, tasks, document templates, MDO lists", async () => {
    await expectValid("GET", "/v1/List/Category/Items", 200);
    await expectValid("GET", "/v1/List/Task/Items", 200);
    await expectValid("GET", "/v1/List/DocumentTemplate/Items", 200);
    for (const name of ["associate", "category", "task", "udlist101", "udlist102"]) await expectValid("GET", `/v1/MDOList/${name}`, 200);
  });

  it("Appointment: OData (FindAppointment), default, create, read, complete by PATCH", async () => {
    const h = sandbox.tenant.highlights.tierA;
    await expectValid("GET", `/v1/Appointment${q({
      $select: "appointmentId,date,endDate,completed,completedDate,type,text,associateId,contactId,personId,contact/contactId,person/personId,appointment/description,registeredDate,updatedDate",
      $filter: `contact/contactId eq ${h.contactId} and date beforeToday`, $orderBy: "date desc", $top: "1",
    })}`, 200);
    await expectValid("GET", "/v1/Appointment/default", 200);
    const created = await expectValid("POST", "/v1/Appointment", 200, {
      Contact: { ContactId: h.contactId }, Person: { PersonId: h.personId }, Associate: { AssociateId: 2 }, Task: { TaskListItemId: 2 },
      Description: "Följ upp offert", StartDate: "2026-12-01T15:30:00", EndDate: "2026-12-01T16:00:00",
    });
    await expectValid("GET", `/v1/Appointment/${String(created.AppointmentId)}`, 200);
    const done = await expectValid("PATCH", `/v1/Appointment/${String(created.AppointmentId)}`, 200, { Completed: "Completed" });
    expect(done.Completed).toBe("Completed");
  });

  it("Selection: create static, add and remove members, read, list, members, PATCH", async () => {
    await expectValid("GET", "/v1/Selection/default", 200);
    const s = await expectValid("POST", "/v1/Selection", 200, {
      Name: "Uppföljning vecka 48 — AL", SelectionType: "Static", TargetTableName: "contact", Associate: { AssociateId: 2 }, SelectionCategory: { Id: 1 },
    });
    const id = String(s.SelectionId);
    const h = sandbox.tenant.highlights;
    await expectValid("POST", `/v1/Selection/${id}/Members/AddPerson`, 204, [{ ContactId: h.tierA.contactId, PersonId: 0 }, { ContactId: 0, PersonId: h.tierC.personId }]);
    await expectValid("POST", `/v1/Selection/${id}/Members/RemovePerson`, 204, [{ ContactId: 0, PersonId: h.tierC.personId }]);
    const read = await expectValid("GET", `/v1/Selection/${id}`, 200);
    expect(read.MemberCount).toBe(1);
    await expectValid("GET", `/v1/Selection/${id}/Members${q({ $select: "contactId,name" })}`, 200);
    await expectValid("GET", `/v1/Selection${q({ $select: "selectionId,name", $filter: `associateId eq 2` })}`, 200);
    await expectValid("PATCH", `/v1/Selection/${id}`, 200, [{ op: "replace", path: "Description", value: "Veckans lista" }]);
  });

  it("Document: create with an e-mail template, upload and read content", async () => {
    await expectValid("GET", "/v1/Document/default", 200);
    const h = sandbox.tenant.highlights.tierA;
    const d = await expectValid("POST", "/v1/Document", 200, {
      Header: "Re: Offert", Name: "re-offert.eml", DocumentTemplate: { DocumentTemplateId: 3 }, Contact: { ContactId: h.contactId },
      Person: { PersonId: h.personId }, Associate: { AssociateId: 2 }, Date: "2026-11-20T13:50:00", ExternalRef: "<abc@mail.example>",
    });
    await expectValid("GET", `/v1/Document/${String(d.DocumentId)}`, 200);
    await expectValid("PUT", `/v1/Document/${String(d.DocumentId)}/Content`, 200, Buffer.from("From: a@b\r\n\r\nHej"), "application/octet-stream");
    const content = await expectValid("GET", `/v1/Document/${String(d.DocumentId)}/Content`, 200);
    expect(Buffer.isBuffer(content) && content.toString("utf8")).toBe("From: a@b\r\n\r\nHej");
  });

  it("Sale (FindSale) sold in a date range, and the current principal", async () => {
    const sold = await expectValid("GET", `/v1/Sale${q({
      $select: "saleId,contactId,amount,currency,saledate,status,heading", $filter: "status eq 2 and saledate between ('2025-11-23','2026-11-23')",
    })}`, 200);
    expect((sold.value as Array<Record<string, unknown>>).every((r) => r.status === "Sold")).toBe(true);
    await expectValid("GET", "/v1/User/currentPrincipal", 200);
  });

  it("the archive queries the client makes: users, documents by date, sold sales, companies in Full mode, last/next appointment", async () => {
    const users = await expectValid("GET", `/v1/User${q({ $select: "associateDbId,assocName,fullName,personId,personEmail,isActive", $orderBy: "associateDbId", $top: "200", $skip: "0" })}`, 200);
    expect((users.value as Array<Record<string, unknown>>).map((r) => r.personEmail)).toEqual(expect.arrayContaining(sandbox.tenant.reps.map((r) => r.email)));
    const h = sandbox.tenant.highlights.tierA;
    await expectValid("GET", `/v1/Document${q({ $select: "documentId", $filter: `contactId eq ${h.contactId} and date between ('2026-11-19','2026-11-21')`, $orderBy: "documentId" })}`, 200);
    const sales = await expectValid("GET", `/v1/Sale${q({
      $select: "saleId,heading,amount,currency,date,saleStatus,contactId,personId,associateId", $filter: "saleStatus eq 2 and date between ('2025-11-23','2026-11-23')",
      $orderBy: "saleId", $top: "500", $skip: "0",
    })}`, 200);
    expect((sales.value as unknown[]).length).toBeGreaterThan(0);
    const companies = await expectValid("GET", `/v1/Contact${q({
      $select: "contactId,name,orgnr,number,code,category,associateId,country,LastCompletedActivity,LastDoByActivity,contactUdef/SuperOffice:1,contactUdef/SuperOffice:2",
      $orderBy: "contactId", $top: "1000", $skip: "0", $mode: "Full",
    })}`, 200);
    const first = (companies.value as Array<Record<string, { RawValue: unknown; DisplayValue: string }>>)[1];
    expect(first?.category).toEqual(expect.objectContaining({ RawValue: expect.any(Number), DisplayValue: expect.any(String) }));
    const cols = "appointmentId,date,endDate,completed,associateId,contactId,personId,text,type";
    const last = await expectValid("GET", `/v1/Appointment${q({ $select: cols, $filter: `contactId eq ${h.contactId} and completed eq 1`, $orderBy: "date desc", $top: "1" })}`, 200);
    const row = (last.value as Array<Record<string, unknown>>)[0];
    expect(row).toEqual(expect.objectContaining({ completed: true, associateId: expect.any(Number), contactId: h.contactId }));
    await expectValid("GET", `/v1/Appointment${q({ $select: cols, $filter: `contactId eq ${h.contactId} and completed eq 0`, $orderBy: "date asc", $top: "1" })}`, 200);
  });

  it("Agents: DatabaseTable Upsert sets contact categories, inserts unknown keys, refuses what it does not support", async () => {
    const [a, b] = [sandbox.tenant.highlights.tierA.contactId, sandbox.tenant.highlights.tierC.contactId];
    const upsert = (data: string[][], extra: Record<string, unknown> = {}) => ({
      TableName: "contact", Columns: ["contact_id", "category_idx"], Keys: ["contact_id"], Data: data, NomatchAction: "NoChange", ReturnRowStatus: true, ...extra,
    });
    const first = await expectValid("POST", "/v1/Agents/DatabaseTable/Upsert", 200, upsert([[String(a), "4"], [String(b), "4"]]));
    expect(first).toMatchObject({ Success: true, Updates: 2, Inserts: 0 });
    const again = await expectValid("POST", "/v1/Agents/DatabaseTable/Upsert", 200, upsert([[String(a), "4"]]));
    expect(again.RowStatus).toEqual([{ PrimaryKey: a, Action: "NoUpdateNeeded", RowKeys: [String(a)], TableRight: null }]);
    expect(((await expectValid("GET", `/v1/Contact/${a}`, 200)).Category as { Id: number }).Id).toBe(4);
    const ghost = await expectValid("POST", "/v1/Agents/DatabaseTable/Upsert", 200, upsert([["990001", "4"]], { ReturnRowStatus: false }));
    expect(ghost).toMatchObject({ Inserts: 1, RowStatus: null });
    await expectValid("POST", "/v1/Agents/DatabaseTable/Upsert", 400, upsert([[String(a), "4"]], { NomatchAction: "DeleteRow" }));
    await expectValid("POST", "/v1/Agents/DatabaseTable/Upsert", 400, upsert([[String(a), "4"]], { TableName: "person" }));
    // A bad row changes nothing, not even the good rows before it.
    await expectValid("POST", "/v1/Agents/DatabaseTable/Upsert", 400, upsert([[String(a), "2"], [String(b), "9999"]]));
    expect(((await expectValid("GET", `/v1/Contact/${a}`, 200)).Category as { Id: number }).Id).toBe(4);
  });

  it("errors carry SuperOffice's error body", async () => {
    const missing = await call("GET", "/v1/Contact/999999");
    expect(missing.status).toBe(404);
    expect(validateResponse("GET", missing.swaggerPath, 404, missing.body)).toEqual([]);
    const bad = await call("GET", `/v1/Person${q({ $select: "nope" })}`);
    expect(bad.status).toBe(400);
    expect(validateResponse("GET", bad.swaggerPath, 400, bad.body)).toEqual([]);
    const res = await fetch(`${sandbox.webapiUrl}/v1/Contact/1`);
    expect(res.status).toBe(401);
    expect(validateErrorBody(await res.json())).toEqual([]);
  });
});
