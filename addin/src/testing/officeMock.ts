import { OfficeMockObject } from "office-addin-mock";
import type { OfficeLike } from "../office/types";

export const SUCCEEDED = "succeeded";
export const FAILED = "failed";

/** A succeeded AsyncResult. */
export const ok = <T>(value: T) => ({ status: SUCCEEDED, value, error: null });

export const REP = { emailAddress: "anna.lind@nordvent.se", displayName: "Anna Lind" };

/**
 * office-addin-mock's Outlook host with `item` selected and the Mailbox requirement set up to `mailbox`;
 * CoercionType and the info bar's message type as office.js has them.
 */
export function mockOffice(item: Record<string, unknown> | null, mailbox = "1.14"): OfficeLike {
  const mock = new OfficeMockObject({
    host: "outlook",
    onReady: () => Promise.resolve({}),
    context: {
      displayLanguage: "sv-SE",
      requirements: { isSetSupported: (name: string, v: string) => name === "Mailbox" && Number(v.split(".")[1]) <= Number(mailbox.split(".")[1]) },
      mailbox: { userProfile: { emailAddress: REP.emailAddress, displayName: REP.displayName }, addHandlerAsync: () => undefined },
    },
    AsyncResultStatus: { Succeeded: SUCCEEDED, Failed: FAILED },
    EventType: { ItemChanged: "olkItemSelectedChanged" },
    MailboxEnums: { ItemType: { Message: "message", Appointment: "appointment" }, ItemNotificationMessageType: { InformationalMessage: "informationalMessage" } },
    CoercionType: { Text: "text", Html: "html" },
  });
  const office = mock as unknown as OfficeLike;
  office.context.mailbox.item = item as OfficeLike["context"]["mailbox"]["item"];
  return office;
}
