import type { ContactId } from "../../../../../shared/domain/vocabulary";
import { CrmDocumentContentError, CrmError, type CrmDocument, type NewDocument } from "../../port";
import { localDateTime, mapDocument } from "../mappers";
import { odataInt } from "../odata";
import { RawDocumentEntity, RawDocumentRow } from "../raw";
import { dateRangeFilter } from "./appointments";
import { fetchAllRows, type SoContext } from "./context";

/** Creates the document record (ExternalRef = the e-mail's Internet Message-ID), then uploads its bytes. */
export async function createDocument(ctx: SoContext, document: NewDocument, content: Uint8Array): Promise<CrmDocument> {
  if (document.externalRef.trim() === "") throw new CrmError("CRM_BAD_REQUEST", "An archived document needs its ExternalRef");
  if (document.fileName.trim() === "") throw new CrmError("CRM_BAD_REQUEST", "A document needs a file name");
  const body = {
    Header: document.header,
    Name: document.fileName.trim(),
    Description: document.description ?? "",
    DocumentTemplate: { DocumentTemplateId: document.templateId },
    Contact: { ContactId: document.contactId },
    ...(document.personId ? { Person: { PersonId: document.personId } } : {}),
    Associate: { AssociateId: document.associateId },
    ...(document.date ? { Date: localDateTime(document.date, ctx.config.tenantTimeZone) } : {}),
    ExternalRef: document.externalRef,
  };
  const created = await ctx.http.json({ method: "POST", path: "/v1/Document", what: "create document", body }, RawDocumentEntity);
  try {
    return await uploadDocumentContent(ctx, created.DocumentId, content);
  } catch (error) {
    if (error instanceof CrmError) {
      // The record exists without its content; say which one so the caller can upload again.
      throw new CrmDocumentContentError(error.code, `Document ${created.DocumentId} was created but its content was not stored: ${error.message}`, created.DocumentId, error.detail);
    }
    throw error;
  }
}

/** Statuses with which a NetServer refuses the raw-bytes content PUT itself (no such route, media type or verb). */
const CONTENT_PUT_REFUSED = new Set([404, 405, 415, 501]);

// Clients whose tenant refused the content PUT: they go straight to the agent from then on.
const contentPutRefused = new WeakSet<SoContext>();

/**
 * Stores the document's bytes with `PUT /v1/Document/{id}/Content` (application/octet-stream); where the
 * tenant refuses that request, with the Document agent's `SetDocumentStreamFromId` (base64 in JSON).
 * Writing the same bytes twice is harmless, so both are retried like reads.
 */
export async function uploadDocumentContent(ctx: SoContext, documentId: number, content: Uint8Array): Promise<CrmDocument> {
  const bytes = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  if (!contentPutRefused.has(ctx)) {
    try {
      const raw = await ctx.http.json(
        { method: "PUT", path: `/v1/Document/${documentId}/Content`, what: "upload document content", body: bytes, contentType: "application/octet-stream" },
        RawDocumentEntity,
      );
      return mapDocument(raw, ctx.config.tenantTimeZone);
    } catch (error) {
      const status = error instanceof CrmError ? error.detail?.status : undefined;
      if (status === undefined || !CONTENT_PUT_REFUSED.has(status)) throw error;
      contentPutRefused.add(ctx);
    }
  }
  const raw = await ctx.http.json(
    {
      method: "POST",
      path: "/v1/Agents/Document/SetDocumentStreamFromId",
      what: "upload document content",
      body: { DocumentId: documentId, Stream: bytes.toString("base64") },
      idempotent: true,
    },
    RawDocumentEntity,
  );
  return mapDocument(raw, ctx.config.tenantTimeZone);
}

function shiftDay(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The Document archive has no ExternalRef column, so the client lists the company's documents dated
 * within a day of the e-mail and reads each until one carries exactly this ExternalRef.
 */
export async function findDocumentByExternalRef(
  ctx: SoContext,
  query: { contactId: ContactId; externalRef: string; date: string },
): Promise<CrmDocument | null> {
  const day = localDateTime(query.date, ctx.config.tenantTimeZone).slice(0, 10);
  const rows = await fetchAllRows(
    ctx,
    {
      path: "/v1/Document",
      what: "find archived e-mail",
      query: {
        select: ["documentId"],
        filter: `contactId eq ${odataInt(query.contactId)} and ${dateRangeFilter(shiftDay(day, -1), shiftDay(day, 1))}`,
        orderBy: "documentId",
      },
      pageSize: 50,
      maxRows: 500,
    },
    RawDocumentRow,
  );
  for (const row of rows) {
    const raw = await ctx.http.json({ method: "GET", path: `/v1/Document/${row.documentId}`, what: "read document" }, RawDocumentEntity);
    if (raw.ExternalRef === query.externalRef) return mapDocument(raw, ctx.config.tenantTimeZone);
  }
  return null;
}
