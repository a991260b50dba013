import type { AppointmentId, AssociateId, ContactId, PersonId } from "../../../shared/domain/vocabulary";

/**
 * What the connector needs from a CRM, in the connector's own shapes. The SuperOffice client in
 * ./superoffice implements it; nothing outside ./superoffice sees SuperOffice's raw shapes.
 * Failures are thrown as CrmError with one of a few neutral codes.
 */

export const CRM_ERROR_CODES = [
  "CRM_UNAUTHORIZED",
  "CRM_FORBIDDEN",
  "CRM_NOT_FOUND",
  "CRM_CONFLICT",
  "CRM_BAD_REQUEST",
  "CRM_TEMPORARY",
  /** SuperOffice did not answer within the call's bound (or the caller's deadline), or the caller has gone. */
  "CRM_TIMEOUT",
  /** Not sent: the call budget's queue is longer than the caller's deadline allows (detail.retryAfterSeconds). */
  "CRM_OVERLOADED",
  "CRM_UNKNOWN",
] as const;
export type CrmErrorCode = (typeof CRM_ERROR_CODES)[number];

export class CrmError extends Error {
  override readonly name = "CrmError";
  constructor(
    readonly code: CrmErrorCode,
    message: string,
    /** The CRM's own error text and status, for logs only; never shown to users. */
    readonly detail?: { status?: number; crmMessage?: string; crmType?: string; retryAfterSeconds?: number },
  ) {
    super(message);
  }
}

/** The document record exists but its content was not stored: `uploadDocumentContent(documentId, …)` completes it. */
export class CrmDocumentContentError extends CrmError {
  constructor(
    code: CrmErrorCode,
    message: string,
    readonly documentId: number,
    detail?: CrmError["detail"],
  ) {
    super(code, message, detail);
  }
}

export interface CrmAssociate {
  id: AssociateId;
  initials: string;
  fullName: string;
  email: string | null;
  personId: PersonId | null;
}

export interface CrmPerson {
  id: PersonId;
  contactId: ContactId | null;
  fullName: string;
  email: string;
  title: string | null;
}

export interface CrmListItem {
  id: number;
  name: string;
  deleted: boolean;
  rank: number;
}

export interface CrmCompany {
  id: ContactId;
  name: string;
  orgNr: string | null;
  number: string | null;
  /** ISO 3166 alpha-2 where the CRM's country maps to one. */
  country: string | null;
  category: CrmListItem | null;
  owner: CrmAssociate | null;
  /** Custom field values as the CRM encodes them, keyed by ProgId or "SuperOffice:N". */
  customFields: Record<string, string>;
}

export interface CrmAppointment {
  id: AppointmentId;
  contactId: ContactId | null;
  personId: PersonId | null;
  associateId: AssociateId | null;
  /** ISO 8601 local date-time (tenant time). */
  startDate: string;
  endDate: string;
  completed: boolean;
  /** Activity type name from the CRM's task list, when known. */
  typeName: string | null;
  text: string;
}

export interface NewPerson {
  contactId: ContactId;
  firstName: string;
  lastName: string;
  email: string;
  title?: string;
}

export interface NewCompany {
  name: string;
  orgNr?: string;
  country?: string;
  ownerId?: AssociateId;
  domain?: string;
}

export interface NewAppointment {
  contactId: ContactId;
  personId?: PersonId | null;
  associateId: AssociateId;
  /** Task list item id (activity type). */
  taskId?: number;
  startDate: string;
  endDate: string;
  description: string;
  completed: boolean;
  /** Shown in the checklist (a task) rather than the diary. */
  checklist?: boolean;
}

export interface CrmPort {
  /**
   * The IANA time zone the CRM's local date-times are in (the tenant's base time zone). Dates taken
   * from appointments are dates in this zone, so "today" is compared in it too. Default Europe/Stockholm.
   */
  readonly timeZone?: string;
  /**
   * Whether the CRM tenant is up, asked before scheduled jobs (and after a move found by a 421); null
   * when the CRM has no status service.
   */
  tenantState?(): Promise<{ state: string; running: boolean; validUntil: string | null; webapiUrl?: string | null } | null>;
  findPersonsByEmail(email: string): Promise<CrmPerson[]>;
  getCompany(id: ContactId): Promise<CrmCompany>;
  listCategories(): Promise<CrmListItem[]>;
  listAssociates(): Promise<CrmAssociate[]>;
  /** The latest completed appointment of a company, if any. */
  lastCompletedAppointment(contactId: ContactId): Promise<CrmAppointment | null>;
  /** The earliest appointment of a company that is not completed, if any. */
  nextPlannedAppointment(contactId: ContactId): Promise<CrmAppointment | null>;
  createPerson(person: NewPerson): Promise<CrmPerson>;
  createCompany(company: NewCompany): Promise<CrmCompany>;
  createAppointment(appointment: NewAppointment): Promise<CrmAppointment>;
}

// ---------------------------------------------------------------------------------------------
// The rest of what the connector's jobs need from a CRM (tier write-back, logging activities,
// weekly lists, e-mail archiving, order history). Implemented by the SuperOffice client.

/** A custom field on companies, as the CRM publishes it. */
export interface CrmCustomField {
  /** ProgId, or "SuperOffice:N" when the field has none; the key in `CrmCompany.customFields`. */
  key: string;
  label: string;
  /** The CRM's field type name, e.g. "List", "ShortText", "Number". */
  type: string;
  /** For list fields: the name of the list holding its items. */
  listName: string | null;
}

/** A partial change to a company; only the fields present are written. */
export interface CompanyUpdate {
  /** Category list item id (the tier); null clears it. */
  categoryId?: number | null;
  ownerId?: AssociateId;
  /** Custom-field values encoded as the CRM stores them (e.g. "[I:23]" for a list item), keyed like `CrmCompany.customFields`. */
  customFields?: Record<string, string>;
}

export interface AppointmentQuery {
  /** Inclusive ISO dates (yyyy-MM-dd), tenant time. */
  from: string;
  to: string;
  /** Owner of the appointments (the rep). */
  associateId?: AssociateId;
  /** Owner of the appointments' companies (the rep's customers). */
  companyOwnerId?: AssociateId;
  contactId?: ContactId;
  completed?: boolean;
}

export interface AppointmentMove {
  startDate: string;
  endDate: string;
  description?: string;
}

export interface CrmSelection {
  id: number;
  name: string;
  ownerId: AssociateId | null;
  memberCount: number | null;
}

export interface NewSelection {
  name: string;
  description?: string;
  ownerId: AssociateId;
}

export interface CrmDocumentTemplate {
  id: number;
  name: string;
  /** e.g. "Email", "Document". */
  recordType: string | null;
  /** "Incoming" | "Outgoing" | … */
  direction: string | null;
  deleted: boolean;
}

export interface CrmDocument {
  id: number;
  contactId: ContactId | null;
  personId: PersonId | null;
  associateId: AssociateId | null;
  header: string;
  fileName: string;
  date: string | null;
  /** For archived e-mails: the Internet Message-ID. */
  externalRef: string | null;
}

export interface NewDocument {
  contactId: ContactId;
  personId?: PersonId | null;
  associateId: AssociateId;
  templateId: number;
  /** Subject line shown in the CRM. */
  header: string;
  fileName: string;
  /** ISO local date-time; null: the CRM dates the document itself (when it is created). */
  date: string | null;
  externalRef: string;
  description?: string;
}

/** A company found by an e-mail domain, and what matched: its own e-mail address or its web address. */
export interface CrmCompanyDomainMatch {
  id: ContactId;
  name: string;
  matchedBy: ("email" | "website")[];
}

export interface CrmSale {
  id: number;
  contactId: ContactId | null;
  personId: PersonId | null;
  associateId: AssociateId | null;
  /** ISO date of the sale. */
  date: string;
  amount: number;
  currency: string | null;
  heading: string;
}

/** Sales that could not be read, each with its reason; never dropped silently. */
export interface CrmSalesPage {
  sales: CrmSale[];
  rejected: { saleId: number | null; reason: string }[];
}

/**
 * One company as a bulk listing gives it: ids instead of names for lists, custom fields encoded as the
 * CRM stores them, and the dates of its last completed and last planned activity.
 */
export interface CrmCompanySummary {
  id: ContactId;
  name: string;
  orgNr: string | null;
  /** The ERP customer number ("Number" in the UI). */
  number: string | null;
  /** The short code ("Code" in the UI). */
  code: string | null;
  /** ISO 3166 alpha-2 where the CRM's country maps to one. */
  country: string | null;
  categoryId: number | null;
  ownerId: AssociateId | null;
  /** Only the fields asked for, keyed like `CrmCompany.customFields`; list fields as "[I:id]". */
  customFields: Record<string, string>;
  /** ISO date of the latest completed activity, if any. */
  lastCompletedActivity: string | null;
  /** ISO date of the latest activity not completed, if any (a planned contact exists on or after it). */
  lastPlannedActivity: string | null;
}

export interface CompanyListQuery {
  /** Custom fields to include (ProgId or "SuperOffice:N"). */
  customFields?: readonly string[];
  /** Only companies owned by this associate. */
  ownerId?: AssociateId;
  /** Include the last completed and last planned activity dates (costlier for the CRM; off by default). */
  activityDates?: boolean;
  pageSize?: number;
}

export interface CategoryChange {
  contactId: ContactId;
  categoryId: number;
}

export interface CategoryChangeResult {
  /** Companies whose category changed. */
  updated: number;
  /** Companies that already had the category. */
  unchanged: number;
  /** "bulk": the DatabaseTable agent; "per-company": one PATCH each (the agent was not available). */
  via: "bulk" | "per-company";
}

export interface CrmFullPort extends CrmPort {
  getPerson(id: PersonId): Promise<CrmPerson>;
  /** Every company, page by page in one archive query: the economical way to read a whole portfolio. */
  listCompanies(query?: CompanyListQuery): Promise<CrmCompanySummary[]>;
  updateCompany(id: ContactId, update: CompanyUpdate): Promise<CrmCompany>;
  /**
   * Sets the category of many companies in a few calls (a bulk write where the CRM offers one, else one
   * update per company). Setting a category a company already has changes nothing.
   */
  setCompanyCategories(changes: readonly CategoryChange[]): Promise<CategoryChangeResult>;
  /** Category by name, case-insensitive, ignoring deleted items; cached. */
  findCategoryByName(name: string): Promise<CrmListItem | null>;
  listTaskTypes(): Promise<CrmListItem[]>;
  findTaskTypeByName(name: string): Promise<CrmListItem | null>;
  listCompanyCustomFields(): Promise<CrmCustomField[]>;
  /** Items of a list custom field on companies (e.g. potential A–D, account type Expand/Keep); cached. */
  listCustomFieldItems(fieldKey: string): Promise<CrmListItem[]>;
  findCustomFieldItemByName(fieldKey: string, name: string): Promise<CrmListItem | null>;
  /** All appointments matching the query, across pages. */
  listAppointments(query: AppointmentQuery): Promise<CrmAppointment[]>;
  completeAppointment(id: AppointmentId): Promise<CrmAppointment>;
  /** Moves a planned appointment to new start and end times (ISO local date-times) and, when given, sets its text. */
  moveAppointment(id: AppointmentId, move: AppointmentMove): Promise<CrmAppointment>;
  findSelectionByName(name: string): Promise<CrmSelection | null>;
  createStaticSelection(selection: NewSelection): Promise<CrmSelection>;
  addSelectionMembers(selectionId: number, contactIds: readonly ContactId[]): Promise<void>;
  /** Makes the selection's company members exactly `contactIds`. */
  setSelectionMembers(selectionId: number, contactIds: readonly ContactId[]): Promise<{ added: number; removed: number }>;
  listDocumentTemplates(): Promise<CrmDocumentTemplate[]>;
  /** Creates the document and uploads its content. */
  createDocument(document: NewDocument, content: Uint8Array): Promise<CrmDocument>;
  /** Uploads (again) the content of an existing document. */
  uploadDocumentContent(documentId: number, content: Uint8Array): Promise<CrmDocument>;
  /**
   * The document on `contactId` whose ExternalRef equals `externalRef` exactly, if any. `date` (the
   * e-mail's ISO date) narrows the search to documents dated within a day of it.
   */
  findDocumentByExternalRef(query: { contactId: ContactId; externalRef: string; date: string }): Promise<CrmDocument | null>;
  /** Persons (not former employees) whose e-mail address is at `domain` (e.g. "acme.se"); at most `limit`. */
  findPersonsByEmailDomain(domain: string, limit?: number): Promise<CrmPerson[]>;
  /** Companies whose e-mail address is at `domain` or whose web address is on it; at most `limit`. */
  findCompaniesByDomain(domain: string, limit?: number): Promise<CrmCompanyDomainMatch[]>;
  /** Sales with status Sold dated within [from, to] (ISO dates), across pages. */
  listSoldSales(from: string, to: string): Promise<CrmSalesPage>;
}
