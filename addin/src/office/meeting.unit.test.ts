import { FAILED, mockOffice, ok, REP as rep } from "../testing/officeMock";
import { createOfficeAdapter } from "./adapter";
import type { AsyncCallback, NotificationDetailsLike } from "./types";

const customer = { emailAddress: "kari@fjordstal.no", displayName: "Kari Nordmann" };
const start = new Date("2026-11-20T09:00:00Z");
const end = new Date("2026-11-20T10:00:00Z");

const asyncValue = <T>(value: T) => ({ getAsync: (cb: AsyncCallback<T>) => setTimeout(() => cb(ok(value))) });

/** An info bar as Outlook keeps it: messages by key; removing a missing key fails. */
function infoBar() {
  const messages = new Map<string, NotificationDetailsLike>();
  return {
    messages,
    replaceAsync: jest.fn((key: string, details: NotificationDetailsLike, cb?: AsyncCallback<void>) => {
      messages.set(key, details);
      setTimeout(() => cb?.(ok(undefined)));
    }),
    removeAsync: jest.fn((key: string, cb?: AsyncCallback<void>) => {
      const had = messages.delete(key);
      setTimeout(() => cb?.(had ? ok(undefined) : { status: FAILED, value: undefined, error: { name: "KeyNotFound", message: "not found", code: 9041 } }));
    }),
  };
}

describe("office adapter: meeting times", () => {
  it("reads start and end of an appointment in attendee mode", async () => {
    const office = mockOffice({ itemType: "appointment", itemId: "AAMk1", organizer: customer, requiredAttendees: [rep], optionalAttendees: [], start, end });
    const people = await createOfficeAdapter(office).readPeople();
    expect(people?.meeting).toEqual({ start, end });
  });

  it("reads them through getAsync in organizer mode", async () => {
    const office = mockOffice({
      itemType: "appointment",
      organizer: asyncValue(rep),
      requiredAttendees: asyncValue([customer]),
      optionalAttendees: asyncValue([]),
      start: asyncValue(start),
      end: asyncValue(end),
    });
    const people = await createOfficeAdapter(office).readPeople();
    expect(people?.item.kind).toBe("appointment-compose");
    expect(people?.meeting).toEqual({ start, end });
  });

  it("gives no meeting for a message, or for an appointment without valid times", async () => {
    const message = mockOffice({ itemType: "message", itemId: "m1", from: customer, to: [rep], cc: [] });
    expect((await createOfficeAdapter(message).readPeople())?.meeting).toBeNull();
    const broken = mockOffice({ itemType: "appointment", itemId: "a1", organizer: customer, requiredAttendees: [], optionalAttendees: [], start: new Date("x"), end });
    expect((await createOfficeAdapter(broken).readPeople())?.meeting).toBeNull();
  });
});

describe("office adapter: the item's info bar", () => {
  it("shows an informational message with the manifest's icon, cut to Outlook's 150 characters, and removes it", async () => {
    const bar = infoBar();
    const office = mockOffice({ itemType: "appointment", itemId: "AAMk1", organizer: customer, start, end, notificationMessages: bar });
    const adapter = createOfficeAdapter(office);
    const key = adapter.currentItem()!.key;
    expect(await adapter.showItemMessage(key, "k", "x".repeat(200))).toBe(true);
    const shown = bar.messages.get("k")!;
    expect(shown).toMatchObject({ type: "informationalMessage", icon: "Icon.16", persistent: false });
    expect(shown.message).toHaveLength(150);
    await adapter.removeItemMessage(key, "k");
    expect(bar.messages.size).toBe(0);
    // Removing what is not there is the wanted state, not an error.
    await expect(adapter.removeItemMessage(key, "k")).resolves.toBeUndefined();
  });

  it("shows nothing on another item than the one asked for, or below Mailbox 1.3", async () => {
    const bar = infoBar();
    const office = mockOffice({ itemType: "appointment", itemId: "AAMk1", organizer: customer, start, end, notificationMessages: bar });
    expect(await createOfficeAdapter(office).showItemMessage("id:AAMk-other", "k", "hello")).toBe(false);
    const old = mockOffice({ itemType: "appointment", itemId: "AAMk1", organizer: customer, start, end, notificationMessages: bar }, "1.2");
    const adapter = createOfficeAdapter(old);
    expect(await adapter.showItemMessage(adapter.currentItem()!.key, "k", "hello")).toBe(false);
    expect(bar.replaceAsync).not.toHaveBeenCalled();
  });
});
