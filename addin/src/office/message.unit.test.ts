import { FAILED, mockOffice, ok, REP as rep } from "../testing/officeMock";
import { createOfficeAdapter, isoWithOffset } from "./adapter";
import { OfficeCallError } from "./promisify";
import type { AsyncCallback, OfficeLike } from "./types";

const customer = { emailAddress: "Kari.Nordmann@Fjordstal.no", displayName: "Kari Nordmann" };
const EML_BASE64 = Buffer.from("From: kari.nordmann@fjordstal.no\r\nSubject: Tilbud\r\n\r\nHei!").toString("base64");

const failed = (message: string) => ({ status: FAILED, value: undefined as never, error: { name: "GenericError", message, code: 9002 } });

function readMessage(overrides: Record<string, unknown> = {}) {
  const body = { getAsync: jest.fn((coercion: unknown, cb: AsyncCallback<string>) => setTimeout(() => cb(ok(coercion === "text" ? "Hei!\nKan dere sende et tilbud?" : "<p>Hei!</p>")))) };
  const getAsFileAsync = jest.fn((cb: AsyncCallback<string>) => setTimeout(() => cb(ok(EML_BASE64))));
  return {
    item: {
      itemType: "message",
      itemId: "AAMk1",
      internetMessageId: "<CAF1234@mail.fjordstal.no>",
      subject: "Tilbud på ventiler",
      from: customer,
      to: [rep],
      cc: [],
      dateTimeCreated: new Date("2026-11-20T08:15:00Z"),
      body,
      getAsFileAsync,
      ...overrides,
    },
    body,
    getAsFileAsync,
  };
}

describe("office adapter: the message for archiving", () => {
  it("reads the Message-ID and metadata of a read-mode message", async () => {
    const { item } = readMessage();
    const header = await createOfficeAdapter(mockOffice(item)).readMessageHeader();
    expect(header).toEqual({
      item: { key: "id:AAMk1", kind: "message-read", subject: "Tilbud på ventiler" },
      messageId: "<CAF1234@mail.fjordstal.no>",
      subject: "Tilbud på ventiler",
      from: customer,
      to: [rep],
      cc: [],
      date: isoWithOffset(new Date("2026-11-20T08:15:00Z")),
    });
    expect(header!.date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
  });

  it("dates a message without a creation time by its last change, else not at all (never the time of archiving)", async () => {
    const modified = readMessage({ dateTimeCreated: undefined, dateTimeModified: new Date("2026-11-19T16:00:00Z") });
    expect((await createOfficeAdapter(mockOffice(modified.item)).readMessageHeader())!.date).toBe(isoWithOffset(new Date("2026-11-19T16:00:00Z")));
    const neither = readMessage({ dateTimeCreated: new Date(Number.NaN), dateTimeModified: null });
    expect((await createOfficeAdapter(mockOffice(neither.item)).readMessageHeader())!.date).toBeNull();
  });

  it("gives the .eml through getAsFileAsync with Mailbox 1.14", async () => {
    const { item, getAsFileAsync, body } = readMessage();
    const content = await createOfficeAdapter(mockOffice(item, "1.14")).readMessageContent("id:AAMk1");
    expect(content).toEqual({ kind: "eml", base64: EML_BASE64 });
    expect(getAsFileAsync).toHaveBeenCalledTimes(1);
    expect(body.getAsync).not.toHaveBeenCalled();
  });

  it("falls back to the body as text before Mailbox 1.14", async () => {
    const { item, getAsFileAsync } = readMessage();
    const content = await createOfficeAdapter(mockOffice(item, "1.13")).readMessageContent("id:AAMk1");
    expect(content).toEqual({ kind: "text", body: "Hei!\nKan dere sende et tilbud?" });
    expect(getAsFileAsync).not.toHaveBeenCalled();
  });

  it("falls back to the body where the host lacks getAsFileAsync even though it claims 1.14", async () => {
    const { item } = readMessage({ getAsFileAsync: undefined });
    expect(await createOfficeAdapter(mockOffice(item)).readMessageContent("id:AAMk1")).toMatchObject({ kind: "text" });
  });

  it("rejects when Outlook fails to give the file", async () => {
    const { item } = readMessage({ getAsFileAsync: (cb: AsyncCallback<string>) => setTimeout(() => cb(failed("Item too large"))) });
    const read = createOfficeAdapter(mockOffice(item)).readMessageContent("id:AAMk1");
    await expect(read).rejects.toBeInstanceOf(OfficeCallError);
    await expect(read).rejects.toThrow("getAsFileAsync: Item too large");
  });

  it("refuses to hand over the content of another item than the one asked for", async () => {
    const first = readMessage().item;
    const office = mockOffice(first);
    const adapter = createOfficeAdapter(office);
    await expect(adapter.readMessageContent("id:other")).rejects.toThrow("the selected item changed");
    // The selection moves while Outlook is still reading the file.
    const moving = readMessage({
      getAsFileAsync: (cb: AsyncCallback<string>) => {
        office.context.mailbox.item = readMessage({ itemId: "AAMk2" }).item as OfficeLike["context"]["mailbox"]["item"];
        setTimeout(() => cb(ok(EML_BASE64)));
      },
    }).item;
    office.context.mailbox.item = moving as OfficeLike["context"]["mailbox"]["item"];
    await expect(adapter.readMessageContent("id:AAMk1")).rejects.toThrow("the selected item changed");
  });

  it("has no message to archive in compose mode, on an appointment or without an item", async () => {
    const compose = { itemType: "message", to: { getAsync: (cb: AsyncCallback<unknown>) => cb(ok([])) }, subject: "Ny" };
    const appointment = { itemType: "appointment", itemId: "AAMk9", organizer: customer, requiredAttendees: [rep], optionalAttendees: [] };
    for (const item of [compose, appointment, null, readMessage({ internetMessageId: "" }).item]) {
      expect(await createOfficeAdapter(mockOffice(item)).readMessageHeader()).toBeNull();
    }
  });
});
