import axios from "axios";
import {
  AppointmentRestApi,
  ContactRestApi,
  DatabaseTableAgent,
  DocumentAgent,
  DocumentRestApi,
  ETableRight,
  PersonRestApi,
  type AppointmentEntity,
  type ContactEntity,
  type DocumentEntity,
  type PersonEntity,
  type WebApiOptions,
} from "@superoffice/webapi";
import {
  Create_ListItemEntityArray_From,
  Create_MDOListItemArray_From,
  Create_SelectionEntity_From,
  Create_TaskListItemArray_From,
  Create_UserDefinedFieldInfoArray_From,
} from "@superoffice/webapi/Converters.js";
import { WebApiPatchOp } from "@superoffice/webapi/WebApiBase.js";
import type { AppointmentId, AssociateId, ContactId } from "../../shared/domain/vocabulary";
import { createSuperOfficeClient, type SuperOfficeClient } from "../../connector/src/crm/superoffice";
import { instantOf } from "../../connector/src/crm/superoffice/wire-time";
import { CATEGORY } from "../../sandbox/src/demo/generate";
import { startSandbox, type RunningSandbox } from "../../sandbox/src";

/**
 * SuperOffice's own TypeScript client (@superoffice/webapi) drives the sandbox for the operations the
 * connector uses (docs/superoffice.md): every answer parses in the official converters and agrees with
 * what the connector reads, and writes in the official client's conventions — camelCase properties, a
 * trailing slash on POST, dates as UTC `Z` — land as SuperOffice stores them (tenant time).
 */
const ZONE = "Europe/Stockholm";
let sb: RunningSandbox;
let ours: SuperOfficeClient;

beforeAll(async () => {
  sb = await startSandbox({ port: 0, timeZone: ZONE, now: new Date("2026-11-23T08:00:00Z") });
  ours = createSuperOfficeClient({
    webapiUrl: sb.webapiUrl, auth: { kind: "bearer", accessToken: sb.credentials.bearerTokens[0]! }, language: "sv", tenantTimeZone: ZONE, callsPerSecond: 100,
  });
});

afterAll(async () => {
  await sb.close();
});

function options(): WebApiOptions {
  return { baseUrl: sb.webapiUrl, languageCode: "sv", axiosConfig: { headers: { Authorization: `Bearer ${sb.credentials.bearerTokens[0]}` } } };
}

/** A GET as the official client sends it (its Accept, language and culture headers). */
async function officialGet(path: string): Promise<unknown> {
  const res = await axios.get(`${sb.webapiUrl}/v1/${path}`, {
    headers: { Accept: "application/json", "Accept-Language": "sv", "SO-Language": "sv", "SO-Culture": "sv", Authorization: `Bearer ${sb.credentials.bearerTokens[0]}` },
  });
  return res.data;
}

describe("the official client reads what the connector reads", () => {
  it("a company: ids, name, category, owner, custom fields, table rights and field properties", async () => {
    const { tierA } = sb.tenant.highlights;
    const official = await new ContactRestApi(options()).getByIdAsync(tierA.contactId);
    const company = await ours.getCompany(tierA.contactId as ContactId);
    expect(official.contactId).toBe(company.id);
    expect(official.name).toBe(company.name);
    expect({ id: official.category!.id, name: official.category!.value }).toEqual({ id: company.category!.id, name: company.category!.name });
    expect(official.associate!.associateId).toBe(company.owner!.id);
    expect(official.customFields!["SuperOffice:1"]).toBe(company.customFields["SuperOffice:1"]);
    expect(official.tableRight!.mask! & ETableRight.Select).toBe(ETableRight.Select);
    expect(official.tableRight!.mask! & ETableRight.Update).toBe(ETableRight.Update);
    expect(official.fieldProperties!.Name).toMatchObject({ fieldType: "System.String" });
    expect(official.createdDate).toBeInstanceOf(Date);
  });

  it("a person", async () => {
    const { tierA } = sb.tenant.highlights;
    const official = await new PersonRestApi(options()).getByIdAsync(tierA.personId);
    const [person] = await ours.findPersonsByEmail(tierA.email);
    expect(official.personId).toBe(person!.id);
    expect(official.contact!.contactId).toBe(person!.contactId);
    expect(official.emails!.map((e) => e.value)).toContain(person!.email);
  });

  it("an appointment, asked in UTC with offsets, names the same instant as the connector's tenant time", async () => {
    const last = (await ours.lastCompletedAppointment(sb.tenant.highlights.tierA.contactId as ContactId))!;
    const utc = await new AppointmentRestApi(options()).getByIdAsync(last.id, { timezone: "UTC", timezoneInclude: true });
    expect(utc.startDate!.getTime()).toBe(instantOf(last.startDate, ZONE).getTime());
    expect(utc.appointmentId).toBe(last.id);
    expect(utc.task!.value).toBe(last.typeName);
  });

  it("lists: categories, activity types, custom-field layout and list items", async () => {
    const categories = Create_ListItemEntityArray_From(await officialGet("List/Category/Items?includeDeleted=false"));
    expect(categories.map((c) => [c.id, c.name])).toEqual((await ours.listCategories()).map((c) => [c.id, c.name]));
    const tasks = Create_TaskListItemArray_From(await officialGet("List/Task/Items?includeDeleted=false"));
    expect(tasks.map((t) => [t.taskListItemId, t.value])).toEqual((await ours.listTaskTypes()).map((t) => [t.id, t.name]));
    const layout = Create_UserDefinedFieldInfoArray_From(await officialGet("Contact/UdefLayout/Published"));
    expect(layout.map((f) => f.progId)).toEqual((await ours.listCompanyCustomFields()).map((f) => f.key));
    const items = Create_MDOListItemArray_From(await officialGet(`MDOList/${layout[0]!.mdoListName}?flat=true`));
    expect(items.map((i) => i.name)).toEqual((await ours.listCustomFieldItems(layout[0]!.progId!)).map((i) => i.name));
  });
});

describe("writes in the official client's conventions land as SuperOffice stores them", () => {
  const [rep, other] = [2 as AssociateId, 3 as AssociateId];

  it("a company posted camelCase to v1/Contact/ and patched with a camelCase value", async () => {
    const created = await new ContactRestApi(options()).postAsync({ name: "Officiella Klienten AB", associate: { associateId: rep }, category: { id: CATEGORY.B } } as ContactEntity);
    expect(created.contactId).toBeGreaterThan(0);
    expect(await ours.getCompany(created.contactId as ContactId)).toMatchObject({ name: "Officiella Klienten AB", owner: { id: rep }, category: { id: CATEGORY.B } });
    await new ContactRestApi(options()).patchByIdAsync(created.contactId!, [{ op: WebApiPatchOp.replace, path: "/associate", value: { associateId: other } }]);
    expect((await ours.getCompany(created.contactId as ContactId)).owner?.id).toBe(other);
    const upsert = await new DatabaseTableAgent(options()).upsertAsync("contact", ["contact_id", "category_idx"], ["contact_id"], [[String(created.contactId), String(CATEGORY.A)]], "NoChange" as never, true);
    expect(upsert.success).toBe(true);
    expect((await ours.getCompany(created.contactId as ContactId)).category?.id).toBe(CATEGORY.A);
  });

  it("a person posted camelCase is found by its address", async () => {
    const { tierC } = sb.tenant.highlights;
    const person = await new PersonRestApi(options()).postAsync({ firstname: "Olle", lastname: "Officiell", contact: { contactId: tierC.contactId }, emails: [{ value: "olle@officiell.example" }] } as PersonEntity);
    expect((await ours.findPersonsByEmail("olle@officiell.example")).map((p) => [p.id, p.contactId])).toEqual([[person.personId, tierC.contactId]]);
  });

  it("an appointment written as UTC Z is stored in tenant time, and completed with a camelCase patch", async () => {
    const { tierC } = sb.tenant.highlights;
    const task = (await ours.findTaskTypeByName("Möte"))!;
    const created = await new AppointmentRestApi(options()).postAsync({
      contact: { contactId: tierC.contactId }, associate: { associateId: rep }, task: { taskListItemId: task.id },
      startDate: new Date("2026-12-01T08:00:00.000Z"), endDate: new Date("2026-12-01T09:00:00.000Z"), description: "Från den officiella klienten",
    } as unknown as AppointmentEntity);
    const [stored] = (await ours.listAppointments({ from: "2026-12-01", to: "2026-12-01", contactId: tierC.contactId as ContactId })).filter((a) => a.id === created.appointmentId);
    expect(stored).toMatchObject({ startDate: "2026-12-01T09:00:00", endDate: "2026-12-01T10:00:00", completed: false });
    await new AppointmentRestApi(options()).patchByIdAsync(created.appointmentId!, [{ op: WebApiPatchOp.replace, path: "/completed", value: "Completed" }]);
    expect((await ours.completeAppointment(created.appointmentId as AppointmentId)).completed).toBe(true);
  });

  it("an archived e-mail: a document posted camelCase, its content through the Document agent", async () => {
    const { tierC } = sb.tenant.highlights;
    const template = (await ours.listDocumentTemplates()).find((t) => t.recordType === "Email")!;
    const document = await new DocumentRestApi(options()).postAsync({
      header: "Offert", name: "offert.eml", documentTemplate: { documentTemplateId: template.id }, contact: { contactId: tierC.contactId },
      associate: { associateId: rep }, date: new Date("2026-11-20T23:30:00.000Z"), externalRef: "<officiell@kontrakt.se>",
    } as unknown as DocumentEntity);
    await new DocumentAgent(options()).setDocumentStreamFromIdAsync(document.documentId!, "Subject: Offert\r\n\r\nHej");
    // 23:30 UTC is already 21 November in Stockholm.
    expect(await ours.findDocumentByExternalRef({ contactId: tierC.contactId as ContactId, externalRef: "<officiell@kontrakt.se>", date: "2026-11-21" }))
      .toMatchObject({ id: document.documentId, date: "2026-11-21T00:30:00" });
  });

  it("a selection posted camelCase to v1/Selection/ parses in the official client", async () => {
    const res = await axios.post(`${sb.webapiUrl}/v1/Selection/`, {
      name: "Officiell lista", description: "", associate: { associateId: rep }, selectionType: "Static", targetTableNumber: 5, targetTableName: "contact",
      mainProviderName: "ContactPersonStaticSelectionV2", companyUnique: true, includePerson: 0,
    }, { headers: { Authorization: `Bearer ${sb.credentials.bearerTokens[0]}`, "Content-Type": "application/json" } });
    const selection = Create_SelectionEntity_From(res.data);
    expect(await ours.findSelectionByName("Officiell lista")).toMatchObject({ id: selection.selectionId, ownerId: rep });
  });
});
