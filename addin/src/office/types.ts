/**
 * The subset of office.js the pane uses, as structural types. The real `Office` global and the
 * preview's simulated Office both provide it; the adapter depends on nothing else.
 */

export interface AsyncResultLike<T> {
  status: unknown;
  value: T;
  error?: { name?: string; message: string; code?: number } | null;
}
export type AsyncCallback<T> = (result: AsyncResultLike<T>) => void;

export interface EmailAddressLike {
  emailAddress: string;
  displayName: string;
}

/** Compose-mode recipients (to, cc, attendees): values come through getAsync. */
export interface RecipientsLike {
  getAsync(callback: AsyncCallback<EmailAddressLike[]>): void;
}
/** Compose-mode from/organizer (Mailbox 1.7). */
export interface FromLike {
  getAsync(callback: AsyncCallback<EmailAddressLike>): void;
}

/** A read-mode item's body: its content comes through getAsync in the asked coercion type. */
export interface BodyLike {
  getAsync(coercionType: unknown, callback: AsyncCallback<string>): void;
}

/** Compose-mode start/end of an appointment: values come through getAsync. */
export interface TimeLike {
  getAsync(callback: AsyncCallback<Date>): void;
}

/** What an item's info bar takes (Office.NotificationMessageDetails, informational message). */
export interface NotificationDetailsLike {
  /** Office.MailboxEnums.ItemNotificationMessageType (a string enum). */
  type: string;
  message: string;
  icon?: string;
  persistent?: boolean;
}

/** The item's info bar (Mailbox 1.3). */
export interface NotificationMessagesLike {
  replaceAsync(key: string, details: NotificationDetailsLike, callback?: AsyncCallback<void>): void;
  removeAsync(key: string, callback?: AsyncCallback<void>): void;
}

export interface ItemLike {
  /** "message" or "appointment" (Office.MailboxEnums.ItemType). */
  itemType: unknown;
  /** Read mode only; compose items have no id until saved. */
  itemId?: string | null;
  internetMessageId?: string;
  conversationId?: string | null;
  subject?: unknown;
  from?: EmailAddressLike | FromLike | null;
  to?: EmailAddressLike[] | RecipientsLike | null;
  cc?: EmailAddressLike[] | RecipientsLike | null;
  organizer?: EmailAddressLike | FromLike | null;
  requiredAttendees?: EmailAddressLike[] | RecipientsLike | null;
  optionalAttendees?: EmailAddressLike[] | RecipientsLike | null;
  /** Read mode: a Date; compose mode: a TimeLike. */
  start?: Date | TimeLike | null;
  end?: Date | TimeLike | null;
  notificationMessages?: NotificationMessagesLike | null;
  /** Read mode: when the item was created (for received mail, when it arrived). */
  dateTimeCreated?: Date | null;
  dateTimeModified?: Date | null;
  body?: BodyLike | null;
  /** Mailbox 1.14, read mode: the whole message as base64 of its .eml. */
  getAsFileAsync?(callback: AsyncCallback<string>): void;
}

export interface MailboxLike {
  item?: ItemLike | null;
  userProfile: { emailAddress: string; displayName: string };
  addHandlerAsync(eventType: unknown, handler: (event: unknown) => void, callback?: AsyncCallback<void>): void;
  removeHandlerAsync?(eventType: unknown, callback?: AsyncCallback<void>): void;
}

export interface OfficeLike {
  onReady(): Promise<unknown>;
  context: {
    mailbox: MailboxLike;
    displayLanguage: string;
    requirements: { isSetSupported(name: string, minVersion?: string): boolean };
    officeTheme?: { bodyBackgroundColor?: string } | null;
  };
  AsyncResultStatus: { Succeeded: unknown; Failed: unknown };
  EventType: { ItemChanged: unknown };
  MailboxEnums: { ItemType: { Message: unknown; Appointment: unknown }; ItemNotificationMessageType?: { InformationalMessage: string } };
  /** Office.CoercionType; "text" where a host or mock leaves it out. */
  CoercionType?: { Text: unknown };
}
