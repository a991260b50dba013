import type { AppointmentId, AssociateId, ContactId, PersonId } from "../../../shared/domain/vocabulary";
import type { AppCrm } from "../app";
import { CrmError, type CrmAppointment, type CrmAssociate, type CrmCompany, type CrmListItem, type CrmPerson, type CrmPort } from "../crm/port";

/**
 * An in-memory CrmPort for unit tests of routes and assembly only; integration tests use the real
 * SuperOffice client against the sandbox. Records every call so tests can assert what was asked.
 */
export class MemoryCrm implements AppCrm {
  readonly calls: string[] = [];
  persons: CrmPerson[] = [];
  companies: CrmCompany[] = [];
  associates: CrmAssociate[] = [];
  categories: CrmListItem[] = [];
  appointments: CrmAppointment[] = [];
  /** Items of list custom fields, by field key. */
  customFieldItems: Record<string, CrmListItem[]> = {};
  /** When set, every call fails with it. */
  failWith: CrmError | null = null;
  private nextId = 10_000;

  private call(name: string): void {
    this.calls.push(name);
    if (this.failWith) throw this.failWith;
  }

  async findPersonsByEmail(email: string): Promise<CrmPerson[]> {
    this.call("findPersonsByEmail");
    return this.persons.filter((p) => p.email.toLowerCase() === email.toLowerCase());
  }
  async getCompany(id: ContactId): Promise<CrmCompany> {
    this.call("getCompany");
    const company = this.companies.find((c) => c.id === id);
    if (!company) throw new CrmError("CRM_NOT_FOUND", `Contact ${id} not found`);
    return company;
  }
  async listCategories(): Promise<CrmListItem[]> {
    this.call("listCategories");
    return this.categories;
  }
  async listAssociates(): Promise<CrmAssociate[]> {
    this.call("listAssociates");
    return this.associates;
  }
  async listCustomFieldItems(fieldKey: string): Promise<CrmListItem[]> {
    this.call("listCustomFieldItems");
    const items = this.customFieldItems[fieldKey];
    if (!items) throw new CrmError("CRM_NOT_FOUND", `No published company custom field "${fieldKey}"`);
    return items;
  }
  async lastCompletedAppointment(contactId: ContactId): Promise<CrmAppointment | null> {
    this.call("lastCompletedAppointment");
    const done = this.appointments.filter((a) => a.contactId === contactId && a.completed);
    return done.sort((a, b) => b.startDate.localeCompare(a.startDate))[0] ?? null;
  }
  async nextPlannedAppointment(contactId: ContactId): Promise<CrmAppointment | null> {
    this.call("nextPlannedAppointment");
    const open = this.appointments.filter((a) => a.contactId === contactId && !a.completed);
    return open.sort((a, b) => a.startDate.localeCompare(b.startDate))[0] ?? null;
  }
  async createPerson(p: Parameters<CrmPort["createPerson"]>[0]): Promise<CrmPerson> {
    this.call("createPerson");
    const person: CrmPerson = { id: this.nextId++ as PersonId, contactId: p.contactId, fullName: `${p.firstName} ${p.lastName}`, email: p.email, title: p.title ?? null };
    this.persons.push(person);
    return person;
  }
  async createCompany(c: Parameters<CrmPort["createCompany"]>[0]): Promise<CrmCompany> {
    this.call("createCompany");
    const owner = this.associates.find((a) => a.id === c.ownerId) ?? null;
    const company: CrmCompany = { id: this.nextId++ as ContactId, name: c.name, orgNr: c.orgNr ?? null, number: null, country: c.country ?? null, category: null, owner, customFields: {} };
    this.companies.push(company);
    return company;
  }
  async createAppointment(a: Parameters<CrmPort["createAppointment"]>[0]): Promise<CrmAppointment> {
    this.call("createAppointment");
    const appointment: CrmAppointment = {
      id: this.nextId++ as AppointmentId,
      contactId: a.contactId,
      personId: a.personId ?? null,
      associateId: a.associateId as AssociateId,
      startDate: a.startDate,
      endDate: a.endDate,
      completed: a.completed,
      typeName: null,
      text: a.description,
    };
    this.appointments.push(appointment);
    return appointment;
  }
}
