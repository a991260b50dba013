/**
 * Every request the client builds, for every operation, validated against SuperOffice's Swagger
 * (the committed subset). Responses here are canned but must themselves pass the contract, so the
 * raw schemas are proven to read what SuperOffice documents. The same checks run against the sandbox
 * over HTTP in client.contract.test.ts.
 */
import type { AppointmentId, AssociateId, ContactId, PersonId } from "../../../../shared/domain/vocabulary";
import { matchOperation, validateHttpRequest, validateResponse } from "../../../../test/contract/validate";
import { createSuperOfficeClient } from "./index";
import { instantClock, scriptedAxios, type Reply, type SeenRequest } from "./test-support";

const associate = { AssociateId: 5, Name: "AB", PersonId: 50, FullName: "Anna Berg" };
const contactEntity = {
  ContactId: 3, Name: "Bergström Verkstad AB", OrgNr: "556123-4567", Number1: "", Number2: "10042",
  Associate: associate, Category: { Id: 2, Value: "B", Tooltip: "", Rank: 2, Deleted: false },
  Country: { CountryId: 752, Name: "Sverige", TwoLetterISOCountry: "SE" },
  CustomFields: { "SuperOffice:1": "[I:23]", "SuperOffice:1:DisplayText": "Utvid" }, Domains: ["bergstrom.se"],
};
const personEntity = { PersonId: 7, Firstname: "Siobhán", Lastname: "O'Brien", Title: "Inköpschef", Emails: [{ Value: "o'brien@example.com", StrippedValue: "o'brien@example.com", Description: "" }], Contact: { ContactId: 3, Name: "Bergström Verkstad AB" } };
const appointmentEntity = { AppointmentId: 99, Associate: associate, Contact: { ContactId: 3 }, Person: { PersonId: 7 }, Task: { TaskListItemId: 2, Value: "Telefon" }, Description: "Ring", StartDate: "2026-11-24T10:00:00", EndDate: "2026-11-24T10:30:00", Type: "inChecklist", Completed: "Completed" };
const selectionEntity = { SelectionId: 9, Name: "Follow-ups week 48 — AB", Description: "", Associate: associate, SelectionType: "Static", MemberCount: 0 };
const documentEntity = { DocumentId: 40, Header: "Re: Offert", Name: "re-offert.eml", Date: "2026-11-20T08:15:00", ExternalRef: "<abc@mail.example>", Contact: { ContactId: 3 }, Person: { PersonId: 7 }, Associate: associate, DocumentTemplate: { DocumentTemplateId: 164 } };
const slim = (value: unknown[]) => ({ "odata.metadata": "https://sod2.superoffice.com/Cust12345/api/v1/Archive/$metadata", "odata.nextLink": null, value });

/** Canned answers by Swagger operation; each must validate against the operation's response schema. */
function answerFor(method: string, swaggerPath: string): Reply {
  const ok = (body: unknown) => ({ status: 200, body });
  switch (`${method} ${swaggerPath}`) {
    case "GET /api/v1/Person":
      return ok(slim([{ PrimaryKey: 7, EntityName: "person", personId: 7, fullName: "Siobhán O'Brien", contactId: 3, title: "Inköpschef", "email/emailAddress": "o'brien@example.com" }]));
    case "GET /api/v1/Person/{id}":
    case "POST /api/v1/Person":
      return ok(personEntity);
    case "GET /api/v1/Contact":
      return ok(slim([{ PrimaryKey: 3, EntityName: "contact", contactId: 3, name: "Bergström Verkstad AB", "email/emailAddress": "info@bergstrom.se", "url/URLAddress": "https://www.bergstrom.se" }]));
    case "GET /api/v1/Contact/{id}":
    case "POST /api/v1/Contact":
    case "PATCH /api/v1/Contact/{id}":
      return ok(contactEntity);
    case "POST /api/v1/Agents/DatabaseTable/Upsert":
      return ok({ Success: true, Message: "1 updated", Inserts: 0, Updates: 1, Deletes: 0, RowStatus: [{ PrimaryKey: 3, Action: "Updated", RowKeys: ["3"], TableRight: null }] });
    case "GET /api/v1/List/Category/Items":
      return ok([{ Id: 1, Name: "A", Tooltip: "", Deleted: false, UdListDefinitionId: 0, Rank: 1 }, { Id: 5, Name: "Former customer", Tooltip: "", Deleted: false, Rank: 5 }]);
    case "GET /api/v1/List/Task/Items":
      return ok([{ TaskListItemId: 2, Value: "Telefon", Type: "Phone", Deleted: false, Rank: 1 }]);
    case "GET /api/v1/Contact/UdefLayout/Published":
      return ok([{ ProgId: "", UdefIdentity: 1, FieldLabel: "Account type", FieldType: "List", UDListDefinitionId: 108, MdoListName: "udlist108" }]);
    case "GET /api/v1/MDOList/{listname}":
      return ok([{ Id: 23, Name: "Utvid", ToolTip: "", Deleted: false, Rank: 1, ChildItems: [] }]);
    case "GET /api/v1/List/DocumentTemplate/Items":
      return ok([{ DocumentTemplateId: 164, Name: "E-post inn", RecordType: "Email", Direction: "Incoming", Deleted: false, Rank: 1 }]);
    case "GET /api/v1/User":
      return ok(slim([{ PrimaryKey: 5, EntityName: "associate", associateDbId: 5, assocName: "AB", fullName: "Anna Berg", personId: 50, personEmail: "anna.berg@firma.se", isActive: true }]));
    case "GET /api/v1/Appointment":
      return ok(slim([{ PrimaryKey: 99, EntityName: "appointment", appointmentId: 99, date: "2026-11-24T10:00:00", endDate: "2026-11-24T10:30:00", completed: true, associateId: 5, contactId: 3, personId: 7, text: "Ring", type: "Telefon" }]));
    case "POST /api/v1/Appointment":
    case "PATCH /api/v1/Appointment/{id}":
      return ok(appointmentEntity);
    case "GET /api/v1/Selection":
      return ok(slim([{ PrimaryKey: 9, EntityName: "selection", selectionId: 9, name: "Follow-ups week 48 — AB" }]));
    case "GET /api/v1/Selection/{id}":
    case "POST /api/v1/Selection":
      return ok(selectionEntity);
    case "GET /api/v1/Selection/{selectionId}/Members":
      return ok(slim([{ PrimaryKey: 1, EntityName: "staticContact", contactId: 1, personId: 0 }]));
    case "POST /api/v1/Selection/{selectionId}/Members/AddPerson":
    case "POST /api/v1/Selection/{selectionId}/Members/RemovePerson":
      return { status: 204 };
    case "POST /api/v1/Document":
    case "GET /api/v1/Document/{id}":
    case "PUT /api/v1/Document/{documentId}/Content":
      return ok(documentEntity);
    case "GET /api/v1/Document":
      return ok(slim([{ PrimaryKey: 40, EntityName: "document", documentId: 40 }]));
    case "GET /api/v1/Sale":
      return ok(slim([{ PrimaryKey: 1, EntityName: "sale", saleId: 1, heading: "Order 1", amount: 1250.5, currency: "SEK", date: "2026-03-02T00:00:00", status: "Sold", contactId: 3, personId: 0, associateId: 5 }]));
    default:
      return { status: 404, body: { Error: true, ErrorType: "SoNotFoundException", ErrorMessage: `no canned answer for ${method} ${swaggerPath}`, ErrorSource: "test" } };
  }
}

describe("every request the client builds conforms to SuperOffice's Swagger", () => {
  const problems: string[] = [];
  const operationsSeen = new Set<string>();
  const { axios, seen } = scriptedAxios((req: SeenRequest) => {
    const match = matchOperation(req.method, req.url.pathname);
    const reqErrors = validateHttpRequest({ method: req.method, url: req.url.toString(), body: req.body });
    problems.push(...reqErrors);
    if (!match) return { status: 404, body: { Error: true, ErrorType: "SoNotFoundException", ErrorMessage: "no operation", ErrorSource: "test" } };
    operationsSeen.add(`${req.method} ${match.swaggerPath}`);
    const reply = answerFor(req.method, match.swaggerPath);
    if ("status" in reply) problems.push(...validateResponse(req.method, match.swaggerPath, reply.status, reply.body));
    return reply;
  });
  const crm = createSuperOfficeClient(
    { webapiUrl: "https://sod2.superoffice.com/Cust12345/api", auth: { kind: "basic", username: "u", password: "p" } },
    { axios, budget: { acquire: async () => undefined }, clock: instantClock() },
  );

  it("for every operation of the port", async () => {
    const c = 3 as ContactId;
    const a = 5 as AssociateId;
    await crm.findPersonsByEmail("O'Brien@example.com");
    await crm.getPerson(7 as PersonId);
    await crm.createPerson({ contactId: c, firstName: "Siobhán", lastName: "O'Brien", email: "o'brien@example.com", title: "Inköpschef" });
    await crm.getCompany(c);
    await crm.createCompany({ name: "Nordvik AS", orgNr: "987654321", country: "NO", ownerId: a, domain: "nordvik.no" });
    await crm.updateCompany(c, { categoryId: 2, ownerId: a, customFields: { "SuperOffice:1": "[I:23]" } });
    expect(await crm.setCompanyCategories([{ contactId: c, categoryId: 2 }])).toEqual({ updated: 1, unchanged: 0, via: "bulk" });
    await crm.findCategoryByName("former customer");
    await crm.findTaskTypeByName("Telefon");
    await crm.findCustomFieldItemByName("SuperOffice:1", "Utvid");
    await crm.listDocumentTemplates();
    await crm.listAssociates();
    await crm.lastCompletedAppointment(c);
    await crm.nextPlannedAppointment(c).catch(() => null);
    await crm.listAppointments({ from: "2026-11-23", to: "2026-11-29", associateId: a, completed: false });
    await crm.createAppointment({ contactId: c, personId: 7 as PersonId, associateId: a, taskId: 2, startDate: "2026-11-24T10:00:00", endDate: "2026-11-24T10:30:00", description: "Ring", completed: false, checklist: true });
    await crm.completeAppointment(99 as AppointmentId);
    await crm.findSelectionByName("Follow-ups week 48 — AB");
    await crm.createStaticSelection({ name: "Follow-ups week 48 — AB", ownerId: a });
    await crm.addSelectionMembers(9, [c]);
    await crm.setSelectionMembers(9, [c]);
    await crm.createDocument({ contactId: c, personId: 7 as PersonId, associateId: a, templateId: 164, header: "Re: Offert", fileName: "re-offert.eml", date: "2026-11-20T08:15:00", externalRef: "<abc@mail.example>" }, new TextEncoder().encode("x"));
    await crm.findDocumentByExternalRef({ contactId: c, externalRef: "<abc@mail.example>", date: "2026-11-20" });
    await crm.listSoldSales("2026-01-01", "2026-12-31");
    await crm.findPersonsByEmailDomain("Example.com");
    expect(await crm.findCompaniesByDomain("bergstrom.se")).toEqual([{ id: 3, name: "Bergström Verkstad AB", matchedBy: ["email", "website"] }]);

    expect(problems).toEqual([]);
    expect(seen.length).toBeGreaterThanOrEqual(25);
    expect([...operationsSeen].sort()).toEqual([
      "GET /api/v1/Appointment",
      "GET /api/v1/Contact",
      "GET /api/v1/Contact/UdefLayout/Published",
      "GET /api/v1/Contact/{id}",
      "GET /api/v1/Document",
      "GET /api/v1/Document/{id}",
      "GET /api/v1/List/Category/Items",
      "GET /api/v1/List/DocumentTemplate/Items",
      "GET /api/v1/List/Task/Items",
      "GET /api/v1/MDOList/{listname}",
      "GET /api/v1/Person",
      "GET /api/v1/Person/{id}",
      "GET /api/v1/Sale",
      "GET /api/v1/Selection",
      "GET /api/v1/Selection/{id}",
      "GET /api/v1/Selection/{selectionId}/Members",
      "GET /api/v1/User",
      "PATCH /api/v1/Appointment/{id}",
      "PATCH /api/v1/Contact/{id}",
      "POST /api/v1/Appointment",
      "POST /api/v1/Contact",
      "POST /api/v1/Document",
      "POST /api/v1/Person",
      "POST /api/v1/Selection",
      "POST /api/v1/Selection/{selectionId}/Members/AddPerson",
      "POST /api/v1/Selection/{selectionId}/Members/RemovePerson",
      "POST /api/v1/Agents/DatabaseTable/Upsert",
      "PUT /api/v1/Document/{documentId}/Content",
    ].sort());
  });

  it("and the validator does catch a malformed request", () => {
    expect(validateHttpRequest({ method: "POST", url: "https://x/Cust1/api/v1/Appointment", body: { Contact: { ContactID: 3 }, Completed: "Done" } })).not.toEqual([]);
    expect(validateHttpRequest({ method: "GET", url: "https://x/Cust1/api/v1/Person?$top=ten" })).not.toEqual([]);
  });
});
