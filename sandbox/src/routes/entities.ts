import { appointmentArchive, contactArchive, personArchive } from "../archives";
import { badRequest, notFound } from "../errors";
import { CATEGORY, COUNTRY_ID } from "../demo/generate";
import { appointmentEntity, contactEntity, personEntity } from "../entities";
import type { AppointmentRec, ContactRec, PersonRec } from "../model";
import { runArchive } from "../odata/archive";
import { applyPatchBody, checkUnmodifiedSince } from "../patch";
import { writeAppointment, writeContact, writePerson } from "../writers";
import { archiveContext, archiveQuery, type Handler, intParam, nowLocal, nowUtc, type SandboxContext, webapiUrl } from "../context";

export type Route = (method: "GET" | "POST" | "PUT" | "PATCH", swaggerPath: string, handler: Handler) => void;

/** Person, Contact and Appointment: OData archives, default, create, read, PATCH. */
export function entityRoutes(route: Route, ctx: SandboxContext): void {
  const { store } = ctx;
  const url = () => webapiUrl(ctx);

  // ---- Person
  route("GET", "/api/v1/Person", (req) => runArchive(personArchive(store), archiveQuery(req), archiveContext(ctx, req, "Person")));
  route("GET", "/api/v1/Person/default", () => personEntity(store, blankPerson(ctx), null));
  route("GET", "/api/v1/Person/{id}", (req) => {
    const id = intParam(req, "id");
    const p = store.persons.get(id);
    if (!p) throw notFound("Person", id);
    return personEntity(store, p, url());
  });
  route("POST", "/api/v1/Person", async (req) => {
    const p = blankPerson(ctx);
    writePerson(store, p, req.body);
    p.id = store.nextId("person");
    store.addPerson(p);
    await store.commit();
    return personEntity(store, p, url());
  });

  // ---- Contact
  route("GET", "/api/v1/Contact", (req) => runArchive(contactArchive(store), archiveQuery(req), archiveContext(ctx, req, "Contact")));
  route("GET", "/api/v1/Contact/default", (req) => contactEntity(store, blankContact(ctx, req.principal?.associateId ?? 1), null));
  route("GET", "/api/v1/Contact/{id}", (req) => {
    const id = intParam(req, "id");
    const c = store.contacts.get(id);
    if (!c) throw notFound("Contact", id);
    return contactEntity(store, c, url());
  });
  route("POST", "/api/v1/Contact", async (req) => {
    const c = blankContact(ctx, req.principal?.associateId ?? 1);
    writeContact(store, c, req.body);
    c.id = store.nextId("contact");
    store.addContact(c);
    await store.commit();
    return contactEntity(store, c, url());
  });
  route("PATCH", "/api/v1/Contact/{id}", async (req) => {
    const id = intParam(req, "id");
    const c = store.contacts.get(id);
    if (!c) throw notFound("Contact", id);
    checkUnmodifiedSince(req.headers["if-unmodified-since"], c.updatedDate);
    const patched = applyPatchBody(contactEntity(store, c, null), req.body);
    const draft: ContactRec = { ...c, udef: { ...c.udef } };
    writeContact(store, draft, patched);
    Object.assign(c, draft, { updatedDate: nowUtc(ctx) });
    await store.commit();
    return contactEntity(store, c, url());
  });

  // ---- Appointment
  route("GET", "/api/v1/Appointment", (req) =>
    runArchive(appointmentArchive(store), archiveQuery(req), archiveContext(ctx, req, "FindAppointment")));
  route("GET", "/api/v1/Appointment/default", (req) => appointmentEntity(store, blankAppointment(ctx, req.principal?.associateId ?? 1), null));
  route("GET", "/api/v1/Appointment/{id}", (req) => {
    const id = intParam(req, "id");
    const a = store.appointments.get(id);
    if (!a) throw notFound("Appointment", id);
    return appointmentEntity(store, a, url());
  });
  route("POST", "/api/v1/Appointment", async (req) => {
    const a = blankAppointment(ctx, req.principal?.associateId ?? 1);
    writeAppointment(store, a, req.body, nowLocal(ctx));
    if (a.contactId === 0 && a.personId === 0) throw badRequest("An appointment needs a Contact or a Person");
    a.id = store.nextId("appointment");
    store.addAppointment(a);
    await store.commit();
    return appointmentEntity(store, a, url());
  });
  route("PATCH", "/api/v1/Appointment/{id}", async (req) => {
    const id = intParam(req, "id");
    const a = store.appointments.get(id);
    if (!a) throw notFound("Appointment", id);
    checkUnmodifiedSince(req.headers["if-unmodified-since"], a.updatedDate);
    const patched = applyPatchBody(appointmentEntity(store, a, null), req.body);
    const draft: AppointmentRec = { ...a };
    writeAppointment(store, draft, patched, nowLocal(ctx));
    Object.assign(a, draft, { updatedDate: nowUtc(ctx) });
    await store.commit();
    return appointmentEntity(store, a, url());
  });
}

function blankPerson(ctx: SandboxContext): PersonRec {
  const now = nowUtc(ctx);
  return { id: 0, contactId: 0, firstName: "", lastName: "", title: "", emails: [], phones: [], associateId: 0, retired: false, createdDate: now, updatedDate: now };
}

export function blankContact(ctx: SandboxContext, associateId: number): ContactRec {
  const now = nowUtc(ctx);
  const udef: Record<string, string> = {};
  for (const u of ctx.store.data.listUdefs) udef[u.progId] = "[I:0]";
  return {
    id: 0, name: "", department: "", orgNr: "", number1: "", number2: "", countryId: COUNTRY_ID.SE, categoryId: CATEGORY.prospect,
    businessId: 0, associateId, emails: [], phones: [], urls: [], domains: [], udef, city: "", createdDate: now, updatedDate: now,
    deleted: 0, isOwner: false,
  };
}

function blankAppointment(ctx: SandboxContext, associateId: number): AppointmentRec {
  const start = new Date(Math.ceil(ctx.now().getTime() / 3_600_000) * 3_600_000);
  const now = nowUtc(ctx);
  const local = (d: Date) => d.toISOString().slice(0, 19);
  return {
    id: 0, contactId: 0, personId: 0, associateId, taskId: 1, saleId: 0, startDate: local(start),
    endDate: local(new Date(start.getTime() + 3_600_000)), completedDate: "", title: "", description: "", location: "",
    type: "inDiary", completed: "NotStarted", priorityId: 1, isAlldayEvent: false, createdDate: now, updatedDate: now,
  };
}
