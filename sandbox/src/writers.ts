import { z } from "zod";
import { badRequest } from "./errors";
import { storedLocal } from "./request";
import type { AppointmentRec, ContactRec, DocumentRec, PersonRec, SelectionRec } from "./model";
import type { Store } from "./store";

/**
 * Saving wire entities (POST bodies, or an entity after PATCH) into records. Only the fields the sandbox
 * models are read; ids may come as numbers or numeric strings, as SuperOffice's serializer accepts both.
 * References to unknown ids are a 400 and nothing is saved.
 */

const Id = z.union([z.number().int(), z.string().regex(/^-?\d+$/).transform(Number)]);
const Text = z.string().nullish();
const Ref = (key: string) => z.looseObject({ [key]: Id.nullish() }).nullish();
const Elements = z.array(z.looseObject({ Value: z.string().nullish() })).nullish();
const DateText = z.string().regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/, "an ISO 8601 date").nullish();
const Dict = z.record(z.string(), z.string().nullable()).nullish();

function parse<T extends z.ZodType>(schema: T, body: unknown, entity: string): z.infer<T> {
  if (body === null || body === undefined || typeof body !== "object" || Array.isArray(body)) {
    throw badRequest("Entity to save is not in request body", "ArgumentNullException");
  }
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw badRequest(`Invalid ${entity}: ${issue?.path.join(".") ?? ""} ${issue?.message ?? ""}`.trim());
  }
  return result.data;
}

function values(elements: z.infer<typeof Elements>): string[] | undefined {
  return elements?.map((e) => (e.Value ?? "").trim()).filter((v) => v.length > 0);
}

/** Tenant-local timestamp "YYYY-MM-DDTHH:mm:ss" from an ISO date or date-time: `Z` and offsets converted, never dropped. */
export function localTimestamp(s: string): string {
  return storedLocal(s);
}

function need<T>(value: T | undefined, what: string, id: number): T {
  if (value === undefined) throw badRequest(`${what} id ${id} does not exist`);
  return value;
}

/** "[I:23]", "23" or "" → the encoded list value; unknown items are rejected. */
function encodeListUdef(store: Store, progId: string, raw: string | null): string {
  const def = store.data.listUdefs.find((u) => u.progId === progId);
  if (!def) throw badRequest(`Unknown custom field '${progId}'`);
  const text = (raw ?? "").trim();
  if (text === "" || text === "[I:0]" || text === "0") return "[I:0]";
  const m = /^(?:\[I:(\d+)\]|(\d+))$/.exec(text);
  const id = Number(m?.[1] ?? m?.[2] ?? NaN);
  if (!def.items.some((i) => i.id === id)) throw badRequest(`'${text}' is not an item of the list behind custom field '${progId}'`);
  return `[I:${id}]`;
}

const ContactWrite = z.looseObject({
  Name: Text, Department: Text, OrgNr: Text, Number1: Text, Number2: Text,
  Category: Ref("Id"), Business: Ref("Id"), Associate: Ref("AssociateId"), Country: Ref("CountryId"),
  Emails: Elements, Phones: Elements, Urls: Elements, Domains: z.array(z.string()).nullish(),
  CustomFields: Dict, UserDefinedFields: Dict,
});

export function writeContact(store: Store, target: ContactRec, body: unknown): void {
  const w = parse(ContactWrite, body, "ContactEntity");
  const next: ContactRec = { ...target };
  if (w.Name !== undefined && w.Name !== null) next.name = w.Name;
  if (next.name.trim() === "") throw badRequest("Contact name is required");
  if (w.Department != null) next.department = w.Department;
  if (w.OrgNr != null) next.orgNr = w.OrgNr;
  if (w.Number1 != null) next.number1 = w.Number1;
  if (w.Number2 != null) next.number2 = w.Number2;
  const categoryId = w.Category?.Id;
  if (categoryId != null) next.categoryId = categoryId === 0 ? 0 : need(store.data.categories.find((c) => c.id === categoryId), "Category", categoryId).id;
  const businessId = w.Business?.Id;
  if (businessId != null) next.businessId = businessId === 0 ? 0 : need(store.data.businesses.find((c) => c.id === businessId), "Business", businessId).id;
  const associateId = w.Associate?.AssociateId;
  if (associateId != null) next.associateId = need(store.associates.get(associateId), "Associate", associateId).id;
  const countryId = w.Country?.CountryId;
  if (countryId != null) next.countryId = need(store.data.countries.find((c) => c.id === countryId), "Country", countryId).id;
  next.emails = values(w.Emails) ?? next.emails;
  next.phones = values(w.Phones) ?? next.phones;
  next.urls = values(w.Urls) ?? next.urls;
  next.domains = w.Domains ?? next.domains;
  // CustomFields wins over the deprecated UserDefinedFields; display keys are read-only and ignored.
  const udef = { ...next.udef };
  for (const dict of [w.UserDefinedFields, w.CustomFields]) {
    for (const [key, value] of Object.entries(dict ?? {})) {
      if (/:(DisplayText|DisplayTooltip|org)$/.test(key)) continue;
      udef[key] = encodeListUdef(store, key, value);
    }
  }
  next.udef = udef;
  Object.assign(target, next);
}

const PersonWrite = z.looseObject({
  Firstname: Text, Lastname: Text, Title: Text, Contact: Ref("ContactId"), Emails: Elements, OfficePhones: Elements,
  MobilePhones: Elements, Retired: z.boolean().nullish(),
});

export function writePerson(store: Store, target: PersonRec, body: unknown): void {
  const w = parse(PersonWrite, body, "PersonEntity");
  const next: PersonRec = { ...target };
  if (w.Firstname != null) next.firstName = w.Firstname;
  if (w.Lastname != null) next.lastName = w.Lastname;
  if (`${next.firstName}${next.lastName}`.trim() === "") throw badRequest("Person needs a first or last name");
  if (w.Title != null) next.title = w.Title;
  const contactId = w.Contact?.ContactId;
  if (contactId != null) next.contactId = contactId === 0 ? 0 : need(store.contacts.get(contactId), "Contact", contactId).id;
  next.emails = values(w.Emails) ?? next.emails;
  next.phones = values(w.OfficePhones) ?? values(w.MobilePhones) ?? next.phones;
  if (w.Retired != null) next.retired = w.Retired;
  Object.assign(target, next);
}

const AppointmentWrite = z.looseObject({
  Contact: Ref("ContactId"), Person: Ref("PersonId"), Associate: Ref("AssociateId"), Task: Ref("TaskListItemId"),
  Sale: Ref("SaleId"), Description: Text, Title: Text, Location: Text, StartDate: DateText, EndDate: DateText,
  Type: z.enum(["Unknown", "inDiary", "inChecklist", "Note", "Document", "SavedReport", "BookingForDiary", "BookingForChecklist", "MergeDraft", "MergeFinal"]).nullish(),
  Completed: z.enum(["Unknown", "NotStarted", "Started", "Completed"]).nullish(),
  IsAlldayEvent: z.boolean().nullish(),
});

export function writeAppointment(store: Store, target: AppointmentRec, body: unknown, nowLocal: string): void {
  const w = parse(AppointmentWrite, body, "AppointmentEntity");
  const next: AppointmentRec = { ...target };
  const contactId = w.Contact?.ContactId;
  if (contactId != null) next.contactId = contactId === 0 ? 0 : need(store.contacts.get(contactId), "Contact", contactId).id;
  const personId = w.Person?.PersonId;
  if (personId != null) {
    next.personId = personId === 0 ? 0 : need(store.persons.get(personId), "Person", personId).id;
    // A person given without a company places the appointment at the person's company.
    if (personId !== 0 && next.contactId === 0) next.contactId = store.persons.get(personId)?.contactId ?? 0;
  }
  const associateId = w.Associate?.AssociateId;
  if (associateId != null) next.associateId = need(store.associates.get(associateId), "Associate", associateId).id;
  const taskId = w.Task?.TaskListItemId;
  if (taskId != null) next.taskId = need(store.data.tasks.find((t) => t.id === taskId), "Task", taskId).id;
  const saleId = w.Sale?.SaleId;
  if (saleId != null) next.saleId = saleId === 0 ? 0 : need(store.sales.get(saleId), "Sale", saleId).id;
  if (w.Description != null) next.description = w.Description;
  if (w.Title != null) next.title = w.Title;
  if (w.Location != null) next.location = w.Location;
  if (w.StartDate != null) next.startDate = localTimestamp(w.StartDate);
  if (w.EndDate != null) next.endDate = localTimestamp(w.EndDate);
  if (next.endDate < next.startDate) throw badRequest("EndDate is before StartDate");
  if (w.Type != null) {
    if (w.Type !== "inDiary" && w.Type !== "inChecklist") throw badRequest(`Appointment type '${w.Type}' is not supported here`);
    next.type = w.Type;
  }
  if (w.Completed != null) {
    if (w.Completed === "Completed" && next.completed !== "Completed") next.completedDate = nowLocal;
    if (w.Completed !== "Completed") next.completedDate = "";
    next.completed = w.Completed;
  }
  if (w.IsAlldayEvent != null) next.isAlldayEvent = w.IsAlldayEvent;
  Object.assign(target, next);
}

const SelectionWrite = z.looseObject({
  Name: Text, Description: Text, Associate: Ref("AssociateId"), SelectionCategory: Ref("Id"),
  SelectionType: z.enum(["Static", "Dynamic", "Combined"]).nullish(), TargetTableName: Text,
  TargetTableNumber: z.number().int().nullish(), IncludePerson: z.number().int().min(0).max(2).nullish(),
  CompanyUnique: z.boolean().nullish(), MainProviderName: Text,
});

export function writeSelection(store: Store, target: SelectionRec, body: unknown): void {
  const w = parse(SelectionWrite, body, "SelectionEntity");
  const next: SelectionRec = { ...target };
  if (w.Name != null) next.name = w.Name;
  if (next.name.trim() === "") throw badRequest("Selection name is required");
  if (w.Description != null) next.description = w.Description;
  const associateId = w.Associate?.AssociateId;
  if (associateId != null) next.associateId = need(store.associates.get(associateId), "Associate", associateId).id;
  const categoryId = w.SelectionCategory?.Id;
  if (categoryId != null) next.categoryId = categoryId === 0 ? 0 : need(store.data.selectionCategories.find((c) => c.id === categoryId), "SelectionCategory", categoryId).id;
  if (w.SelectionType != null) next.selectionType = w.SelectionType;
  if (w.TargetTableName != null) next.targetTableName = w.TargetTableName;
  if (w.TargetTableNumber != null) next.targetTableNumber = w.TargetTableNumber;
  if (w.IncludePerson != null) next.includePerson = w.IncludePerson;
  if (w.CompanyUnique != null) next.companyUnique = w.CompanyUnique;
  if (w.MainProviderName != null) next.mainProviderName = w.MainProviderName;
  Object.assign(target, next);
}

const DocumentWrite = z.looseObject({
  Header: Text, Name: Text, Description: Text, OurRef: Text, YourRef: Text, Attention: Text,
  DocumentTemplate: Ref("DocumentTemplateId"), Contact: Ref("ContactId"), Person: Ref("PersonId"), Associate: Ref("AssociateId"),
  Date: DateText, ExternalRef: Text, Completed: z.enum(["Unknown", "NotStarted", "Started", "Completed"]).nullish(),
});

export function writeDocument(store: Store, target: DocumentRec, body: unknown): void {
  const w = parse(DocumentWrite, body, "DocumentEntity");
  const next: DocumentRec = { ...target };
  for (const [key, field] of [["Header", "header"], ["Name", "name"], ["Description", "description"], ["OurRef", "ourRef"],
    ["YourRef", "yourRef"], ["Attention", "attention"], ["ExternalRef", "externalRef"]] as const) {
    const v = w[key];
    if (v != null) next[field] = v;
  }
  const templateId = w.DocumentTemplate?.DocumentTemplateId;
  if (templateId != null) next.templateId = need(store.data.docTemplates.find((t) => t.id === templateId), "DocumentTemplate", templateId).id;
  if (next.templateId === 0) throw badRequest("DocumentTemplate is required");
  const contactId = w.Contact?.ContactId;
  if (contactId != null) next.contactId = contactId === 0 ? 0 : need(store.contacts.get(contactId), "Contact", contactId).id;
  const personId = w.Person?.PersonId;
  if (personId != null) next.personId = personId === 0 ? 0 : need(store.persons.get(personId), "Person", personId).id;
  const associateId = w.Associate?.AssociateId;
  if (associateId != null) next.associateId = need(store.associates.get(associateId), "Associate", associateId).id;
  if (w.Date != null) next.date = localTimestamp(w.Date);
  if (w.Completed != null) next.completed = w.Completed;
  Object.assign(target, next);
}
