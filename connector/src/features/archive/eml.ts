import type { MailAddress } from "../../../../shared/api/archive";

/**
 * A minimal RFC 5322 message for e-mails whose .eml Outlook cannot hand over (before Mailbox 1.14):
 * the metadata as headers and the text body, so the CRM stores a real e-mail file either way.
 */

export interface PlainMail {
  messageId: string;
  subject: string;
  from: MailAddress;
  to: readonly MailAddress[];
  cc: readonly MailAddress[];
  /** ISO 8601 with offset; null: no Date header. */
  date: string | null;
  body: string;
}

/** Header text never carries a line break: a CR or LF in a name or subject would start a new header. */
function oneLine(value: string): string {
  return value.replace(/\s*[\r\n\t]+\s*/g, " ").trim();
}

/** RFC 2047 encoded-word for anything beyond printable ASCII. */
export function encodeHeaderText(value: string): string {
  const text = oneLine(value);
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  return `=?UTF-8?B?${Buffer.from(text, "utf8").toString("base64")}?=`;
}

function mailbox(address: MailAddress): string {
  const email = oneLine(address.email);
  const name = oneLine(address.name);
  if (name === "" || name === email) return `<${email}>`;
  if (/^[\x20-\x7e]*$/.test(name)) return `"${name.replace(/(["\\])/g, "\\$1")}" <${email}>`;
  return `${encodeHeaderText(name)} <${email}>`;
}

/** "Mon, 23 Nov 2026 09:15:00 +0100" in the offset the ISO date was written in. */
export function rfc5322Date(iso: string): string {
  const m = /([+-])(\d{2}):?(\d{2})$|Z$/i.exec(iso);
  const offsetMinutes = m && m[1] ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  const local = new Date(new Date(iso).getTime() + offsetMinutes * 60_000);
  const days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const pad = (n: number) => String(n).padStart(2, "0");
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  return (
    `${days[local.getUTCDay()]}, ${pad(local.getUTCDate())} ${months[local.getUTCMonth()]} ${local.getUTCFullYear()} ` +
    `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} ${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`
  );
}

export function buildPlainEml(mail: PlainMail): Uint8Array {
  const headers = [
    `From: ${mailbox(mail.from)}`,
    ...(mail.to.length ? [`To: ${mail.to.map(mailbox).join(", ")}`] : []),
    ...(mail.cc.length ? [`Cc: ${mail.cc.map(mailbox).join(", ")}`] : []),
    `Subject: ${encodeHeaderText(mail.subject)}`,
    ...(mail.date ? [`Date: ${rfc5322Date(mail.date)}`] : []),
    `Message-ID: ${oneLine(mail.messageId)}`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: base64",
  ];
  const body = Buffer.from(mail.body.replace(/\r?\n/g, "\r\n"), "utf8").toString("base64").replace(/.{1,76}/g, "$&\r\n");
  return new Uint8Array(Buffer.from(`${headers.join("\r\n")}\r\n\r\n${body}`, "utf8"));
}

/** A file name from the subject, safe on every file system the CRM's users open it on. */
export function emlFileName(subject: string): string {
  const base = oneLine(subject)
    .replace(/[\\/:*?"<>|\x00-\x1f]+/g, "_")
    .replace(/^[.\s]+|[.\s]+$/g, "")
    .slice(0, 100)
    .trim();
  return `${base || "e-mail"}.eml`;
}
