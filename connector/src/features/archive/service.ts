import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { ArchivedEmail, ArchiveRequest, ArchiveResponse, ArchiveStatus } from "../../../../shared/api/archive";
import type { ContactId, PersonId } from "../../../../shared/domain/vocabulary";
import type { Identity } from "../../auth/identity";
import { CrmDocumentContentError, type CrmDocumentTemplate, type CrmFullPort } from "../../crm/port";
import { waitForClaim } from "../../http/claim-wait";
import { HttpError } from "../../http/errors";
import type { Queryable } from "../../store/db";
import { buildPlainEml, emlFileName } from "./eml";

export type ArchiveCrm = Pick<
  CrmFullPort,
  "listAssociates" | "getCompany" | "listDocumentTemplates" | "createDocument" | "uploadDocumentContent" | "findDocumentByExternalRef"
>;

export interface ArchiveDeps {
  crm: ArchiveCrm;
  db: Queryable;
}

/** The request after the contract's parsing (Message-ID in angle brackets). */
export type ParsedArchiveRequest = z.output<typeof ArchiveRequest>;

/** A claim whose archiving is still running (or died) for longer than this may be taken over. */
const STALE_PENDING_MS = 2 * 60_000;
interface Row {
  message_id: string;
  company_id: number;
  company_name: string | null;
  document_id: number | null;
  state: string;
  archived_at: Date | null;
  age_ms: number;
}

function toDocument(row: Pick<Row, "message_id" | "company_id" | "company_name" | "document_id" | "archived_at">): ArchivedEmail {
  return {
    documentId: row.document_id ?? 0,
    companyId: row.company_id,
    companyName: row.company_name,
    messageId: row.message_id,
    archivedAt: row.archived_at ? new Date(row.archived_at).toISOString() : null,
  };
}

/**
 * The CRM's e-mail template for the direction of the message: mail the rep sent is "Outgoing", the
 * rest "Incoming"; any e-mail template when the tenant has only one kind.
 */
export function emailTemplateFor(templates: readonly CrmDocumentTemplate[], outgoing: boolean): CrmDocumentTemplate | null {
  const email = templates.filter((t) => !t.deleted && t.recordType?.toLowerCase() === "email");
  const wanted = outgoing ? "outgoing" : "incoming";
  return email.find((t) => t.direction?.toLowerCase() === wanted) ?? email[0] ?? null;
}

export function archiveService(deps: ArchiveDeps) {
  const { crm, db } = deps;

  async function read(messageId: string): Promise<Row | null> {
    const { rows } = await db.query<Row>(
      `select message_id, company_id, company_name, document_id, state, archived_at,
              (extract(epoch from (now() - updated_at)) * 1000)::integer as age_ms
         from archived_emails where message_id = $1`,
      [messageId],
    );
    return rows[0] ?? null;
  }

  /** Records a document the CRM already had, so later look-ups need no CRM call. */
  async function remember(messageId: string, company: { id: number; name: string }, documentId: number, repEmail: string): Promise<void> {
    await db.query(
      `insert into archived_emails (message_id, company_id, company_name, document_id, rep_email, state, archived_at)
       values ($1, $2, $3, $4, $5, 'done', null)
       on conflict (message_id) do update set company_id = excluded.company_id, company_name = excluded.company_name,
         document_id = excluded.document_id, state = 'done', archived_at = null, updated_at = now()`,
      [messageId, company.id, company.name, documentId, repEmail],
    );
  }

  function contentOf(request: ParsedArchiveRequest): Uint8Array {
    const content =
      request.content.kind === "eml" ? new Uint8Array(Buffer.from(request.content.base64, "base64")) : buildPlainEml({ ...request, body: request.content.body });
    if (content.byteLength === 0) throw new HttpError(400, "BAD_REQUEST", "The e-mail's content is empty.");
    return content;
  }

  async function finish(request: ParsedArchiveRequest, documentId: number, companyName: string | null): Promise<ArchiveResponse> {
    const { rows } = await db.query<{ archived_at: Date; company_id: number; company_name: string | null }>(
      `update archived_emails set document_id = $2, company_name = coalesce($3, company_name), state = 'done', archived_at = now(), updated_at = now()
        where message_id = $1 returning archived_at, company_id, company_name`,
      [request.messageId, documentId, companyName],
    );
    return {
      documentId,
      companyId: rows[0]?.company_id ?? request.companyId,
      companyName: rows[0]?.company_name ?? companyName,
      messageId: request.messageId,
      archivedAt: rows[0] ? new Date(rows[0].archived_at).toISOString() : new Date().toISOString(),
      alreadyArchived: false,
    };
  }

  /** A document created without its content (an upload that failed): upload it again and finish. */
  async function completeContent(identity: Identity, request: ParsedArchiveRequest, documentId: number): Promise<ArchiveResponse> {
    await db.query("update archived_emails set rep_email = $2, updated_at = now() where message_id = $1", [request.messageId, identity.email]);
    await crm.uploadDocumentContent(documentId, contentOf(request));
    return finish(request, documentId, null);
  }

  return {
    /**
     * Is the message archived, and on which company? Kundrytm's own record only: a card opens for every
     * selected mail, and the CRM has no cheap look-up by Message-ID. Archiving asks the CRM.
     */
    async status(query: { messageId: string }): Promise<ArchiveStatus> {
      const row = await read(query.messageId);
      // A pending row, even one whose document exists without its content, is not archived yet.
      if (row?.state === "done" && row.document_id !== null) return { archived: true, document: toDocument(row) };
      return { archived: false };
    },

    /**
     * Archives the e-mail on the company (and person) as an e-mail document whose ExternalRef is the
     * Message-ID. A message archived before (by Kundrytm, or found in the CRM) is returned as it is.
     */
    async archive(identity: Identity, request: ParsedArchiveRequest): Promise<ArchiveResponse> {
      const { messageId } = request;
      // Only the request holding this token may release the claim or record the CRM's answer on it.
      const token = randomUUID();
      const claim = async () =>
        (
          await db.query(
            `insert into archived_emails (message_id, company_id, person_id, rep_email, state, claim_token) values ($1, $2, $3, $4, 'pending', $5)
             on conflict (message_id) do nothing returning message_id`,
            [messageId, request.companyId, request.personId, identity.email, token],
          )
        ).rowCount === 1;
      // A claim left by a request that died: taken over in one statement, so of two retries only one gets it.
      const takeOver = async () =>
        (
          await db.query(
            `update archived_emails set company_id = $2, person_id = $3, rep_email = $4, claim_token = $5, updated_at = now()
              where message_id = $1 and state = 'pending' and document_id is null
                and updated_at < now() - ($6::integer * interval '1 millisecond')
              returning message_id`,
            [messageId, request.companyId, request.personId, identity.email, token, STALE_PENDING_MS],
          )
        ).rowCount === 1;

      if (!(await claim())) {
        // Another request (a second pane, a double click, a retry) holds the claim: wait for its result.
        const settled = await waitForClaim<ArchiveResponse>(async () => {
          const row = await read(messageId);
          if (row?.state === "done" && row.document_id !== null) return { result: { ...toDocument(row), alreadyArchived: true } };
          if (row?.state === "pending" && row.document_id !== null) return { result: await completeContent(identity, request, row.document_id) };
          return row ? row.age_ms >= STALE_PENDING_MS && (await takeOver()) : claim();
        }, "This e-mail is being archived; try again shortly.");
        if (settled) return settled.result;
      }

      try {
        const contactId = request.companyId as ContactId;
        const [company, existing] = await Promise.all([
          crm.getCompany(contactId),
          // Without the mail's date an earlier try's document carries the day it was created: look around today.
          crm.findDocumentByExternalRef({ contactId, externalRef: messageId, date: request.date ?? new Date().toISOString() }),
        ]);
        if (existing) {
          await remember(messageId, company, existing.id, identity.email);
          return { documentId: existing.id, companyId: company.id, companyName: company.name, messageId, archivedAt: null, alreadyArchived: true };
        }
        const [associates, templates] = await Promise.all([crm.listAssociates(), crm.listDocumentTemplates()]);
        const rep = associates.find((a) => a.email?.trim().toLowerCase() === identity.email);
        if (!rep) throw new HttpError(403, "NOT_CRM_USER", `${identity.email} is not a user of the CRM, so nothing can be archived in that name.`);
        const template = emailTemplateFor(templates, request.from.email.trim().toLowerCase() === identity.email);
        if (!template) throw new HttpError(409, "CRM_SETUP", "The CRM has no e-mail document template; ask your administrator to add one.");
        const content = contentOf(request);
        const subject = request.subject.trim();
        const document = await crm.createDocument(
          {
            contactId: company.id,
            personId: request.personId as PersonId | null,
            associateId: rep.id,
            templateId: template.id,
            // An empty subject stays empty: a placeholder would be written into the CRM in one language for all.
            header: subject.slice(0, 250),
            fileName: emlFileName(subject),
            date: request.date,
            externalRef: messageId,
          },
          content,
        );
        return await finish(request, document.id, company.name);
      } catch (error) {
        if (error instanceof CrmDocumentContentError) {
          // The document exists without its content: the next try uploads the content only.
          await db.query("update archived_emails set document_id = $2, updated_at = now() where message_id = $1 and state = 'pending' and claim_token = $3", [
            messageId,
            error.documentId,
            token,
          ]);
        } else {
          // Not archived: release our claim so the pane's retry starts over (the CRM is asked again first).
          await db.query("delete from archived_emails where message_id = $1 and state = 'pending' and claim_token = $2", [messageId, token]);
        }
        throw error;
      }
    },
  };
}
export type ArchiveService = ReturnType<typeof archiveService>;
