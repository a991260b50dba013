import { externalCounterparts, type Counterpart, type CounterpartRole } from "./counterparts";
import { officeCall, OfficeCallError } from "./promisify";
import type { EmailAddressLike, FromLike, ItemLike, OfficeLike, RecipientsLike, TimeLike } from "./types";

export const ITEM_KINDS = ["message-read", "message-compose", "appointment-read", "appointment-compose"] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** Which Outlook item the pane is showing; `key` is what the identity check compares. */
export interface ItemRef {
  key: string;
  kind: ItemKind;
  subject: string | null;
}

/** When an appointment takes place. */
export interface MeetingTimes {
  start: Date;
  end: Date;
}

export interface ItemPeople {
  item: ItemRef;
  counterparts: Counterpart[];
  /** Appointments only; null for messages or when Outlook gives no valid times. */
  meeting: MeetingTimes | null;
}

/** What archiving needs to know of a read-mode message before reading its content. */
export interface MessageHeader {
  item: ItemRef;
  /** The Internet Message-ID, "<…@…>". */
  messageId: string;
  subject: string;
  from: EmailAddressLike | null;
  to: EmailAddressLike[];
  cc: EmailAddressLike[];
  /** ISO 8601 with the local offset; when the message was created (arrived), else last modified; null when Outlook gives neither. */
  date: string | null;
}

export type MessageContent = { kind: "eml"; base64: string } | { kind: "text"; body: string };

export interface OfficeAdapter {
  readonly displayLanguage: string;
  readonly user: { email: string; name: string };
  isSetSupported(name: string, minVersion: string): boolean;
  /** The item Outlook has selected now, or null (nothing selected, or a pinned pane between items). */
  currentItem(): ItemRef | null;
  /** True when `key` still names the selected item: responses for any other item must be dropped. */
  isCurrent(key: string | null): boolean;
  /** The current item and its external people; null when no item is selected. Rejects when Outlook fails. */
  readPeople(): Promise<ItemPeople | null>;
  /** Calls `handler` when the selection changes in a pinned pane (Mailbox 1.5). Returns an unsubscribe. */
  onItemChanged(handler: () => void): () => void;
  prefersDarkTheme(): boolean;
  /**
   * Shows (or replaces) an informational message in the item's info bar where the host has one
   * (Mailbox 1.3); false where it does not. Only on the item `itemKey` names, while it is selected.
   */
  showItemMessage(itemKey: string, id: string, message: string): Promise<boolean>;
  /** Removes that message again; a message that is not there is no error. */
  removeItemMessage(itemKey: string, id: string): Promise<void>;
  /** The selected message's Message-ID and metadata; null unless a message in read mode is selected. */
  readMessageHeader(): Promise<MessageHeader | null>;
  /**
   * The selected message's content: its .eml through getAsFileAsync (Mailbox 1.14), else the body as
   * text. Rejects when Outlook fails or when the selection is no longer the item `key` names.
   */
  readMessageContent(key: string): Promise<MessageContent>;
}

/** "2026-11-20T09:15:00+01:00": a local date-time with its offset, as the connector's contract asks. */
export function isoWithOffset(date: Date): string {
  const pad = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, "0");
  const offset = -date.getTimezoneOffset();
  const sign = offset < 0 ? "-" : "+";
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `${sign}${pad(offset / 60)}:${pad(offset % 60)}`
  );
}

/** The manifest's 16 px icon resource: informational messages need one. */
const INFO_ICON = "Icon.16";
/** Outlook's limit for an informational message's text. */
const INFO_MAX_CHARS = 150;

function isTime(value: unknown): value is TimeLike {
  return typeof value === "object" && value !== null && typeof (value as TimeLike).getAsync === "function";
}
const validDate = (value: unknown): Date | null => (value instanceof Date && !Number.isNaN(value.getTime()) ? value : null);

function isRecipients(value: unknown): value is RecipientsLike {
  return typeof value === "object" && value !== null && typeof (value as RecipientsLike).getAsync === "function";
}
function isFrom(value: unknown): value is FromLike {
  return typeof value === "object" && value !== null && typeof (value as FromLike).getAsync === "function";
}

export function createOfficeAdapter(office: OfficeLike): OfficeAdapter {
  const mailbox = office.context.mailbox;
  // Compose items have no id: the item object itself is the identity (Outlook replaces it on change).
  const localKeys = new WeakMap<object, string>();
  let nextLocalKey = 1;

  function keyOf(item: ItemLike): string {
    if (typeof item.itemId === "string" && item.itemId) return `id:${item.itemId}`;
    let key = localKeys.get(item);
    if (!key) {
      key = `local:${nextLocalKey++}`;
      localKeys.set(item, key);
    }
    return key;
  }

  function kindOf(item: ItemLike): ItemKind {
    if (item.itemType === office.MailboxEnums.ItemType.Appointment) {
      return isRecipients(item.requiredAttendees) ? "appointment-compose" : "appointment-read";
    }
    return isRecipients(item.to) ? "message-compose" : "message-read";
  }

  function refOf(item: ItemLike): ItemRef {
    return { key: keyOf(item), kind: kindOf(item), subject: typeof item.subject === "string" ? item.subject : null };
  }

  const recipients = (value: EmailAddressLike[] | RecipientsLike | null | undefined, what: string) =>
    isRecipients(value)
      ? officeCall<EmailAddressLike[]>(office, `${what}.getAsync`, (cb) => value.getAsync(cb))
      : Promise.resolve(Array.isArray(value) ? value : []);

  const single = (value: EmailAddressLike | FromLike | null | undefined, what: string) =>
    isFrom(value)
      ? officeCall<EmailAddressLike>(office, `${what}.getAsync`, (cb) => value.getAsync(cb))
      : Promise.resolve(value ?? null);

  const time = (value: Date | TimeLike | null | undefined, what: string) =>
    isTime(value) ? officeCall<Date>(office, `${what}.getAsync`, (cb) => value.getAsync(cb)).then(validDate) : Promise.resolve(validDate(value));

  async function meetingOf(item: ItemLike, kind: ItemKind): Promise<MeetingTimes | null> {
    if (kind !== "appointment-read" && kind !== "appointment-compose") return null;
    const [start, end] = await Promise.all([time(item.start, "start"), time(item.end, "end")]);
    return start && end ? { start, end } : null;
  }

  const tag = (role: CounterpartRole) => (address: EmailAddressLike | null) => ({ address, role });

  async function candidatesOf(item: ItemLike, kind: ItemKind) {
    switch (kind) {
      case "message-read":
      case "message-compose": {
        const [from, to, cc] = await Promise.all([single(item.from, "from"), recipients(item.to, "to"), recipients(item.cc, "cc")]);
        // In compose, `from` is the sending mailbox (the rep, or a shared mailbox): never the customer.
        const fromRole = kind === "message-read" ? [tag("from")(from)] : [];
        const own = kind === "message-compose" && from ? [from.emailAddress] : [];
        return { list: [...fromRole, ...to.map(tag("to")), ...cc.map(tag("cc"))], own };
      }
      case "appointment-read":
      case "appointment-compose": {
        const [organizer, required, optional] = await Promise.all([
          single(item.organizer, "organizer"),
          recipients(item.requiredAttendees, "requiredAttendees"),
          recipients(item.optionalAttendees, "optionalAttendees"),
        ]);
        const list = [tag("organizer")(organizer), ...required.map(tag("attendee")), ...optional.map(tag("attendee"))];
        return { list, own: [] };
      }
    }
  }

  const handlers = new Set<() => void>();
  let registered = false;
  function ensureRegistered() {
    if (registered || !office.context.requirements.isSetSupported("Mailbox", "1.5")) return;
    registered = true;
    officeCall<void>(office, "addHandlerAsync(ItemChanged)", (cb) =>
      mailbox.addHandlerAsync(office.EventType.ItemChanged, () => handlers.forEach((h) => h()), cb),
    ).catch(() => {
      // Without the event the pane still follows the selection through its periodic identity check.
      registered = false;
    });
  }

  return {
    displayLanguage: office.context.displayLanguage,
    user: { email: mailbox.userProfile.emailAddress, name: mailbox.userProfile.displayName },
    isSetSupported: (name, minVersion) => office.context.requirements.isSetSupported(name, minVersion),
    currentItem() {
      const item = mailbox.item;
      return item ? refOf(item) : null;
    },
    isCurrent(key) {
      const item = mailbox.item;
      return item ? keyOf(item) === key : key === null;
    },
    async readPeople() {
      const item = mailbox.item;
      if (!item) return null;
      const ref = refOf(item);
      const [{ list, own }, meeting] = await Promise.all([candidatesOf(item, ref.kind), meetingOf(item, ref.kind)]);
      return { item: ref, counterparts: externalCounterparts(list, [mailbox.userProfile.emailAddress, ...own]), meeting };
    },
    onItemChanged(handler) {
      handlers.add(handler);
      ensureRegistered();
      return () => {
        handlers.delete(handler);
      };
    },
    async showItemMessage(itemKey, id, message) {
      const item = mailbox.item;
      const type = office.MailboxEnums.ItemNotificationMessageType?.InformationalMessage;
      const bar = item?.notificationMessages;
      if (!item || keyOf(item) !== itemKey || !bar || type === undefined || !office.context.requirements.isSetSupported("Mailbox", "1.3")) return false;
      const text = message.length > INFO_MAX_CHARS ? `${message.slice(0, INFO_MAX_CHARS - 1)}…` : message;
      await officeCall<void>(office, "notificationMessages.replaceAsync", (cb) => bar.replaceAsync(id, { type, message: text, icon: INFO_ICON, persistent: false }, cb));
      return true;
    },
    async removeItemMessage(itemKey, id) {
      const item = mailbox.item;
      const bar = item?.notificationMessages;
      if (!item || keyOf(item) !== itemKey || !bar || !office.context.requirements.isSetSupported("Mailbox", "1.3")) return;
      // Outlook answers "key not found" when the message is already gone: that is the wanted state.
      await officeCall<void>(office, "notificationMessages.removeAsync", (cb) => bar.removeAsync(id, cb)).catch(() => undefined);
    },
    prefersDarkTheme() {
      const color = office.context.officeTheme?.bodyBackgroundColor;
      return color ? isDarkColor(color) : false;
    },
    async readMessageHeader() {
      const item = mailbox.item;
      if (!item) return null;
      const ref = refOf(item);
      const messageId = typeof item.internetMessageId === "string" ? item.internetMessageId.trim() : "";
      if (ref.kind !== "message-read" || messageId === "") return null;
      const [from, to, cc] = await Promise.all([single(item.from, "from"), recipients(item.to, "to"), recipients(item.cc, "cc")]);
      // Never the time of archiving: a wrong date in the CRM is worse than none.
      const when = [item.dateTimeCreated, item.dateTimeModified].find((d) => d instanceof Date && !Number.isNaN(d.getTime()));
      return { item: ref, messageId, subject: ref.subject ?? "", from, to, cc, date: when ? isoWithOffset(when) : null };
    },
    async readMessageContent(key) {
      const item = mailbox.item;
      if (!item || keyOf(item) !== key) throw new OfficeCallError("readMessageContent", "the selected item changed");
      const getAsFile = item.getAsFileAsync;
      let content: MessageContent;
      if (office.context.requirements.isSetSupported("Mailbox", "1.14") && typeof getAsFile === "function") {
        const base64 = await officeCall<string>(office, "getAsFileAsync", (cb) => getAsFile.call(item, cb));
        content = { kind: "eml", base64 };
      } else {
        const body = item.body;
        if (!body) throw new OfficeCallError("body.getAsync", "the item has no body");
        const text = await officeCall<string>(office, "body.getAsync", (cb) => body.getAsync(office.CoercionType?.Text ?? "text", cb));
        content = { kind: "text", body: text };
      }
      // Outlook may have moved to another item while the content was read: never hand over the wrong one.
      const selected = mailbox.item;
      if (!selected || keyOf(selected) !== key) throw new OfficeCallError("readMessageContent", "the selected item changed");
      return content;
    },
  };
}

/** Outlook reports its theme as colours only; a dark body background means the dark theme. */
export function isDarkColor(hex: string): boolean {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!m) return false;
  const [r, g, b] = [m[1], m[2], m[3]].map((c) => parseInt(c ?? "0", 16) / 255) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5;
}
