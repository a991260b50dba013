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
  "CRM_UNKNOWN",
] as const;
export type CrmErrorCode = (typeof CRM_ERROR_CODES)[number];

export class CrmError extends Error {
  override readonly name = "CrmError";
  constructor(
    readonly code: CrmErrorCode,
    message: string,
    /** The CRM's own error text and status, for logs only; never shown to users. */
    readonly detail?: { status?: number; crmMessage?: string; crmType?: string },
  ) {
    super(message);
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
