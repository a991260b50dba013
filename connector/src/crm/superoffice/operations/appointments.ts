import type { AppointmentId, ContactId } from "../../../../../shared/domain/vocabulary";
import { CrmError, type AppointmentMove, type AppointmentQuery, type CrmAppointment, type NewAppointment } from "../../port";
import { localDateTime, mapAppointmentEntity, mapAppointmentRow } from "../mappers";
import { odataDate, odataInt } from "../odata";
import { APPOINTMENT_COLUMNS, RawAppointmentEntity, RawAppointmentRow } from "../raw";
import { fetchAllRows, fetchRows, type SoContext } from "./context";

const PATH = "/v1/Appointment";

/** How many rows the fallback scan reads when SuperOffice does not honour the `completed` filter. */
const FALLBACK_SCAN_ROWS = 200;

/**
 * The first appointment of a company in date order that is (or is not) completed. The filter asks
 * SuperOffice for exactly that; the answer is checked, and if the `completed` restriction was not
 * honoured the client scans the company's appointments in the same order itself.
 */
async function firstOfCompany(ctx: SoContext, contactId: ContactId, completed: boolean, order: "asc" | "desc"): Promise<CrmAppointment | null> {
  const what = completed ? "last completed appointment" : "next planned appointment";
  const rows = await fetchRows(
    ctx,
    PATH,
    what,
    {
      select: APPOINTMENT_COLUMNS,
      filter: `contactId eq ${odataInt(contactId)} and completed eq ${completed ? 1 : 0}`,
      orderBy: `date ${order}`,
      top: 1,
    },
    RawAppointmentRow,
  );
  const first = rows[0];
  if (first === undefined) return null;
  if (first.completed === completed) return mapAppointmentRow(first, ctx.config.tenantTimeZone);
  const scanned = await fetchAllRows(
    ctx,
    { path: PATH, what, query: { select: APPOINTMENT_COLUMNS, filter: `contactId eq ${odataInt(contactId)}`, orderBy: `date ${order}` }, pageSize: 50, maxRows: FALLBACK_SCAN_ROWS },
    RawAppointmentRow,
  ).catch((error: unknown) => {
    if (error instanceof CrmError) throw error;
    return null; // more rows than the scan allows: no answer rather than a wrong one
  });
  const match = scanned?.find((r) => r.completed === completed);
  return match ? mapAppointmentRow(match, ctx.config.tenantTimeZone) : null;
}

export function lastCompletedAppointment(ctx: SoContext, contactId: ContactId): Promise<CrmAppointment | null> {
  return firstOfCompany(ctx, contactId, true, "desc");
}

export function nextPlannedAppointment(ctx: SoContext, contactId: ContactId): Promise<CrmAppointment | null> {
  return firstOfCompany(ctx, contactId, false, "asc");
}

/** `date between ('from','to')`, both ISO dates, inclusive. */
export function dateRangeFilter(from: string, to: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to)) throw new CrmError("CRM_BAD_REQUEST", "Date range must be ISO dates");
  if (from > to) throw new CrmError("CRM_BAD_REQUEST", `Empty date range ${from}..${to}`);
  return `date between (${odataDate(from)},${odataDate(to)})`;
}

export async function listAppointments(ctx: SoContext, query: AppointmentQuery): Promise<CrmAppointment[]> {
  const parts = [dateRangeFilter(query.from, query.to)];
  if (query.associateId !== undefined) parts.push(`associateId eq ${odataInt(query.associateId)}`);
  if (query.companyOwnerId !== undefined) parts.push(`contact/associateId eq ${odataInt(query.companyOwnerId)}`);
  if (query.contactId !== undefined) parts.push(`contactId eq ${odataInt(query.contactId)}`);
  if (query.completed !== undefined) parts.push(`completed eq ${query.completed ? 1 : 0}`);
  const rows = await fetchAllRows(
    ctx,
    { path: PATH, what: "list appointments", query: { select: APPOINTMENT_COLUMNS, filter: parts.join(" and "), orderBy: "date asc" } },
    RawAppointmentRow,
  );
  return rows.map((row) => mapAppointmentRow(row, ctx.config.tenantTimeZone));
}

export async function createAppointment(ctx: SoContext, appointment: NewAppointment): Promise<CrmAppointment> {
  const start = localDateTime(appointment.startDate, ctx.config.tenantTimeZone);
  const end = localDateTime(appointment.endDate, ctx.config.tenantTimeZone);
  if (end < start) throw new CrmError("CRM_BAD_REQUEST", "An appointment cannot end before it starts");
  const body = {
    Contact: { ContactId: appointment.contactId },
    ...(appointment.personId ? { Person: { PersonId: appointment.personId } } : {}),
    Associate: { AssociateId: appointment.associateId },
    ...(appointment.taskId !== undefined ? { Task: { TaskListItemId: appointment.taskId } } : {}),
    Description: appointment.description,
    StartDate: start,
    EndDate: end,
    Type: appointment.checklist ? "inChecklist" : "inDiary",
    Completed: appointment.completed ? "Completed" : "NotStarted",
  };
  const raw = await ctx.http.json({ method: "POST", path: PATH, what: "create appointment", body }, RawAppointmentEntity);
  return mapAppointmentEntity(raw, ctx.config.tenantTimeZone);
}

export async function completeAppointment(ctx: SoContext, id: AppointmentId): Promise<CrmAppointment> {
  const raw = await ctx.http.json(
    { method: "PATCH", path: `${PATH}/${id}`, what: "complete appointment", body: [{ op: "replace", path: "/Completed", value: "Completed" }] },
    RawAppointmentEntity,
  );
  return mapAppointmentEntity(raw, ctx.config.tenantTimeZone);
}

export async function moveAppointment(ctx: SoContext, id: AppointmentId, move: AppointmentMove): Promise<CrmAppointment> {
  const start = localDateTime(move.startDate, ctx.config.tenantTimeZone);
  const end = localDateTime(move.endDate, ctx.config.tenantTimeZone);
  if (end < start) throw new CrmError("CRM_BAD_REQUEST", "An appointment cannot end before it starts");
  const body = [
    { op: "replace", path: "/StartDate", value: start },
    { op: "replace", path: "/EndDate", value: end },
    ...(move.description !== undefined ? [{ op: "replace", path: "/Description", value: move.description }] : []),
  ];
  const raw = await ctx.http.json({ method: "PATCH", path: `${PATH}/${id}`, what: "move appointment", body }, RawAppointmentEntity);
  return mapAppointmentEntity(raw, ctx.config.tenantTimeZone);
}
