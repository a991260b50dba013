import { z } from "zod";
import { documentArchive, saleArchive, selectionArchive, selectionMemberArchive, userArchive } from "../archives";
import { badRequest, notFound, SoError } from "../errors";
import { documentEntity, selectionEntity } from "../entities";
import type { DocumentRec, SelectionRec } from "../model";
import { runArchive } from "../odata/archive";
import { applyPatchBody, checkUnmodifiedSince } from "../patch";
import { writeDocument, writeSelection } from "../writers";
import { archiveContext, archiveQuery, intParam, nowLocal, nowUtc, type SandboxContext, webapiUrl } from "../context";
import type { Route } from "./entities";

const Id = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);
const ContactPersonIds = z.array(z.looseObject({ ContactId: Id.nullish(), PersonId: Id.nullish() }));

/** Selections (static follow-up lists), documents (archived e-mails), sales and the current principal. */
export function otherRoutes(route: Route, ctx: SandboxContext): void {
  const { store } = ctx;
  const url = () => webapiUrl(ctx);
  const selectionOf = (id: number) => {
    const s = store.selections.get(id);
    if (!s) throw notFound("Selection", id);
    return s;
  };

  // ---- Selection
  route("GET", "/api/v1/Selection", (req) => runArchive(selectionArchive(store), archiveQuery(req), archiveContext(ctx, req, "Selection")));
  route("GET", "/api/v1/Selection/default", (req) => selectionEntity(store, blankSelection(ctx, req.principal?.associateId ?? 1), null));
  route("GET", "/api/v1/Selection/{id}", (req) => selectionEntity(store, selectionOf(intParam(req, "id")), url()));
  route("POST", "/api/v1/Selection", async (req) => {
    const s = blankSelection(ctx, req.principal?.associateId ?? 1);
    writeSelection(store, s, req.body);
    s.id = store.nextId("selection");
    store.addSelection(s);
    await store.commit();
    return selectionEntity(store, s, url());
  });
  route("PATCH", "/api/v1/Selection/{id}", async (req) => {
    const s = selectionOf(intParam(req, "id"));
    checkUnmodifiedSince(req.headers["if-unmodified-since"], s.updatedDate);
    const draft: SelectionRec = { ...s };
    writeSelection(store, draft, applyPatchBody(selectionEntity(store, s, null), req.body));
    Object.assign(s, draft, { updatedDate: nowUtc(ctx) });
    await store.commit();
    return selectionEntity(store, s, url());
  });
  route("GET", "/api/v1/Selection/{selectionId}/Members", (req) => {
    const s = selectionOf(intParam(req, "selectionId"));
    return runArchive(selectionMemberArchive(store, s), archiveQuery(req), archiveContext(ctx, req, s.mainProviderName || "ContactPersonStaticSelectionV2"));
  });
  const changeMembers = (add: boolean) => async (req: Parameters<Parameters<Route>[2]>[0], reply: Parameters<Parameters<Route>[2]>[1]) => {
    const s = selectionOf(intParam(req, "selectionId"));
    if (s.selectionType !== "Static") throw badRequest(`Selection ${s.id} is not static; members cannot be changed`);
    const parsed = ContactPersonIds.safeParse(req.body);
    if (!parsed.success) throw badRequest("Body must be an array of {ContactId, PersonId}", "ArgumentNullException");
    const members = parsed.data.map((m) => ({ contactId: m.ContactId ?? 0, personId: m.PersonId ?? 0 }));
    for (const m of members) {
      if (m.personId && !store.persons.get(m.personId)) throw badRequest(`Person id ${m.personId} does not exist`);
      if (m.contactId && !store.contacts.get(m.contactId)) throw badRequest(`Contact id ${m.contactId} does not exist`);
      if (!m.personId && !m.contactId) throw badRequest("A member needs a ContactId or a PersonId");
    }
    const same = (a: { contactId: number; personId: number }, b: { contactId: number; personId: number }) =>
      a.personId ? a.personId === b.personId : !b.personId && a.contactId === b.contactId;
    // "If PersonId contains an id, ContactId will be 0, and the other way around" (SPEC-REST).
    const normalised = members.map((m) => (m.personId ? { contactId: 0, personId: m.personId } : m));
    if (add) for (const m of normalised) { if (!s.members.some((x) => same(m, x))) s.members.push(m); }
    else s.members = s.members.filter((x) => !normalised.some((m) => same(m, x)));
    s.updatedDate = nowUtc(ctx);
    await store.commit();
    return reply.code(204).send();
  };
  route("POST", "/api/v1/Selection/{selectionId}/Members/AddPerson", changeMembers(true));
  route("POST", "/api/v1/Selection/{selectionId}/Members/RemovePerson", changeMembers(false));

  // ---- Document
  const documentOf = (id: number) => {
    const d = store.documents.get(id);
    if (!d) throw notFound("Document", id);
    return d;
  };
  route("GET", "/api/v1/Document", (req) => runArchive(documentArchive(store), archiveQuery(req), archiveContext(ctx, req, "Document")));
  route("GET", "/api/v1/Document/default", (req) => documentEntity(store, blankDocument(ctx, req.principal?.associateId ?? 1), null));
  route("GET", "/api/v1/Document/{id}", (req) => documentEntity(store, documentOf(intParam(req, "id")), url()));
  route("POST", "/api/v1/Document", async (req) => {
    const d = blankDocument(ctx, req.principal?.associateId ?? 1);
    writeDocument(store, d, req.body);
    d.id = store.nextId("document");
    store.addDocument(d);
    await store.commit();
    return documentEntity(store, d, url());
  });
  route("GET", "/api/v1/Document/{documentId}/Content", (req, reply) => {
    const d = documentOf(intParam(req, "documentId"));
    if (d.contentBase64 === null) throw notFound("Document content", d.id);
    return reply.type("application/octet-stream").send(Buffer.from(d.contentBase64, "base64"));
  });
  route("PUT", "/api/v1/Document/{documentId}/Content", async (req) => {
    if (ctx.knobs.get().refuseContentPut) {
      throw new SoError(415, "UnsupportedMediaTypeException", "The request entity's media type 'application/octet-stream' is not supported for this resource", "SuperOffice.Services.WebApi");
    }
    const d = documentOf(intParam(req, "documentId"));
    const body = req.body;
    let bytes: Buffer;
    if (Buffer.isBuffer(body)) bytes = body;
    else if (typeof body === "string") bytes = Buffer.from(body, "base64");
    else throw badRequest("Document content is not in request body", "ArgumentNullException");
    if (bytes.length === 0) throw badRequest("Document content is empty", "ArgumentNullException");
    d.contentBase64 = bytes.toString("base64");
    d.updatedDate = nowUtc(ctx);
    await store.commit();
    return documentEntity(store, d, null);
  });

  // ---- Sale (FindSale) and who is calling
  route("GET", "/api/v1/Sale", (req) => runArchive(saleArchive(store), archiveQuery(req), archiveContext(ctx, req, "FindSale")));
  route("GET", "/api/v1/User", (req) => runArchive(userArchive(store), archiveQuery(req), archiveContext(ctx, req, "AllUsers")));
  route("GET", "/api/v1/User/currentPrincipal", (req) => {
    const a = store.associates.get(req.principal?.associateId ?? 0);
    if (!a) throw notFound("Associate", req.principal?.associateId ?? 0);
    const person = store.persons.get(a.personId);
    const contact = store.contacts.get(person?.contactId ?? 0);
    return {
      UserType: a.type === "SystemAssociate" ? "SystemAssociate" : "InternalAssociate", Associate: a.initials, AssociateId: a.id,
      IsPerson: true, PersonId: a.personId, CountryId: contact?.countryId ?? 0, HomeCountryId: contact?.countryId ?? 0,
      ContactId: contact?.id ?? 0, GroupId: 1, BusinessId: contact?.businessId ?? 0, CategoryId: contact?.categoryId ?? 0,
      ContactOwner: contact?.associateId ?? 0, RoleId: 1, RoleName: "Säljare", RoleDescription: "", RoleType: a.type === "SystemAssociate" ? "System" : "Employee",
      Licenses: [], FullName: `${a.firstName} ${a.lastName}`, EMailAddress: a.email ?? "", FunctionRights: [], EjUserId: 0,
      EjAccessLevel: 0, EjUserStatus: a.type === "SystemAssociate" ? "StatusSystem" : "StatusNormal", ProvidedCredentials: [], SecondaryGroups: [], DatabaseContextIdentifier: ctx.tenant,
      UserName: a.initials,
    };
  });
}

function blankSelection(ctx: SandboxContext, associateId: number): SelectionRec {
  const now = nowUtc(ctx);
  return {
    id: 0, name: "", description: "", associateId, categoryId: 0, selectionType: "Static", targetTableName: "contact",
    targetTableNumber: 5, includePerson: 0, companyUnique: false, mainProviderName: "ContactPersonStaticSelectionV2", members: [],
    createdDate: now, updatedDate: now,
  };
}

function blankDocument(ctx: SandboxContext, associateId: number): DocumentRec {
  const now = nowUtc(ctx);
  return {
    id: 0, header: "", name: "", description: "", ourRef: "", yourRef: "", attention: "", templateId: 0, contactId: 0, personId: 0,
    associateId, saleId: 0, date: nowLocal(ctx), externalRef: "", completed: "Completed", contentBase64: null, createdDate: now, updatedDate: now,
  };
}
