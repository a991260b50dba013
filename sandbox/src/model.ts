/**
 * The sandbox tenant's own records (what its "database" holds). Routes map them to SuperOffice's wire
 * shapes in ./entities; the archives in ./archives expose them as OData columns.
 * Dates: "YYYY-MM-DDTHH:mm:ss" in tenant-local time for appointments/documents/sales (as SuperOffice
 * returns them without SO-TimeZone), and UTC ("…Z") for CreatedDate/UpdatedDate.
 */

export interface AssociateRec {
  id: number;
  personId: number;
  /** Login name, shown as the associate's Name (e.g. "AL"). */
  initials: string;
  firstName: string;
  lastName: string;
  email: string | null;
  /** SuperOffice associate type: a rep is an "Employee"; the integration's system user a "SystemAssociate". */
  type: "Employee" | "SystemAssociate";
  rank: number;
}

export interface ListItemRec {
  id: number;
  name: string;
  /** The name in other languages, by iso2 code (sv, en, no); served per SO-Language / Accept-Language. */
  names?: Partial<Record<"sv" | "en" | "no", string>>;
  tooltip: string;
  rank: number;
  deleted: boolean;
}

export interface TaskRec extends ListItemRec {
  /** TaskListItem.Type: what kind of activity this task type records. */
  type: "Appointment" | "Document" | "Email" | "Fax" | "Phone" | "ToDo";
  direction: "Unknown" | "Incoming" | "Outgoing";
}

export interface DocTemplateRec extends ListItemRec {
  recordType: "Document" | "Email" | "Appointment" | "Phone" | "Todo";
  direction: "Unknown" | "Incoming" | "Outgoing";
  mimeType: string;
  filename: string;
}

export interface CountryRec {
  id: number;
  name: string;
  englishName: string;
  iso2: string;
  iso3: string;
  currencyId: number;
  orgNrText: string;
  dialInPrefix: string;
  domainName: string;
  rank: number;
}

/** A list custom field on Contact ("SuperOffice:N"), with its own list ("udlistN"). */
export interface ListUdefRec {
  progId: string;
  udefIdentity: number;
  columnId: number;
  label: string;
  tooltip: string;
  listDefinitionId: number;
  items: ListItemRec[];
}

export interface ContactRec {
  id: number;
  name: string;
  department: string;
  orgNr: string;
  /** Number1 = "Code" in the UI; Number2 = "Number" (here: the ERP customer number). */
  number1: string;
  number2: string;
  countryId: number;
  categoryId: number;
  businessId: number;
  associateId: number;
  emails: string[];
  phones: string[];
  urls: string[];
  domains: string[];
  /** Custom field values keyed by ProgId, encoded as SuperOffice encodes them ("[I:23]"); list UDFs only here. */
  udef: Record<string, string>;
  city: string;
  createdDate: string;
  updatedDate: string;
  /** Bumped on every change; drives If-Unmodified-Since checks (with updatedDate). */
  deleted: number;
  isOwner: boolean;
}

export interface PersonRec {
  id: number;
  contactId: number;
  firstName: string;
  lastName: string;
  title: string;
  emails: string[];
  phones: string[];
  /** Set when this person is a user (associate) of the tenant. */
  associateId: number;
  retired: boolean;
  createdDate: string;
  updatedDate: string;
}

export type AppointmentCompleted = "Unknown" | "NotStarted" | "Started" | "Completed";
export type AppointmentType = "inDiary" | "inChecklist";

export interface AppointmentRec {
  id: number;
  contactId: number;
  personId: number;
  associateId: number;
  taskId: number;
  saleId: number;
  startDate: string;
  endDate: string;
  /** When it was marked completed; "" while not completed. */
  completedDate: string;
  title: string;
  description: string;
  location: string;
  type: AppointmentType;
  completed: AppointmentCompleted;
  priorityId: number;
  isAlldayEvent: boolean;
  createdDate: string;
  updatedDate: string;
}

export type SaleStatus = "Unknown" | "Open" | "Sold" | "Lost" | "Stalled";

export interface SaleRec {
  id: number;
  heading: string;
  amount: number;
  currency: string;
  /** Expected/won/lost date (tenant-local). */
  saledate: string;
  status: SaleStatus;
  probability: number;
  contactId: number;
  personId: number;
  associateId: number;
  number: string;
  createdDate: string;
  updatedDate: string;
}

export interface SelectionMemberRec {
  contactId: number;
  personId: number;
}

export interface SelectionRec {
  id: number;
  name: string;
  description: string;
  associateId: number;
  categoryId: number;
  selectionType: "Static" | "Dynamic" | "Combined";
  targetTableName: string;
  targetTableNumber: number;
  includePerson: number;
  companyUnique: boolean;
  mainProviderName: string;
  members: SelectionMemberRec[];
  createdDate: string;
  updatedDate: string;
}

export interface DocumentRec {
  id: number;
  header: string;
  name: string;
  description: string;
  ourRef: string;
  yourRef: string;
  attention: string;
  templateId: number;
  contactId: number;
  personId: number;
  associateId: number;
  saleId: number;
  date: string;
  externalRef: string;
  completed: AppointmentCompleted;
  /** Uploaded content, base64; null until PUT …/Content. */
  contentBase64: string | null;
  createdDate: string;
  updatedDate: string;
}

export interface TenantData {
  format: "kundrytm-sandbox-tenant";
  version: 1;
  tenant: string;
  seed: number;
  /** Reference date the demo history was generated around (ISO). */
  generatedFor: string;
  ownerContactId: number;
  associates: AssociateRec[];
  categories: ListItemRec[];
  businesses: ListItemRec[];
  tasks: TaskRec[];
  priorities: ListItemRec[];
  selectionCategories: ListItemRec[];
  docTemplates: DocTemplateRec[];
  countries: CountryRec[];
  currencies: ListItemRec[];
  listUdefs: ListUdefRec[];
  contacts: ContactRec[];
  persons: PersonRec[];
  appointments: AppointmentRec[];
  sales: SaleRec[];
  selections: SelectionRec[];
  documents: DocumentRec[];
  /** Next free primary key per table. */
  nextIds: Record<"contact" | "person" | "appointment" | "sale" | "selection" | "document", number>;
}
