import type { AssociateId, ContactId, PersonId } from "../../../../shared/domain/vocabulary";
import { inCrmLanguage } from "../language";
import { createSuperOfficeClient } from "./index";
import { instantClock, scriptedAxios, type Reply, type SeenRequest } from "./test-support";

function client(answer: (req: SeenRequest) => Reply) {
  const { axios, seen } = scriptedAxios(answer);
  const crm = createSuperOfficeClient(
    { webapiUrl: "https://sod2.superoffice.com/Cust12345/api", auth: { kind: "basic", username: "u", password: "p" } },
    { axios, budget: { acquire: async () => undefined }, clock: instantClock(), random: () => 0 },
  );
  return { crm, seen };
}

const page = (value: unknown[], nextLink: string | null = null) => ({ status: 200, body: { "odata.metadata": "x", "odata.nextLink": nextLink, value } });

describe("findPersonsByEmail", () => {
  it("queries the lower-cased, escaped address and keeps only exact matches, once per person", async () => {
    const { crm, seen } = client(() =>
      page([
        { personId: 7, fullName: "Siobhán O'Brien", contactId: 3, title: "Inköpschef", "email/emailAddress": "O'Brien@Example.com" },
        { personId: 7, fullName: "Siobhán O'Brien", contactId: 3, title: "Inköpschef", "email/emailAddress": "o'brien@example.com" },
        { personId: 8, fullName: "Other Brien", contactId: 4, title: "", "email/emailAddress": "o'brien@example.com.evil" },
        { PrimaryKey: "2", personId: "2", fullName: "Åsa", contactId: "0", title: null, "email/emailAddress": "o'brien@example.com" },
      ]),
    );
    const persons = await crm.findPersonsByEmail("  O'Brien@Example.COM ");
    expect(seen[0]!.url.searchParams.get("$filter")).toBe("email/emailAddress eq 'o''brien@example.com'");
    expect(seen[0]!.url.searchParams.get("$entities")).toBe("person");
    expect(persons).toEqual([
      { id: 2, contactId: null, fullName: "Åsa", email: "o'brien@example.com", title: null },
      { id: 7, contactId: 3, fullName: "Siobhán O'Brien", email: "O'Brien@Example.com", title: "Inköpschef" },
    ]);
  });

  it("refuses something that is not an address without calling SuperOffice", async () => {
    const { crm, seen } = client(() => page([]));
    await expect(crm.findPersonsByEmail("not-an-address")).rejects.toMatchObject({ code: "CRM_BAD_REQUEST" });
    expect(seen).toHaveLength(0);
  });
});

describe("paging", () => {
  it("follows $top/$skip and odata.nextLink until a short page", async () => {
    const rows = Array.from({ length: 450 }, (_, i) => ({ associateDbId: i + 1, assocName: `U${i}`, fullName: `User ${i}`, personId: i + 100, personEmail: `U${i}@Firma.se`, isActive: true }));
    const { crm, seen } = client((req) => {
      const skip = Number(req.url.searchParams.get("$skip") ?? 0);
      const top = Number(req.url.searchParams.get("$top"));
      const slice = rows.slice(skip, skip + top);
      return page(slice, skip + top < rows.length ? `https://sod2.superoffice.com/Cust12345/api/v1/User?$skip=${skip + top}&$top=${top}` : null);
    });
    const associates = await crm.listAssociates();
    expect(associates).toHaveLength(450);
    expect(associates[0]).toEqual({ id: 1, initials: "U0", fullName: "User 0", email: "u0@firma.se", personId: 100 });
    expect(seen.map((s) => s.url.searchParams.get("$skip"))).toEqual([null, "200", "400"]);
  });
});

describe("appointments", () => {
  const row = (id: number, date: string, completed: boolean | string) => ({ appointmentId: id, date, endDate: date, completed, associateId: 5, contactId: 3, personId: 0, text: "Besök", type: "Möte" });

  it("asks for the last completed appointment and maps it, a UTC time converted to the tenant's zone", async () => {
    const { crm, seen } = client(() => page([row(11, "2026-11-02T09:00:00Z", true)]));
    const last = await crm.lastCompletedAppointment(3 as ContactId);
    expect(seen[0]!.url.searchParams.get("$filter")).toBe("contactId eq 3 and completed eq 1");
    expect(seen[0]!.url.searchParams.get("$orderBy")).toBe("date desc");
    expect(last).toEqual({ id: 11, contactId: 3, personId: null, associateId: 5, startDate: "2026-11-02T10:00:00", endDate: "2026-11-02T10:00:00", completed: true, typeName: "Möte", text: "Besök" });
  });

  it("scans itself when SuperOffice ignores the completed restriction", async () => {
    const { crm, seen } = client((req) =>
      req.url.searchParams.get("$filter")!.includes("completed")
        ? page([row(12, "2026-12-01", "False")])
        : page([row(12, "2026-12-01", "False"), row(10, "2026-10-01", "True")]),
    );
    const last = await crm.lastCompletedAppointment(3 as ContactId);
    expect(last?.id).toBe(10);
    expect(seen).toHaveLength(2);
  });

  it("builds the date-range query for a rep", async () => {
    const { crm, seen } = client(() => page([]));
    await crm.listAppointments({ from: "2026-11-23", to: "2026-11-29", associateId: 5 as AssociateId, completed: false });
    expect(seen[0]!.url.searchParams.get("$filter")).toBe("date between ('2026-11-23','2026-11-29') and associateId eq 5 and completed eq 0");
    await crm.listAppointments({ from: "2026-11-23", to: "2026-11-29", companyOwnerId: 7 as AssociateId });
    expect(seen[1]!.url.searchParams.get("$filter")).toBe("date between ('2026-11-23','2026-11-29') and contact/associateId eq 7");
    await expect(crm.listAppointments({ from: "2026-11-30", to: "2026-11-29" })).rejects.toMatchObject({ code: "CRM_BAD_REQUEST" });
  });

  it("creates and completes appointments with SuperOffice's enums", async () => {
    const entity = { AppointmentId: 99, StartDate: "2026-11-24T10:00:00", EndDate: "2026-11-24T10:30:00", Completed: "Completed", Task: { TaskListItemId: 2, Value: "Telefon" }, Contact: { ContactId: 3 }, Associate: { AssociateId: 5 }, Person: null, Description: "Ring" };
    const { crm, seen } = client(() => ({ status: 200, body: entity }));
    const created = await crm.createAppointment({ contactId: 3 as ContactId, associateId: 5 as AssociateId, taskId: 2, startDate: "2026-11-24T10:00", endDate: "2026-11-24T10:30", description: "Ring", completed: true, checklist: true });
    expect(seen[0]!.body).toEqual({ Contact: { ContactId: 3 }, Associate: { AssociateId: 5 }, Task: { TaskListItemId: 2 }, Description: "Ring", StartDate: "2026-11-24T10:00:00", EndDate: "2026-11-24T10:30:00", Type: "inChecklist", Completed: "Completed" });
    expect(created).toMatchObject({ id: 99, completed: true, typeName: "Telefon", personId: null });
    await crm.completeAppointment(99 as never);
    expect(seen[1]).toMatchObject({ method: "PATCH", body: [{ op: "replace", path: "/Completed", value: "Completed" }] });
    expect(seen[1]!.url.pathname).toBe("/Cust12345/api/v1/Appointment/99");
  });
});

describe("companies", () => {
  const contact = {
    ContactId: 3, Name: "Bergström Verkstad AB", OrgNr: "556123-4567", Number1: "", Number2: "10042",
    Category: { Id: 2, Value: "B", Rank: 2, Deleted: false }, Country: { CountryId: 752, Name: "Sverige", TwoLetterISOCountry: "SE" },
    Associate: { AssociateId: 5, Name: "AB", FullName: "Anna Berg", PersonId: 50 },
    CustomFields: { "SuperOffice:1": "[I:23]", "SuperOffice:1:DisplayText": "Utvid", "SuperOffice:1:org": "[I:23]", x_note: null },
  };

  it("maps the company and writes changes as JSON Patch", async () => {
    const { crm, seen } = client(() => ({ status: 200, body: contact }));
    const company = await crm.updateCompany(3 as ContactId, { categoryId: 2, ownerId: 5 as AssociateId, customFields: { "SuperOffice:1": "[I:23]" } });
    expect(seen[0]!.method).toBe("PATCH");
    expect(seen[0]!.body).toEqual([
      { op: "replace", path: "/Category/Id", value: 2 },
      { op: "replace", path: "/Associate", value: { AssociateId: 5 } },
      { op: "replace", path: "/CustomFields", value: { "SuperOffice:1": "[I:23]" } },
    ]);
    expect(company).toEqual({
      id: 3, name: "Bergström Verkstad AB", orgNr: "556123-4567", number: "10042", country: "SE",
      category: { id: 2, name: "B", deleted: false, rank: 2 },
      owner: { id: 5, initials: "AB", fullName: "Anna Berg", email: null, personId: 50 },
      customFields: { "SuperOffice:1": "[I:23]" },
    });
  });

  it("refuses an unknown country before calling SuperOffice", async () => {
    const { crm, seen } = client(() => ({ status: 200, body: contact }));
    await expect(crm.createCompany({ name: "X", country: "ZZ" })).rejects.toMatchObject({ code: "CRM_BAD_REQUEST" });
    expect(seen).toHaveLength(0);
    await crm.createCompany({ name: " Nordvik AS ", country: "no", ownerId: 5 as AssociateId, domain: "Nordvik.NO" });
    expect(seen[0]!.body).toEqual({ Name: "Nordvik AS", Country: { CountryId: 578 }, Associate: { AssociateId: 5 }, Domains: ["nordvik.no"] });
  });
});

describe("lists", () => {
  it("finds list items by name through the published layout, and caches", async () => {
    const { crm, seen } = client((req) => {
      if (req.url.pathname.endsWith("/Contact/UdefLayout/Published")) {
        return { status: 200, body: [{ ProgId: "", UdefIdentity: 7, FieldLabel: "Potential", FieldType: "List", UDListDefinitionId: 108, MdoListName: "" }] };
      }
      return { status: 200, body: [{ Id: 0, Name: "Rubrik" }, { Id: 31, Name: "A ", Deleted: false }, { Id: 32, Name: "b", Deleted: true }, { Id: 33, Name: "B" }] };
    });
    expect(await crm.findCustomFieldItemByName("SuperOffice:7", "a")).toEqual({ id: 31, name: "A", deleted: false, rank: 0 });
    expect(await crm.findCustomFieldItemByName("SuperOffice:7", "B")).toEqual({ id: 33, name: "B", deleted: false, rank: 0 });
    expect(seen.map((s) => s.url.pathname.replace("/Cust12345/api", ""))).toEqual(["/v1/Contact/UdefLayout/Published", "/v1/MDOList/udlist108"]);
    await expect(crm.listCustomFieldItems("SuperOffice:99")).rejects.toMatchObject({ code: "CRM_NOT_FOUND" });
  });
});

describe("selections", () => {
  it("makes the members exactly the wanted companies", async () => {
    const { crm, seen } = client((req) =>
      req.method === "GET" ? page([{ contactId: 1, personId: 0 }, { contactId: 2, personId: 0 }, { contactId: 2, personId: 20 }]) : { status: 204 },
    );
    const result = await crm.setSelectionMembers(9, [2, 3, 3] as ContactId[]);
    expect(result).toEqual({ added: 1, removed: 1 });
    expect(seen.slice(1).map((s) => [s.url.pathname.split("/").slice(-1)[0], s.body])).toEqual([
      ["AddPerson", [{ ContactId: 3, PersonId: 0 }]],
      ["RemovePerson", [{ ContactId: 1, PersonId: 0 }]],
    ]);
  });
});

describe("sales", () => {
  it("reads sold sales and reports the rows it cannot use", async () => {
    const { crm, seen } = client(() =>
      page([
        { saleId: 1, heading: "Order 1", amount: 1250.5, currency: "SEK", date: "2026-03-02T00:00:00", saleStatus: "Sold", contactId: 3, personId: 0, associateId: 5 },
        { saleId: 2, heading: "Order 2", amount: "[F:99.5]", currency: "NOK", date: "2026-03-04", saleStatus: 2, contactId: "4", personId: "", associateId: 5 },
        { saleId: 3, heading: "Open", amount: 10, currency: "SEK", date: "2026-03-05", saleStatus: "Open", contactId: 3 },
        { saleId: 4, heading: "Bad", amount: "lots", currency: "SEK", date: "2026-03-05", saleStatus: "Sold", contactId: 3 },
      ]),
    );
    const result = await crm.listSoldSales("2026-01-01", "2026-12-31");
    expect(seen[0]!.url.searchParams.get("$filter")).toBe("saleStatus eq 2 and date between ('2026-01-01','2026-12-31')");
    expect(result.sales).toEqual([
      { id: 1, contactId: 3, personId: null, associateId: 5, date: "2026-03-02", amount: 1250.5, currency: "SEK", heading: "Order 1" },
      { id: 2, contactId: 4, personId: null, associateId: 5, date: "2026-03-04", amount: 99.5, currency: "NOK", heading: "Order 2" },
    ]);
    expect(result.rejected).toEqual([
      { saleId: 3, reason: 'status "Open" is not Sold' },
      { saleId: 4, reason: 'amount "lots" is not a number' },
    ]);
  });
});

describe("documents", () => {
  it("creates the record, uploads the bytes and finds it again by ExternalRef", async () => {
    const doc = { DocumentId: 40, Header: "Re: Offert", Name: "re-offert.eml", Date: "2026-11-20T08:15:00", ExternalRef: "<abc@mail.example>", Contact: { ContactId: 3 }, Person: { PersonId: 7 }, Associate: { AssociateId: 5 } };
    const { crm, seen } = client((req) => {
      if (req.method === "GET" && req.url.pathname.endsWith("/v1/Document")) return page([{ documentId: 39 }, { documentId: 40 }]);
      if (req.method === "GET" && req.url.pathname.endsWith("/39")) return { status: 200, body: { ...doc, DocumentId: 39, ExternalRef: "<other@mail.example>" } };
      return { status: 200, body: doc };
    });
    const content = new TextEncoder().encode("From: a@b.se\r\n\r\nHej");
    const created = await crm.createDocument(
      { contactId: 3 as ContactId, personId: 7 as PersonId, associateId: 5 as AssociateId, templateId: 164, header: "Re: Offert", fileName: "re-offert.eml", date: "2026-11-20T08:15", externalRef: "<abc@mail.example>" },
      content,
    );
    expect(created).toMatchObject({ id: 40, externalRef: "<abc@mail.example>", date: "2026-11-20T08:15:00" });
    expect(seen[1]!.method).toBe("PUT");
    expect(seen[1]!.headers["Content-Type"]).toBe("application/octet-stream");
    expect(Buffer.from(seen[1]!.body as Uint8Array).toString()).toBe("From: a@b.se\r\n\r\nHej");

    const found = await crm.findDocumentByExternalRef({ contactId: 3 as ContactId, externalRef: "<abc@mail.example>", date: "2026-11-20T08:15:00" });
    expect(found?.id).toBe(40);
    expect(seen[2]!.url.searchParams.get("$filter")).toBe("contactId eq 3 and date between ('2026-11-19','2026-11-21')");
  });
});

describe("listCompanies", () => {
  it("reads Full-mode cells: ids for lists, encoded list UDFs, activity dates, across pages", async () => {
    const full = (raw: unknown, display: unknown = raw) => ({ DisplayValue: display, RawValue: raw, TooltipHint: "", LinkHint: "" });
    const { crm, seen } = client((req) => {
      const skip = Number(req.url.searchParams.get("$skip") ?? 0);
      const rows = [
        { PrimaryKey: 3, EntityName: "contact", contactId: full(3), name: full("Bergström Verkstad AB"), orgnr: full("556123-4567"), number: full("10042"), code: full(""), category: full(2, "B"), associateId: full(5, "AB"), country: full(752, "Sverige"), LastCompletedActivity: full("2026-10-01T09:00:00"), LastDoByActivity: full("1899-12-30T00:00:00"), "contactUdef/SuperOffice:1": full(23, "A") },
        { PrimaryKey: 4, EntityName: "contact", contactId: full(4), name: full("Nordvik AS"), orgnr: full(""), number: full(""), code: full("NV"), category: full(0, ""), associateId: full(0, ""), country: full(578, "Norge"), LastCompletedActivity: full(null, ""), LastDoByActivity: full("2026-12-01"), "contactUdef/SuperOffice:1": full(0, "") },
      ];
      return page(rows.slice(skip, skip + 1));
    });
    const companies = await crm.listCompanies({ ownerId: 5 as AssociateId, customFields: ["SuperOffice:1"], pageSize: 1 });
    expect(seen[0]!.url.searchParams.get("$mode")).toBe("Full");
    expect(seen[0]!.url.searchParams.get("$filter")).toBe("associateId eq 5");
    expect(seen).toHaveLength(3);
    expect(companies).toEqual([
      { id: 3, name: "Bergström Verkstad AB", orgNr: "556123-4567", number: "10042", code: null, country: "SE", categoryId: 2, ownerId: 5, customFields: { "SuperOffice:1": "[I:23]" }, lastCompletedActivity: "2026-10-01", lastPlannedActivity: null },
      { id: 4, name: "Nordvik AS", orgNr: null, number: null, code: "NV", country: "NO", categoryId: null, ownerId: null, customFields: {}, lastCompletedActivity: null, lastPlannedActivity: "2026-12-01" },
    ]);
  });

  it("refuses a row without a company id rather than dropping it", async () => {
    const { crm } = client(() => page([{ PrimaryKey: null, name: "?" }]));
    await expect(crm.listCompanies()).rejects.toMatchObject({ code: "CRM_UNKNOWN" });
  });
});

describe("list items in the rep's language", () => {
  it("asks SuperOffice in the language of the pane request and keeps one cached list per language", async () => {
    const names: Record<string, string> = { en: "Follow-up", sv: "Uppföljning", no: "Oppfølging" };
    const { crm, seen } = client((req) => ({ status: 200, body: [{ TaskListItemId: 5, Value: names[String(req.headers["SO-Language"])] ?? "?", Deleted: false, Rank: 5 }] }));
    const nameIn = async (language: "en" | "sv" | "nb" | null) => (await inCrmLanguage(language, () => crm.listTaskTypes()))[0]!.name;
    expect(await nameIn("sv")).toBe("Uppföljning");
    expect(await nameIn("nb")).toBe("Oppfølging");
    expect(await nameIn(null)).toBe("Follow-up");
    expect(await nameIn("sv")).toBe("Uppföljning");
    expect(await nameIn("en")).toBe("Follow-up");
    expect(seen.map((s) => [s.headers["SO-Language"], s.headers["Accept-Language"]])).toEqual([["sv", "sv"], ["no", "no"], ["en", "en"]]);
  });
});

describe("document content", () => {
  const doc = { DocumentId: 39, Header: "Offert", Name: "offert.eml", Date: "2026-11-20T10:00:00", ExternalRef: "<a@b>" };
  it("uploads through the Document agent (base64) where the tenant refuses the raw-bytes PUT, and stays with it", async () => {
    const { crm, seen } = client((req) => (req.method === "PUT" ? { status: 415, body: { Error: true, ErrorType: "UnsupportedMediaType", ErrorMessage: "no", ErrorSource: "x" } } : { status: 200, body: doc }));
    await expect(crm.uploadDocumentContent(39, new TextEncoder().encode("Hej"))).resolves.toMatchObject({ id: 39 });
    await crm.uploadDocumentContent(39, new TextEncoder().encode("Hej igen"));
    expect(seen.map((s) => `${s.method} ${s.url.pathname.replace("/Cust12345/api", "")}`)).toEqual([
      "PUT /v1/Document/39/Content",
      "POST /v1/Agents/Document/SetDocumentStreamFromId",
      "POST /v1/Agents/Document/SetDocumentStreamFromId",
    ]);
    expect(seen[1]!.body).toEqual({ DocumentId: 39, Stream: Buffer.from("Hej").toString("base64") });
  });

  it("does not fall back when the PUT failed for another reason", async () => {
    const { crm, seen } = client(() => ({ status: 403, body: { Error: true, ErrorType: "AccessDenied", ErrorMessage: "no", ErrorSource: "x" } }));
    await expect(crm.uploadDocumentContent(39, new TextEncoder().encode("Hej"))).rejects.toMatchObject({ code: "CRM_FORBIDDEN" });
    expect(seen).toHaveLength(1);
  });
});
