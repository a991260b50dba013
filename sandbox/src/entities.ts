import type {
  AppointmentRec, AssociateRec, ContactRec, CountryRec, DocTemplateRec, DocumentRec, ListItemRec, ListUdefRec,
  PersonRec, SaleRec, SelectionRec, TaskRec,
} from "./model";
import type { Store } from "./store";
import { localName } from "./request";

/**
 * Records → SuperOffice's JSON carriers, with SuperOffice's property names and casing (definitions in
 * test/contract/superoffice-subset.json). Unset reference-typed fields are null, as SuperOffice sends them.
 */

type Obj = Record<string, unknown>;

/** SuperOffice's ETableRight names ("Select, Update, Insert, Delete"), as the WebAPI serialises the flags. */
export const FULL_TABLE_RIGHT = { Mask: "Select, Update, Insert, Delete", Reason: "" };
const NO_DATE = "0001-01-01T00:00:00";

export function entityElements(values: string[], description = ""): Obj[] {
  return values.map((v) => ({ Value: v, StrippedValue: v.replace(/[\s-]/g, ""), Description: description, TableRight: null, FieldProperties: {} }));
}

export function associateCarrier(a: AssociateRec | undefined): Obj | null {
  if (!a) return null;
  const fullName = `${a.firstName} ${a.lastName}`;
  return {
    AssociateId: a.id, Name: a.initials, PersonId: a.personId, Rank: a.rank, Tooltip: fullName,
    Type: a.type === "Employee" ? "InternalAssociate" : "SystemAssociate", GroupIdx: 1,
    FullName: fullName, FormalName: fullName, Deleted: false, EjUserId: 0, UserName: a.initials,
    ExtraFields: {}, CustomFields: {}, TableRight: null, FieldProperties: {},
  };
}

function listCarrier(item: ListItemRec | undefined, extra: Obj = {}): Obj | null {
  if (!item) return null;
  return { Id: item.id, Value: localName(item), Tooltip: item.tooltip, ...extra, TableRight: null, FieldProperties: {} };
}

export function countryCarrier(c: CountryRec | undefined): Obj | null {
  if (!c) return null;
  return {
    CountryId: c.id, Name: c.name, CurrencyId: c.currencyId, EnglishName: c.englishName, TwoLetterISOCountry: c.iso2,
    ThreeLetterISOCountry: c.iso3, ImageDescription: `${c.iso2.toLowerCase()}.png`, OrgNrText: c.orgNrText,
    InterAreaPrefix: "00", DialInPrefix: c.dialInPrefix, ZipPrefix: c.iso2, DomainName: c.domainName, AddressLayoutId: 1,
    DomesticAddressLayoutId: 1, ForeignAddressLayoutId: 2, Rank: c.rank, Tooltip: "", Deleted: false, TableRight: null, FieldProperties: {},
  };
}

export function taskCarrier(t: TaskRec | undefined): Obj | null {
  if (!t) return null;
  return {
    TaskListItemId: t.id, Value: localName(t), Direction: t.direction, Type: t.type, Tooltip: t.tooltip, Deleted: t.deleted, IntentId: 0,
    Rank: t.rank, IsDefaultAlldayEvent: false, IsDefaultFree: false, IsDefaultPublished: false, ColorIndex: "BlueAlt1",
    DefaultVideomeetingStatus: "NoChange", TableRight: null, FieldProperties: {},
  };
}

/** The small Contact carrier embedded in Person/Appointment/Document entities. */
export function contactCarrier(store: Store, c: ContactRec | undefined): Obj | null {
  if (!c) return null;
  const owner = store.associates.get(c.associateId);
  const country = store.data.countries.find((x) => x.id === c.countryId);
  return {
    ContactId: c.id, Name: c.name, OrgNr: c.orgNr, Department: c.department, URL: c.urls[0] ?? "", City: c.city,
    DirectPhone: c.phones[0] ?? "", AssociateId: c.associateId, CountryId: c.countryId, EmailAddress: c.emails[0] ?? "",
    Kananame: "", EmailAddressName: "", URLName: "", AssociateFullName: owner ? `${owner.firstName} ${owner.lastName}` : "",
    BusinessName: store.data.businesses.find((b) => b.id === c.businessId)?.name ?? "",
    CategoryName: store.data.categories.find((b) => b.id === c.categoryId)?.name ?? "", CountryName: country?.name ?? "",
    Address: null, FormattedAddress: "", FullName: c.department ? `${c.name} ${c.department}` : c.name,
    IsOwnerContact: c.isOwner, ActiveErpLinks: 0, Number1: c.number1, Number2: c.number2, TableRight: null, FieldProperties: {},
  };
}

/** The small Person carrier embedded in Appointment/Document entities. */
export function personCarrier(store: Store, p: PersonRec | undefined): Obj | null {
  if (!p) return null;
  const c = store.contacts.get(p.contactId);
  const owner = c ? store.associates.get(c.associateId) : undefined;
  const fullName = `${p.firstName} ${p.lastName}`.trim();
  return {
    Position: "", PersonId: p.id, Mrmrs: "", Firstname: p.firstName, Lastname: p.lastName, MiddleName: "", Title: p.title,
    Description: "", Email: p.emails[0] ?? "", FullName: fullName, DirectPhone: p.phones[0] ?? "", FormalName: fullName,
    CountryId: c?.countryId ?? 0, ContactId: p.contactId, ContactName: c?.name ?? "", Retired: p.retired ? 1 : 0, Rank: 1,
    ActiveInterests: 0, ContactDepartment: c?.department ?? "", ContactCountryId: c?.countryId ?? 0, ContactOrgNr: c?.orgNr ?? "",
    FaxPhone: "", MobilePhone: "", ContactPhone: c?.phones[0] ?? "", AssociateName: owner?.initials ?? "",
    AssociateId: p.associateId, UsePersonAddress: false, ContactFax: "", Kanafname: "", Kanalname: "", Post1: "", Post2: "",
    Post3: "", EmailName: fullName, ContactFullName: c?.name ?? "", ActiveErpLinks: 0, TicketPriorityId: 0,
    SupportLanguageId: 0, SupportAssociateId: 0, CategoryName: c ? store.data.categories.find((x) => x.id === c.categoryId)?.name ?? "" : "",
    PersonNumber: "", TableRight: null, FieldProperties: {},
  };
}

/** CustomFields as SuperOffice returns them: encoded value, ":DisplayText" and ":DisplayTooltip" per list field. */
export function customFields(udefs: ListUdefRec[], values: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const u of udefs) {
    const encoded = values[u.progId] ?? "[I:0]";
    const id = Number(/^\[I:(\d+)\]$/.exec(encoded)?.[1] ?? 0);
    const item = u.items.find((i) => i.id === id);
    out[u.progId] = encoded;
    out[`${u.progId}:DisplayText`] = item?.name ?? "";
    out[`${u.progId}:DisplayTooltip`] = item?.tooltip ?? "";
  }
  return out;
}

export function links(webapiUrl: string, entity: string, id: number): Record<string, string> {
  return { Self: `${webapiUrl}/v1/${entity}/${id}`, Archive: `${webapiUrl}/v1/${entity}` };
}

/** CategoryGroup of the demo categories: tiers and former customers are customers. */
function categoryGroup(name: string): string {
  if (["A", "B", "C", "D", "Tidigare kund"].includes(name)) return "Customer";
  if (name === "Prospekt") return "PotentialCustomer";
  if (name === "Partner") return "Partner";
  return "Other";
}

export function contactEntity(store: Store, c: ContactRec, webapiUrl: string | null): Obj {
  const category = store.data.categories.find((x) => x.id === c.categoryId);
  const business = store.data.businesses.find((x) => x.id === c.businessId);
  const persons = store.data.persons.filter((p) => p.contactId === c.id && !p.retired).map((p) => personCarrier(store, p));
  const custom = customFields(store.data.listUdefs, c.udef);
  const entity: Obj = {
    ContactId: c.id, Name: c.name, Department: c.department, OrgNr: c.orgNr, Number1: c.number1, Number2: c.number2,
    UpdatedDate: c.updatedDate, CreatedDate: c.createdDate, Emails: entityElements(c.emails), Interests: [],
    Urls: entityElements(c.urls), Phones: entityElements(c.phones), Faxes: [], Description: "",
    UpdatedBy: null, CreatedBy: null, Associate: associateCarrier(store.associates.get(c.associateId)),
    Business: listCarrier(business),
    Category: listCarrier(category, { CategoryGroup: categoryGroup(category?.name ?? ""), EnableLeadStatus: false, Rank: category?.rank ?? 0, Deleted: category?.deleted ?? false }),
    Country: countryCarrier(store.data.countries.find((x) => x.id === c.countryId)),
    Persons: persons, NoMailing: false, Kananame: "", Xstop: false, ActiveInterests: 0, GroupId: 1, ActiveStatusMonitorId: 0,
    SupportAssociate: null, TicketPriority: null, CustomerLanguage: null, Deleted: c.deleted, DbiAgentId: 0,
    DbiLastSyncronized: NO_DATE, DbiKey: "", DbiLastModified: NO_DATE, SupportPerson: null, Address: null, Source: 0,
    ActiveErpLinks: 0, BounceEmails: [], Domains: c.domains, UtmParameters: null,
    UserDefinedFields: custom, ExtraFields: {}, CustomFields: custom, TableRight: FULL_TABLE_RIGHT, FieldProperties: {},
  };
  if (webapiUrl) entity._Links = links(webapiUrl, "Contact", c.id);
  return entity;
}

export function personEntity(store: Store, p: PersonRec, webapiUrl: string | null): Obj {
  const fullName = `${p.firstName} ${p.lastName}`.trim();
  const c = store.contacts.get(p.contactId);
  const associate = p.associateId ? store.associates.get(p.associateId) : undefined;
  const entity: Obj = {
    PersonId: p.id, Firstname: p.firstName, MiddleName: "", Lastname: p.lastName, Mrmrs: "", Title: p.title,
    UpdatedDate: p.updatedDate, CreatedDate: p.createdDate, BirthDate: NO_DATE, CreatedBy: null, Emails: entityElements(p.emails),
    Description: "", IsAssociate: p.associateId > 0, PrivatePhones: [], Faxes: [], MobilePhones: [], OfficePhones: entityElements(p.phones),
    OtherPhones: [], Position: null, UpdatedBy: null, Contact: contactCarrier(store, c),
    Country: countryCarrier(store.data.countries.find((x) => x.id === (c?.countryId ?? 752))), Interests: [], PersonNumber: "",
    FullName: fullName, NoMailing: false, UsePersonAddress: false, Retired: p.retired, Urls: [], FormalName: fullName,
    Address: null, Post3: "", Post2: "", Post1: "", Kanalname: "", Kanafname: "",
    CorrespondingAssociate: associateCarrier(associate), Category: null, Business: null, Associate: null, Salutation: "",
    ActiveInterests: 0, SupportAssociate: null, TicketPriority: null, CustomerLanguage: null, DbiAgentId: 0, DbiKey: "",
    DbiLastModified: NO_DATE, DbiLastSyncronized: NO_DATE, SentInfo: 0, ShowContactTickets: 0, UserInfo: null, ChatEmails: [],
    InternetPhones: [], Source: 0, ActiveErpLinks: 0, ShipmentTypes: [], Consents: [], BounceEmails: [], ActiveStatusMonitorId: 0,
    CreatedByFormId: 0, UtmParameters: null, LeadstatusId: 0, Leadstatus: "", UserDefinedFields: {}, ExtraFields: {},
    CustomFields: {}, TableRight: FULL_TABLE_RIGHT, FieldProperties: {},
  };
  if (webapiUrl) entity._Links = links(webapiUrl, "Person", p.id);
  return entity;
}

export function appointmentEntity(store: Store, a: AppointmentRec, webapiUrl: string | null): Obj {
  const sale = a.saleId ? store.sales.get(a.saleId) : undefined;
  const entity: Obj = {
    Associate: associateCarrier(store.associates.get(a.associateId)), Contact: contactCarrier(store, store.contacts.get(a.contactId)),
    CreatedBy: null, UpdatedBy: null, CreatedDate: a.createdDate, AppointmentId: a.id, Description: a.description, Title: a.title,
    Agenda: "", InternalNotes: "", StartDate: a.startDate, EndDate: a.endDate, InvitedPerson: null,
    Person: personCarrier(store, a.personId ? store.persons.get(a.personId) : undefined), MotherId: 0,
    Priority: listCarrier(store.data.priorities.find((x) => x.id === a.priorityId)), Private: "Public", Project: null, Type: a.type,
    UpdatedDate: a.updatedDate, Completed: a.completed, ActiveLinks: 0, Links: [], AlarmLeadTime: "00:00:00", HasAlarm: false,
    ColorIndex: 0, IsFree: false, IsAlldayEvent: a.isAlldayEvent, LagTime: "00:00:00", LeadTime: "00:00:00", Location: a.location,
    RejectCounter: 0, RejectReason: "", Recurrence: null, Participants: [], AssignmentStatus: "None", InvitationStatus: "None",
    BookingType: "None", ActiveDate: a.completed === "Completed" && a.completedDate ? a.completedDate : a.startDate,
    HasConflict: false, AssignedBy: null, MotherAssociate: null, Task: taskCarrier(store.data.tasks.find((t) => t.id === a.taskId)),
    PreferredTZLocation: 0, PreferredTZLocationData: null, Sale: sale ? saleCarrier(sale) : null, SuggestedAppointmentId: 0,
    IsMileStone: false, CautionWarning: "OK", OwnedExternally: "None", JoinVideomeetUrl: "", CentralserviceVideomeetId: "",
    UserDefinedFields: {}, ExtraFields: {}, CustomFields: {}, PublishEventDate: NO_DATE, PublishTo: NO_DATE, PublishFrom: NO_DATE,
    IsPublished: false, VisibleFor: [], TableRight: FULL_TABLE_RIGHT, FieldProperties: {},
  };
  if (webapiUrl) entity._Links = links(webapiUrl, "Appointment", a.id);
  return entity;
}

function saleCarrier(s: SaleRec): Obj {
  return {
    ContactName: "", SaleDate: s.saledate, SaleId: s.id, Probability: s.probability, Title: "", Amount: s.amount, Currency: s.currency,
    ProjectName: "", AssociateFullName: "", Description: "", Status: s.status, WeightedAmount: s.amount * s.probability / 100,
    ProjectId: 0, EarningPercent: 0, Earning: 0, ContactId: s.contactId, AssociateId: s.associateId, PersonId: s.personId,
    SaleTypeId: 0, SaleTypeName: "", PersonFullName: "", Completed: s.status === "Sold" ? "Completed" : "NotStarted",
    ActiveErpLinks: 0, NextDueDate: NO_DATE, Number: s.number, TableRight: null, FieldProperties: {},
  };
}

export function selectionEntity(store: Store, s: SelectionRec, webapiUrl: string | null): Obj {
  const category = store.data.selectionCategories.find((x) => x.id === s.categoryId);
  const entity: Obj = {
    Description: s.description, Postit: "", Associate: associateCarrier(store.associates.get(s.associateId)), CreatedBy: null,
    UpdatedBy: null, SelectionCategory: category ? { Id: category.id, Value: category.name, Tooltip: category.tooltip, TableRight: null, FieldProperties: {} } : null,
    GroupIdx: 1, IncludePerson: s.includePerson, MemberCount: s.members.length, Name: s.name, PostitTextId: 0, CreatedDate: s.createdDate,
    SelectionId: s.id, SoundEx: "", Source: 0, TextId: 0, UpdatedDate: s.updatedDate, UpdatedCount: 0, Visibility: 0,
    SelectionType: s.selectionType, CompanyUnique: s.companyUnique, TargetTableNumber: s.targetTableNumber,
    TargetTableName: s.targetTableName, Completed: false, LeftSelectionId: 0, RightSelectionId: 0, SelectionUnionType: "Unknown",
    MainProviderName: s.mainProviderName, ShadowProviderName: "", ChartKey: "", LastLoaded: NO_DATE, LastLoadedBy: 0,
    LastLoadedByAssociate: null, LastMembershipChange: s.updatedDate, LastMembershipChangeBy: s.associateId,
    LastMembershipChangeByAssociate: null, MainHeading: "", MemberTabHeading: "", MailingsProviderName: "",
    DashboardTileDefinitionId: 0, VisibleFor: [], TableRight: FULL_TABLE_RIGHT, FieldProperties: {},
  };
  if (webapiUrl) entity._Links = links(webapiUrl, "Selection", s.id);
  return entity;
}

export function documentTemplateCarrier(t: DocTemplateRec | undefined): Obj | null {
  if (!t) return null;
  return {
    DocumentTemplateId: t.id, Name: t.name, Tooltip: t.tooltip, SaveInDb: 1, Filename: t.filename, DefaultOref: "",
    RecordType: t.recordType, Deleted: t.deleted, Direction: t.direction, AutoeventId: 0, IntentId: 0, IsDefaultPublished: false,
    Rank: t.rank, LoadTemplateFromPlugin: 0, MimeType: t.mimeType, IsInUseInGuides: false, DocumentTypeKey: 0,
    QuoteDocType: "None", PrivacyDocType: "None", EmailSubject: "", IncludeSignature: false, ShowCurrents: false,
    SenderEmailMode: "UseDefaultSender", SenderEmailAddress: "", InvitationDocType: "None", TableRight: null, FieldProperties: {},
  };
}

/** The DocumentTemplate carrier inside a DocumentEntity (a smaller shape than the list entity). */
function documentTemplateRef(t: DocTemplateRec | undefined): Obj | null {
  if (!t) return null;
  return {
    DocumentTemplateId: t.id, Name: t.name, Tooltip: t.tooltip, SaveInDb: 1, Filename: t.filename, DefaultOref: "",
    RecordType: t.recordType, Deleted: 0, Direction: t.direction, AutoeventId: 0, QuoteDocType: "None", TableRight: null, FieldProperties: {},
  };
}

export function documentEntity(store: Store, d: DocumentRec, webapiUrl: string | null): Obj {
  const entity: Obj = {
    DocumentId: d.id, UpdatedBy: null, CreatedBy: null, Attention: d.attention, Header: d.header, Name: d.name, OurRef: d.ourRef,
    YourRef: d.yourRef, CreatedDate: d.createdDate, UpdatedDate: d.updatedDate, Description: d.description,
    DocumentTemplate: documentTemplateRef(store.data.docTemplates.find((t) => t.id === d.templateId)),
    Person: personCarrier(store, d.personId ? store.persons.get(d.personId) : undefined),
    Associate: associateCarrier(store.associates.get(d.associateId)), Contact: contactCarrier(store, store.contacts.get(d.contactId)),
    Project: null, Date: d.date, ExternalRef: d.externalRef, Completed: d.completed, ActiveLinks: 0, Type: "Document", Links: [],
    LockSemantics: "None", Sale: null, SuggestedDocumentId: 0, Snum: 0, UserDefinedFields: {}, ExtraFields: {}, CustomFields: {},
    PublishEventDate: NO_DATE, PublishTo: NO_DATE, PublishFrom: NO_DATE, IsPublished: false, VisibleFor: [],
    TableRight: FULL_TABLE_RIGHT, FieldProperties: {},
  };
  if (webapiUrl) entity._Links = links(webapiUrl, "Document", d.id);
  return entity;
}

export function listItemEntity(item: ListItemRec, udListDefinitionId = 0): Obj {
  return {
    Id: item.id, Name: localName(item), Tooltip: item.tooltip, Deleted: item.deleted, UdListDefinitionId: udListDefinitionId,
    Rank: item.rank, TableRight: null, FieldProperties: {},
  };
}

export function mdoListItem(id: number, name: string, tooltip: string, rank: number, extra: Partial<Record<"ExtraInfo" | "FullName" | "Type", string>> = {}): Obj {
  return {
    Id: id, Name: name, ToolTip: tooltip, Deleted: false, Rank: rank, Type: extra.Type ?? "", ChildItems: [], IconHint: "",
    ColorBlock: 0, ExtraInfo: extra.ExtraInfo ?? "", StyleHint: "", FullName: extra.FullName ?? name, TableRight: null, FieldProperties: {},
  };
}
