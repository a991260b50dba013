import { OfficeMockObject } from "office-addin-mock";
import { createOfficeAdapter, isDarkColor } from "./adapter";
import { officeCall, OfficeCallError } from "./promisify";
import type { AsyncCallback, EmailAddressLike, OfficeLike } from "./types";

const SUCCEEDED = "succeeded";
const FAILED = "failed";
const ITEM_CHANGED = "olkItemSelectedChanged";

const rep = { emailAddress: "anna.lind@nordvent.se", displayName: "Anna Lind" };
const colleague = { emailAddress: "Per.Holm@nordvent.se", displayName: "Per Holm" };
const customer = { emailAddress: "Kari.Nordmann@Fjordstal.no", displayName: "Kari Nordmann" };
const customer2 = { emailAddress: "sven@bergmaskin.se", displayName: "Sven Berg" };

const ok = <T>(value: T) => ({ status: SUCCEEDED, value, error: null });
const asyncValue = <T>(value: T) => ({ getAsync: (cb: AsyncCallback<T>) => setTimeout(() => cb(ok(value))) });
const asyncFailure = (message: string) => ({
  getAsync: (cb: AsyncCallback<unknown>) => setTimeout(() => cb({ status: FAILED, value: undefined, error: { name: "GenericError", message, code: 9002 } })),
});

/** An Office global built with office-addin-mock (Outlook host), with a controllable ItemChanged. */
function mockOffice(item: Record<string, unknown> | null, options: { mailbox?: string } = {}) {
  const handlers: Array<(e: unknown) => void> = [];
  const addHandlerAsync = jest.fn((type: unknown, handler: (e: unknown) => void, cb?: AsyncCallback<void>) => {
    if (type === ITEM_CHANGED) handlers.push(handler);
    cb?.(ok(undefined));
  });
  const supported = options.mailbox ?? "1.14";
  const mock = new OfficeMockObject({
    host: "outlook",
    onReady: () => Promise.resolve({}),
    context: {
      displayLanguage: "sv-SE",
      officeTheme: { bodyBackgroundColor: "#1f1f1f" },
      requirements: { isSetSupported: (name: string, v: string) => name === "Mailbox" && Number(v.split(".")[1]) <= Number(supported.split(".")[1]) },
      mailbox: { userProfile: { emailAddress: rep.emailAddress, displayName: rep.displayName }, addHandlerAsync },
    },
    AsyncResultStatus: { Succeeded: SUCCEEDED, Failed: FAILED },
    EventType: { ItemChanged: ITEM_CHANGED },
    MailboxEnums: { ItemType: { Message: "message", Appointment: "appointment" } },
  });
  const office = mock as unknown as OfficeLike;
  office.context.mailbox.item = item as OfficeLike["context"]["mailbox"]["item"];
  const select = (next: Record<string, unknown> | null) => {
    office.context.mailbox.item = next as OfficeLike["context"]["mailbox"]["item"];
    handlers.forEach((h) => h({ type: ITEM_CHANGED }));
  };
  return { office, select, addHandlerAsync };
}

const readMessage = (id: string, from: EmailAddressLike, to: EmailAddressLike[] = [rep], cc: EmailAddressLike[] = []) => ({
  itemType: "message",
  itemId: id,
  subject: `Subject ${id}`,
  from,
  to,
  cc,
});

describe("office adapter: message read", () => {
  it("returns the sender, lower-cased, then external recipients; never the rep or colleagues", async () => {
    const { office } = mockOffice(readMessage("AAMk1", customer, [rep, colleague, customer2], [colleague]));
    const adapter = createOfficeAdapter(office);
    const people = await adapter.readPeople();
    expect(people?.item).toEqual({ key: "id:AAMk1", kind: "message-read", subject: "Subject AAMk1" });
    expect(people?.counterparts).toEqual([
      { email: "kari.nordmann@fjordstal.no", name: "Kari Nordmann", role: "from" },
      { email: "sven@bergmaskin.se", name: "Sven Berg", role: "to" },
    ]);
  });

  it("shows the recipients of the rep's own sent mail", async () => {
    const { office } = mockOffice(readMessage("AAMk2", rep, [customer2]));
    const people = await createOfficeAdapter(office).readPeople();
    expect(people?.counterparts.map((c) => c.email)).toEqual(["sven@bergmaskin.se"]);
  });

  it("keeps customers on consumer mail domains even when the rep shares the domain", async () => {
    const gmailRep = { emailAddress: "solo.rep@gmail.com", displayName: "Solo" };
    const { office } = mockOffice(readMessage("AAMk3", { emailAddress: "buyer@gmail.com", displayName: "Buyer" }, [gmailRep]));
    office.context.mailbox.userProfile = { emailAddress: gmailRep.emailAddress, displayName: gmailRep.displayName };
    const people = await createOfficeAdapter(office).readPeople();
    expect(people?.counterparts.map((c) => c.email)).toEqual(["buyer@gmail.com"]);
  });
});

describe("office adapter: message compose", () => {
  it("reads recipients through getAsync and ignores the sending mailbox", async () => {
    const shared = { emailAddress: "sales@nordvent-support.se", displayName: "Sales" };
    const { office } = mockOffice({
      itemType: "message",
      subject: asyncValue("Offer"),
      from: asyncValue(shared),
      to: asyncValue([customer, shared]),
      cc: asyncValue([customer2]),
    });
    const adapter = createOfficeAdapter(office);
    const people = await adapter.readPeople();
    expect(people?.item.kind).toBe("message-compose");
    expect(people?.item.key).toMatch(/^local:/);
    expect(people?.item.subject).toBeNull();
    expect(people?.counterparts).toEqual([
      { email: "kari.nordmann@fjordstal.no", name: "Kari Nordmann", role: "to" },
      { email: "sven@bergmaskin.se", name: "Sven Berg", role: "cc" },
    ]);
  });

  it("rejects with the Office error when a getAsync fails, without throwing inside the callback", async () => {
    const { office } = mockOffice({ itemType: "message", to: asyncFailure("Mailbox is busy"), cc: asyncValue([]) });
    await expect(createOfficeAdapter(office).readPeople()).rejects.toMatchObject({
      name: "OfficeCallError",
      operation: "to.getAsync",
      officeCode: 9002,
    });
  });
});

describe("office adapter: appointments", () => {
  it("attendee view: organizer and external attendees", async () => {
    const { office } = mockOffice({
      itemType: "appointment",
      itemId: "AAMkMeeting",
      subject: "Quarterly review",
      organizer: customer,
      requiredAttendees: [rep, customer, colleague],
      optionalAttendees: [customer2],
    });
    const people = await createOfficeAdapter(office).readPeople();
    expect(people?.item.kind).toBe("appointment-read");
    expect(people?.counterparts).toEqual([
      { email: "kari.nordmann@fjordstal.no", name: "Kari Nordmann", role: "organizer" },
      { email: "sven@bergmaskin.se", name: "Sven Berg", role: "attendee" },
    ]);
  });

  it("organizer view: attendees through getAsync, the rep as organizer left out", async () => {
    const { office } = mockOffice({
      itemType: "appointment",
      organizer: asyncValue(rep),
      requiredAttendees: asyncValue([customer2]),
      optionalAttendees: asyncValue([colleague]),
    });
    const people = await createOfficeAdapter(office).readPeople();
    expect(people?.item.kind).toBe("appointment-compose");
    expect(people?.counterparts.map((c) => c.email)).toEqual(["sven@bergmaskin.se"]);
  });
});

describe("office adapter: selection", () => {
  it("handles no selected item", async () => {
    const { office } = mockOffice(null);
    const adapter = createOfficeAdapter(office);
    expect(adapter.currentItem()).toBeNull();
    expect(adapter.isCurrent(null)).toBe(true);
    expect(adapter.isCurrent("id:x")).toBe(false);
    await expect(adapter.readPeople()).resolves.toBeNull();
  });

  it("follows ItemChanged and tells a stale item from the current one", () => {
    const { office, select, addHandlerAsync } = mockOffice(readMessage("AAMk1", customer));
    const adapter = createOfficeAdapter(office);
    const first = adapter.currentItem();
    const seen: Array<string | null> = [];
    const unsubscribe = adapter.onItemChanged(() => seen.push(adapter.currentItem()?.key ?? null));
    expect(addHandlerAsync).toHaveBeenCalledTimes(1);

    select(readMessage("AAMk2", customer2));
    expect(adapter.isCurrent(first?.key ?? null)).toBe(false);
    expect(adapter.isCurrent("id:AAMk2")).toBe(true);
    select(null);
    expect(seen).toEqual(["id:AAMk2", null]);

    unsubscribe();
    select(readMessage("AAMk3", customer));
    expect(seen).toHaveLength(2);
  });

  it("gives two compose items without ids different keys, and the same item the same key", () => {
    const compose = () => ({ itemType: "message", to: asyncValue([]), cc: asyncValue([]) });
    const { office, select } = mockOffice(compose());
    const adapter = createOfficeAdapter(office);
    const a = adapter.currentItem()?.key;
    expect(adapter.currentItem()?.key).toBe(a);
    select(compose());
    expect(adapter.currentItem()?.key).not.toBe(a);
  });

  it("does not register ItemChanged below Mailbox 1.5", () => {
    const { office, addHandlerAsync } = mockOffice(readMessage("AAMk1", customer), { mailbox: "1.4" });
    createOfficeAdapter(office).onItemChanged(() => undefined);
    expect(addHandlerAsync).not.toHaveBeenCalled();
  });

  it("reads the theme and language from Office", () => {
    const { office } = mockOffice(null);
    const adapter = createOfficeAdapter(office);
    expect(adapter.prefersDarkTheme()).toBe(true);
    expect(adapter.displayLanguage).toBe("sv-SE");
    expect(adapter.user.email).toBe(rep.emailAddress);
  });
});

describe("officeCall", () => {
  it("rejects when the host throws synchronously", async () => {
    const { office } = mockOffice(null);
    await expect(
      officeCall(office, "x.getAsync", () => {
        throw new Error("not supported");
      }),
    ).rejects.toBeInstanceOf(OfficeCallError);
  });

  it("classifies theme colours", () => {
    expect(isDarkColor("#ffffff")).toBe(false);
    expect(isDarkColor("#292929")).toBe(true);
    expect(isDarkColor("not a colour")).toBe(false);
  });
});
