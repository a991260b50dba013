import type { PreviewAddress, PreviewItem, PreviewRep } from "../../../shared/api/preview";
import type { AsyncCallback, EmailAddressLike, ItemLike, NotificationDetailsLike, NotificationMessagesLike, OfficeLike } from "../office/types";

/**
 * A faithful subset of office.js for the preview page: Office.onReady, context.mailbox.item (read
 * mode, with internetMessageId, dateTimeCreated, body.getAsync and — from Mailbox 1.14 —
 * getAsFileAsync), addHandlerAsync(ItemChanged), userProfile, displayLanguage,
 * requirements.isSetSupported, officeTheme, item.notificationMessages (the item's info bar). Selecting an item replaces mailbox.item with a new object and then fires ItemChanged
 * asynchronously, as Outlook does for a pinned pane.
 */

const ITEM_CHANGED = "olkItemSelectedChanged";
const SUCCEEDED = "succeeded";
const FAILED = "failed";

export interface SimulatedOfficeOptions {
  rep: PreviewRep;
  displayLanguage: string;
  dark?: boolean;
  /** Highest Mailbox requirement set the simulated host claims (default 1.14). */
  mailboxVersion?: string;
  /** Simulates hosts that miss ItemChanged (office-js#6833): the item changes, no event fires. */
  dropItemChanged?: boolean;
}

/** A message in an item's info bar, as Outlook would show it above the item. */
export interface InfoBarMessage extends NotificationDetailsLike {
  key: string;
}

export interface SimulatedOffice {
  office: OfficeLike;
  select(item: PreviewItem | null): void;
  /** The info bar of an item (by id), in the order the messages were added. */
  infoBar(itemId: string): InfoBarMessage[];
  /** Calls `listener` whenever an info bar changes. Returns an unsubscribe. */
  onInfoBarChange(listener: () => void): () => void;
}

const INFORMATIONAL = "informationalMessage";
/** Outlook's limits: five messages per item, 150 characters each. */
const MAX_MESSAGES = 5;
const MAX_CHARS = 150;

const address = (a: PreviewAddress): EmailAddressLike => ({ emailAddress: a.emailAddress, displayName: a.displayName });

function compareVersions(a: string, b: string): number {
  const [a1 = 0, a2 = 0] = a.split(".").map(Number);
  const [b1 = 0, b2 = 0] = b.split(".").map(Number);
  return a1 - b1 || a2 - b2;
}

/** Base64 of UTF-8 text, in the browser (btoa takes Latin-1 only). */
function base64Utf8(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function mimeAddress(a: EmailAddressLike): string {
  return /^[\x20-\x7e]*$/.test(a.displayName) ? `"${a.displayName}" <${a.emailAddress}>` : `=?utf-8?B?${base64Utf8(a.displayName)}?= <${a.emailAddress}>`;
}

/** The message as getAsFileAsync returns it: base64 of a MIME .eml with the headers Exchange writes. */
export function simulatedEml(item: Extract<PreviewItem, { itemType: "message" }>, to: EmailAddressLike[]): string {
  const headers = [
    `From: ${mimeAddress(address(item.from))}`,
    `To: ${to.map(mimeAddress).join(", ")}`,
    ...(item.cc.length ? [`CC: ${item.cc.map(address).map(mimeAddress).join(", ")}`] : []),
    `Subject: =?utf-8?B?${base64Utf8(item.subject)}?=`,
    `Date: ${new Date(item.receivedAt).toUTCString().replace("GMT", "+0000")}`,
    `Message-ID: ${item.internetMessageId}`,
    "Content-Language: sv-SE",
    "MIME-Version: 1.0",
    'Content-Type: text/plain; charset="utf-8"',
    "Content-Transfer-Encoding: base64",
  ];
  const body = base64Utf8(item.body).replace(/.{1,76}/g, "$&\r\n");
  return base64Utf8(`${headers.join("\r\n")}\r\n\r\n${body}`);
}

function toItem(item: PreviewItem, rep: PreviewRep, mailboxVersion: string, notificationMessages: NotificationMessagesLike): ItemLike {
  const me: EmailAddressLike = { emailAddress: rep.email, displayName: rep.name };
  const later = <T>(callback: AsyncCallback<T>, value: T) => setTimeout(() => callback({ status: SUCCEEDED, value, error: null }));
  switch (item.itemType) {
    case "message": {
      const to = item.to.length ? item.to.map(address) : [me];
      return {
        itemType: "message",
        itemId: item.id,
        internetMessageId: item.internetMessageId,
        conversationId: null,
        subject: item.subject,
        from: address(item.from),
        to,
        cc: item.cc.map(address),
        notificationMessages,
        dateTimeCreated: new Date(item.receivedAt),
        body: {
          getAsync(coercionType: unknown, callback: AsyncCallback<string>) {
            later(callback, coercionType === "html" ? `<div>${item.body.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</div>` : item.body);
          },
        },
        ...(compareVersions(mailboxVersion, "1.14") >= 0
          ? { getAsFileAsync: (callback: AsyncCallback<string>) => later(callback, simulatedEml(item, to)) }
          : {}),
      };
    }
    case "appointment":
      return {
        itemType: "appointment",
        itemId: item.id,
        subject: item.subject,
        organizer: address(item.organizer),
        requiredAttendees: item.requiredAttendees.map(address),
        optionalAttendees: item.optionalAttendees.map(address),
        start: new Date(item.start),
        end: new Date(item.end),
        notificationMessages,
      };
  }
}

export function createSimulatedOffice(options: SimulatedOfficeOptions): SimulatedOffice {
  const mailboxVersion = options.mailboxVersion ?? "1.14";
  const handlers = new Set<(event: unknown) => void>();
  const infoBars = new Map<string, InfoBarMessage[]>();
  const infoListeners = new Set<() => void>();

  const done = (callback: AsyncCallback<void> | undefined, error: { name: string; message: string; code: number } | null = null) =>
    void setTimeout(() => callback?.({ status: error ? FAILED : SUCCEEDED, value: undefined, error }));
  /** The item's notificationMessages, checked the way Outlook checks them. */
  const infoBarOf = (itemId: string): NotificationMessagesLike => ({
    replaceAsync(key, details, callback) {
      if (details.type !== INFORMATIONAL || !details.icon || details.message.length === 0 || details.message.length > MAX_CHARS) {
        return done(callback, { name: "InvalidParameter", message: "Invalid notification message", code: 9000 });
      }
      const bar = (infoBars.get(itemId) ?? []).filter((m) => m.key !== key);
      if (bar.length >= MAX_MESSAGES) return done(callback, { name: "NumberOfNotificationMessagesExceeded", message: "Too many messages", code: 9040 });
      infoBars.set(itemId, [...bar, { key, ...details }]);
      infoListeners.forEach((l) => l());
      done(callback);
    },
    removeAsync(key, callback) {
      const bar = infoBars.get(itemId) ?? [];
      if (!bar.some((m) => m.key === key)) return done(callback, { name: "KeyNotFound", message: "No message with this key", code: 9041 });
      infoBars.set(itemId, bar.filter((m) => m.key !== key));
      infoListeners.forEach((l) => l());
      done(callback);
    },
  });

  const mailbox: OfficeLike["context"]["mailbox"] = {
    item: null,
    userProfile: { emailAddress: options.rep.email, displayName: options.rep.name },
    addHandlerAsync(eventType: unknown, handler: (event: unknown) => void, callback?: AsyncCallback<void>) {
      const ok = eventType === ITEM_CHANGED && compareVersions(mailboxVersion, "1.5") >= 0;
      if (ok) handlers.add(handler);
      setTimeout(() =>
        callback?.({
          status: ok ? SUCCEEDED : FAILED,
          value: undefined,
          error: ok ? null : { name: "InvalidEventType", message: "Event not supported", code: 9036 },
        }),
      );
    },
    removeHandlerAsync(eventType: unknown, callback?: AsyncCallback<void>) {
      if (eventType === ITEM_CHANGED) handlers.clear();
      setTimeout(() => callback?.({ status: SUCCEEDED, value: undefined, error: null }));
    },
  };

  const office: OfficeLike = {
    onReady: () => Promise.resolve({ host: "Outlook", platform: "OfficeOnline" }),
    context: {
      mailbox,
      displayLanguage: options.displayLanguage,
      requirements: {
        isSetSupported: (name, minVersion) => name === "Mailbox" && compareVersions(mailboxVersion, minVersion ?? "1.1") >= 0,
      },
      officeTheme: { bodyBackgroundColor: options.dark ? "#292929" : "#ffffff" },
    },
    AsyncResultStatus: { Succeeded: SUCCEEDED, Failed: FAILED },
    EventType: { ItemChanged: ITEM_CHANGED },
    MailboxEnums: { ItemType: { Message: "message", Appointment: "appointment" }, ItemNotificationMessageType: { InformationalMessage: INFORMATIONAL } },
    CoercionType: { Text: "text" },
  };

  return {
    office,
    select(item) {
      mailbox.item = item ? toItem(item, options.rep, mailboxVersion, infoBarOf(item.id)) : null;
      if (options.dropItemChanged) return;
      const event = { type: ITEM_CHANGED };
      setTimeout(() => handlers.forEach((h) => h(event)));
    },
    infoBar: (itemId) => infoBars.get(itemId) ?? [],
    onInfoBarChange(listener) {
      infoListeners.add(listener);
      return () => {
        infoListeners.delete(listener);
      };
    },
  };
}
