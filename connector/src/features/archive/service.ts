import type { z } from "zod";
import type { ArchivedEmail, ArchiveRequest, ArchiveResponse, ArchiveStatus } from "../../../../shared/api/archive";
import type { ContactId, PersonId } from "../../../../shared/domain/vocabulary";
import type { Identity } from "../../auth/identity";
import { CrmDocumentContentError, type CrmDocumentTemplate, type CrmFullPort } from "../../crm/port";
import { HttpError } from "../../http/errors";
import type { WriteLedger } from "../../store/write-ledger";
import { buildPlainEml, emlFileName } from "./eml";

export type ArchiveCrm = Pick<
  CrmFullPort,
  "listAssociates" | "getCompany" | "listDocumentTemplates" | "createDocument" | "uploadDocumentContent" | "findDocumentByExternalRef"
>;

export interface ArchiveDeps {
  crm: ArchiveCrm;
  ledger: WriteLedger;
}

/** The request after the contract's parsing (Message-ID in angle brackets). */
export type ParsedArchiveRequest = z.output<typeof ArchiveRequest>;

/** What the ledger keeps of an archived e-mail: the document and on which company it is. */
type ArchivedRecord = ArchivedEmail;

/** What an archiving records as it goes: the document, once it exists (its content may still be missing). */
type ArchiveCheckpoints = { documentId: number };

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
  const { crm, ledger } = deps;

  function contentOf(request: ParsedArchiveRequest): Uint8Array {
    const content =
      request.content.kind === "eml" ? new Uint8Array(Buffer.from(request.content.base64, "base64")) : buildPlainEml({ ...request, body: request.content.body });
    if (content.byteLength === 0) throw new HttpError(400, "BAD_REQUEST", "The e-mail's content is empty.");
    return content;
  }

  return {
    /**
     * Is the message archived, and on which company? Kundrytm's own record only: a card opens for every
     * selected mail, and the CRM has no cheap look-up by Message-ID. Archiving asks the CRM.
     */
    async status(query: { messageId: string }): Promise<ArchiveStatus> {
      const row = await ledger.read<ArchiveCheckpoints, ArchivedRecord>("archive", query.messageId);
      // A pending one, even one whose document exists without its content, is not archived yet.
      if (row?.state === "done" && row.result) return { archived: true, document: row.result };
      return { archived: false };
    },

    /**
     * Archives the e-mail on the company (and person) as an e-mail document whose ExternalRef is the
     * Message-ID, once per Message-ID (the write ledger): a double click, a second pane or another rep gets
     * the first document back, and a message the CRM already has (archived by other means) is returned as
     * it is. A try whose document was created without its content leaves the next one the upload only.
     */
    async archive(identity: Identity, request: ParsedArchiveRequest): Promise<ArchiveResponse> {
      const { messageId } = request;
      let foundInCrm = false;
      const { result, replayed } = await ledger.runOnce<ArchiveCheckpoints, ArchivedRecord>({
        kind: "archive",
        key: messageId,
        // Any request for the message is the same write, whoever sends it and on whichever company of the thread.
        content: null,
        repEmail: identity.email,
        conflictMessage: "This e-mail was archived differently.",
        busyMessage: "This e-mail is being archived; try again shortly.",
        work: async (steps) => {
          const contactId = request.companyId as ContactId;
          const company = await crm.getCompany(contactId);
          const earlier = steps.checkpoints.documentId;
          if (earlier !== undefined) {
            // An earlier try created the document and failed on its content: upload the content only.
            await crm.uploadDocumentContent(earlier, contentOf(request));
            return { documentId: earlier, companyId: company.id, companyName: company.name, messageId, archivedAt: new Date().toISOString() };
          }
          // Without the mail's date an earlier try's document carries the day it was created: look around today.
          const existing = await crm.findDocumentByExternalRef({ contactId, externalRef: messageId, date: request.date ?? new Date().toISOString() });
          if (existing) {
            foundInCrm = true;
            return { documentId: existing.id, companyId: company.id, companyName: company.name, messageId, archivedAt: null };
          }
          const [associates, templates] = await Promise.all([crm.listAssociates(), crm.listDocumentTemplates()]);
          const rep = associates.find((a) => a.email?.trim().toLowerCase() === identity.email);
          if (!rep) throw new HttpError(403, "NOT_CRM_USER", `${identity.email} is not a user of the CRM, so nothing can be archived in that name.`);
          const template = emailTemplateFor(templates, request.from.email.trim().toLowerCase() === identity.email);
          if (!template) throw new HttpError(409, "CRM_SETUP", "The CRM has no e-mail document template; ask your administrator to add one.");
          const content = contentOf(request);
          const subject = request.subject.trim();
          try {
            const document = await steps.writing("documentId", () =>
              crm.createDocument(
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
              ),
            );
            return { documentId: document.id, companyId: company.id, companyName: company.name, messageId, archivedAt: new Date().toISOString() };
          } catch (error) {
            // The document exists without its content: the next try uploads the content only.
            if (error instanceof CrmDocumentContentError) await steps.save({ documentId: error.documentId });
            throw error;
          }
        },
      });
      return { ...result, alreadyArchived: replayed || foundInCrm };
    },
  };
}
export type ArchiveService = ReturnType<typeof archiveService>;
