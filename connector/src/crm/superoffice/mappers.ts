import type { AppointmentId, AssociateId, ContactId, PersonId } from "../../../../shared/domain/vocabulary";
import type { CrmAppointment, CrmAssociate, CrmCompany, CrmDocument, CrmDocumentTemplate, CrmListItem, CrmPerson, CrmSelection } from "../port";
import type { z } from "zod";
import type {
  RawAppointmentEntity,
  RawAppointmentRow,
  RawAssociate,
  RawContactEntity,
  RawDocumentEntity,
  RawDocumentTemplate,
  RawListItem,
  RawMdoListItem,
  RawPersonEntity,
  RawSelectionEntity,
  RawTaskListItem,
  RawUserRow,
} from "./raw";
import { toTenantLocal } from "./wire-time";

/** SuperOffice uses 0 for "no record" in carrier ids. */
function idOrNull<T extends number>(id: number | null | undefined): T | null {
  return id === null || id === undefined || id === 0 ? null : (id as T);
}

export function mapListItem(raw: RawListItem): CrmListItem {
  return { id: raw.Id, name: (raw.Name ?? "").trim(), deleted: raw.Deleted ?? false, rank: raw.Rank ?? 0 };
}

export function mapMdoListItem(raw: z.infer<typeof RawMdoListItem>): CrmListItem {
  return { id: raw.Id, name: (raw.Name ?? "").trim(), deleted: raw.Deleted ?? false, rank: raw.Rank ?? 0 };
}

export function mapTaskListItem(raw: z.infer<typeof RawTaskListItem>): CrmListItem {
  return { id: raw.TaskListItemId, name: (raw.Value ?? "").trim(), deleted: raw.Deleted ?? false, rank: raw.Rank ?? 0 };
}

export function mapAssociate(raw: z.infer<typeof RawAssociate>): CrmAssociate | null {
  if (raw.AssociateId === 0) return null;
  return {
    id: raw.AssociateId as AssociateId,
    initials: raw.Name ?? "",
    fullName: raw.FullName ?? raw.Name ?? "",
    email: null,
    personId: idOrNull<PersonId>(raw.PersonId),
  };
}

export function mapUserRow(row: z.infer<typeof RawUserRow>): CrmAssociate {
  const email = row.personEmail?.trim();
  return {
    id: row.associateDbId as AssociateId,
    initials: row.assocName ?? "",
    fullName: row.fullName ?? row.assocName ?? "",
    email: email ? email.toLowerCase() : null,
    personId: idOrNull<PersonId>(row.personId),
  };
}

export function mapCompany(raw: RawContactEntity): CrmCompany {
  const customFields: Record<string, string> = {};
  // Older NetServers send only the deprecated UserDefinedFields (and ExtraFields); CustomFields combines both.
  const source = raw.CustomFields ?? { ...(raw.UserDefinedFields ?? {}), ...(raw.ExtraFields ?? {}) };
  for (const [key, value] of Object.entries(source)) {
    // ":org", ":DisplayText" and ":DisplayTooltip" companions are presentation, not values.
    if (value !== null && !key.endsWith(":org") && !key.endsWith(":DisplayText") && !key.endsWith(":DisplayTooltip")) {
      customFields[key] = value;
    }
  }
  const category = raw.Category && raw.Category.Id !== 0
    ? { id: raw.Category.Id, name: (raw.Category.Value ?? "").trim(), deleted: raw.Category.Deleted ?? false, rank: raw.Category.Rank ?? 0 }
    : null;
  const iso = raw.Country?.TwoLetterISOCountry?.trim().toUpperCase();
  return {
    id: raw.ContactId as ContactId,
    name: raw.Name ?? "",
    orgNr: raw.OrgNr?.trim() || null,
    number: raw.Number2?.trim() || raw.Number1?.trim() || null,
    country: iso && /^[A-Z]{2}$/.test(iso) ? iso : null,
    category,
    owner: raw.Associate ? mapAssociate(raw.Associate) : null,
    customFields,
  };
}

export function mapPersonEntity(raw: RawPersonEntity, preferredEmail?: string): CrmPerson {
  const emails = (raw.Emails ?? []).map((e) => (e.Value ?? "").trim()).filter((e) => e !== "");
  const email = (preferredEmail && emails.find((e) => e.toLowerCase() === preferredEmail.toLowerCase())) || emails[0] || "";
  const fullName = raw.FullName?.trim() || [raw.Firstname, raw.MiddleName, raw.Lastname].filter(Boolean).join(" ");
  return {
    id: raw.PersonId as PersonId,
    contactId: idOrNull<ContactId>(raw.Contact?.ContactId),
    fullName,
    email,
    title: raw.Title?.trim() || null,
  };
}

/**
 * A wire date-time as the port's tenant-local ISO without designator: a `Z` or offset is converted to
 * the tenant's zone (`wire-time.ts`), a value without one is tenant time already.
 */
export function localDateTime(value: string, zone: string): string {
  return toTenantLocal(value, zone);
}

export function mapAppointmentEntity(raw: RawAppointmentEntity, zone: string): CrmAppointment {
  return {
    id: raw.AppointmentId as AppointmentId,
    contactId: idOrNull<ContactId>(raw.Contact?.ContactId),
    personId: idOrNull<PersonId>(raw.Person?.PersonId),
    associateId: idOrNull<AssociateId>(raw.Associate?.AssociateId),
    startDate: localDateTime(raw.StartDate, zone),
    endDate: localDateTime(raw.EndDate, zone),
    completed: raw.Completed === "Completed",
    typeName: raw.Task?.Value?.trim() || null,
    text: raw.Description ?? "",
  };
}

export function mapAppointmentRow(row: RawAppointmentRow, zone: string): CrmAppointment {
  return {
    id: row.appointmentId as AppointmentId,
    contactId: idOrNull<ContactId>(row.contactId),
    personId: idOrNull<PersonId>(row.personId),
    associateId: idOrNull<AssociateId>(row.associateId),
    startDate: localDateTime(row.date, zone),
    endDate: localDateTime(row.endDate ?? row.date, zone),
    completed: row.completed,
    typeName: row.type?.trim() || null,
    text: row.text ?? "",
  };
}

export function mapSelection(raw: RawSelectionEntity): CrmSelection {
  return {
    id: raw.SelectionId,
    name: raw.Name ?? "",
    ownerId: idOrNull<AssociateId>(raw.Associate?.AssociateId),
    memberCount: raw.MemberCount ?? null,
  };
}

export function mapDocumentTemplate(raw: z.infer<typeof RawDocumentTemplate>): CrmDocumentTemplate {
  return {
    id: raw.DocumentTemplateId,
    name: (raw.Name ?? "").trim(),
    recordType: raw.RecordType ?? null,
    direction: raw.Direction ?? null,
    deleted: raw.Deleted ?? false,
  };
}

export function mapDocument(raw: RawDocumentEntity, zone: string): CrmDocument {
  return {
    id: raw.DocumentId,
    contactId: idOrNull<ContactId>(raw.Contact?.ContactId),
    personId: idOrNull<PersonId>(raw.Person?.PersonId),
    associateId: idOrNull<AssociateId>(raw.Associate?.AssociateId),
    header: raw.Header ?? "",
    fileName: raw.Name ?? "",
    date: raw.Date ? localDateTime(raw.Date, zone) : null,
    externalRef: raw.ExternalRef?.trim() ? raw.ExternalRef : null,
  };
}

/** List look-ups by name: trimmed, case-insensitive, deleted items ignored. */
export function findByName(items: readonly CrmListItem[], name: string): CrmListItem | null {
  const wanted = name.trim().toLocaleLowerCase("en");
  return items.find((i) => !i.deleted && i.name.toLocaleLowerCase("en") === wanted) ?? null;
}
