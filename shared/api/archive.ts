import { z } from "zod";
import { cleanText, isCleanText, CLEAN_TEXT_MESSAGE } from "./fields";

/**
 * The pane↔connector contract for archiving an e-mail to the CRM. The Internet Message-ID is the
 * e-mail's identity: one message is archived once, whoever asks and however often.
 */

/** RFC 5322 msg-id as Outlook's internetMessageId gives it: "<left@right>", angle brackets optional here. */
export const InternetMessageId = z
  .string()
  .trim()
  .max(998)
  .regex(/^<?[^\s<>@]+@[^\s<>@]+>?$/, "an Internet Message-ID like <id@host>")
  .refine(isCleanText, CLEAN_TEXT_MESSAGE)
  .transform((id) => (id.startsWith("<") ? id : `<${id}`) + (id.endsWith(">") ? "" : ">"));

export const MailAddress = z.object({
  name: cleanText(320),
  email: cleanText(320).trim().min(3),
});
export type MailAddress = z.infer<typeof MailAddress>;

/** Base64 of at most ~25 MB of .eml (Outlook's own attachment ceiling is lower). */
export const MAX_EML_BASE64 = 34 * 1024 * 1024;
/** The body as text when Outlook cannot give the .eml (before Mailbox 1.14). */
export const MAX_TEXT_BODY = 2 * 1024 * 1024;
/**
 * The archive request's body limit: the largest content plus up to 1,000 addresses of 320 + 320
 * characters at up to 3 bytes each in UTF-8 JSON (1.9 MB), the subject and the rest.
 */
export const MAX_ARCHIVE_BODY = MAX_EML_BASE64 + 2 * 1024 * 1024;

export const ArchiveContent = z.discriminatedUnion("kind", [
  /** The whole message as Outlook's getAsFileAsync returns it (base64 of the .eml). */
  z.object({ kind: z.literal("eml"), base64: z.string().min(1).max(MAX_EML_BASE64).regex(/^[A-Za-z0-9+/=\r\n]+$/, "base64") }),
  /** Subject, body and metadata only; the connector writes them as a plain-text .eml. */
  z.object({ kind: z.literal("text"), body: cleanText(MAX_TEXT_BODY) }),
]);
export type ArchiveContent = z.infer<typeof ArchiveContent>;

/** POST /api/v1/archive */
export const ArchiveRequest = z.object({
  companyId: z.number().int().positive(),
  personId: z.number().int().positive().nullable(),
  messageId: InternetMessageId,
  subject: cleanText(998),
  from: MailAddress,
  to: z.array(MailAddress).max(500),
  cc: z.array(MailAddress).max(500),
  /** When the e-mail was sent or received: ISO 8601 with an offset; null when Outlook does not say. */
  date: z.iso.datetime({ offset: true }).nullable(),
  content: ArchiveContent,
});
export type ArchiveRequest = z.input<typeof ArchiveRequest>;

export const ArchivedEmail = z.object({
  documentId: z.number().int(),
  /** The company the document belongs to: one message is archived on one company, which may not be the card's. */
  companyId: z.number().int(),
  /** Its name when Kundrytm knows it. */
  companyName: z.string().nullable(),
  messageId: z.string(),
  /** When Kundrytm archived it (ISO); null when the CRM had it from elsewhere. */
  archivedAt: z.string().nullable(),
});
export type ArchivedEmail = z.infer<typeof ArchivedEmail>;

export const ArchiveResponse = ArchivedEmail.extend({
  /** True when the message was archived before: nothing was written this time. */
  alreadyArchived: z.boolean(),
});
export type ArchiveResponse = z.infer<typeof ArchiveResponse>;

/**
 * GET /api/v1/archive?messageId=… — archived through Kundrytm? Only Kundrytm's own record is read (a card
 * opens often; the CRM is asked when the rep archives).
 */
export const ArchiveStatusQuery = z.object({ messageId: InternetMessageId });

export const ArchiveStatus = z.discriminatedUnion("archived", [
  z.object({ archived: z.literal(true), document: ArchivedEmail }),
  z.object({ archived: z.literal(false) }),
]);
export type ArchiveStatus = z.infer<typeof ArchiveStatus>;
