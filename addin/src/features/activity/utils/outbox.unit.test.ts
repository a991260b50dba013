import type { LogActivityRequest, LogActivityResponse } from "../../../../../shared/api/activity";
import { waitFor } from "@testing-library/react";
import { ApiClientError } from "../../../api/errors";
import { memoryStorage } from "../../../testing/memoryStorage";
import { createOutbox } from "./outbox";
import { OUTBOX_STORAGE_KEY } from "./outboxKey";

const request = (key: string): LogActivityRequest => ({
  idempotencyKey: key,
  companyId: 7,
  personId: 11,
  type: "call",
  date: "2026-11-20",
  notes: "n",
  outcome: "o",
  nextStep: { date: "2027-01-15", text: "" },
});
const KEY_A = "8c4b8a4e-1d7f-4c1e-9a56-0f7e8c3f0a01";
const KEY_B = "8c4b8a4e-1d7f-4c1e-9a56-0f7e8c3f0a02";

/**
 * A connector that is down until `up` is set. It writes every request it gets, as a CRM would without
 * the connector's ledger: what the outbox sends twice is written twice, so these tests see it.
 */
function connector() {
  const writes: string[] = [];
  const state = { up: true, calls: 0 };
  const send = async (r: LogActivityRequest): Promise<LogActivityResponse> => {
    state.calls++;
    if (!state.up) throw new ApiClientError("NETWORK", "down");
    writes.push(r.idempotencyKey);
    // The answer comes a moment later, as over the network.
    await new Promise((resolve) => setTimeout(resolve, 0));
    return { activityId: 100 + writes.length - 1, followUpId: null, followUp: { action: "none" }, replayed: false };
  };
  return { send, writes, state };
}

describe("outbox", () => {
  it("sends at once when the connector is up and keeps nothing", async () => {
    const storage = memoryStorage();
    const c = connector();
    const outbox = createOutbox({ storage, send: c.send });
    await expect(outbox.enqueue(request(KEY_A), "Fjordstål AS")).resolves.toMatchObject({ activityId: 100, replayed: false });
    expect(outbox.entries()).toEqual([]);
    outbox.dispose();
  });

  it("keeps a save while the connector is down, visibly, and writes it once when it is back", async () => {
    const storage = memoryStorage();
    const c = connector();
    c.state.up = false;
    const outbox = createOutbox({ storage, send: c.send, retryDelayMs: () => 10 });
    const changes: number[] = [];
    outbox.subscribe(() => changes.push(outbox.entries().length));
    await expect(outbox.enqueue(request(KEY_A), "Fjordstål AS")).resolves.toBeNull();
    expect(outbox.entries()).toMatchObject([{ label: "Fjordstål AS", attempts: 1, lastError: "NETWORK", failed: false }]);
    c.state.up = true;
    await waitFor(() => expect(outbox.entries()).toEqual([]));
    expect(c.writes).toEqual([KEY_A]);
    expect(changes.at(-1)).toBe(0);
    outbox.dispose();
  });

  it("survives a closed pane: a new outbox on the same storage sends what was left", async () => {
    const storage = memoryStorage();
    const c = connector();
    c.state.up = false;
    const first = createOutbox({ storage, send: c.send, retryDelayMs: () => 60_000 });
    await first.enqueue(request(KEY_A), "A");
    first.dispose();
    c.state.up = true;
    const second = createOutbox({ storage, send: c.send });
    await second.flush();
    expect(second.entries()).toEqual([]);
    expect(c.writes).toEqual([KEY_A]);
    second.dispose();
  });

  it("never writes twice when two panes send the same entry", async () => {
    const storage = memoryStorage();
    const c = connector();
    c.state.up = false;
    const a = createOutbox({ storage, send: c.send, retryDelayMs: () => 60_000 });
    await a.enqueue(request(KEY_A), "A");
    c.state.up = true;
    const b = createOutbox({ storage, send: c.send, retryDelayMs: () => 60_000 });
    await Promise.all([a.flush(), b.flush()]);
    expect(c.writes).toEqual([KEY_A]);
    expect(JSON.parse(storage.getItem(OUTBOX_STORAGE_KEY) ?? "null")).toEqual([]);
    a.dispose();
    b.dispose();
  });

  it("sends an entry again when the pane that was sending it closed in the middle", async () => {
    const storage = memoryStorage();
    const c = connector();
    let clock = 1_000_000;
    const never = createOutbox({ storage, send: () => new Promise(() => undefined), retryDelayMs: () => 60_000, now: () => clock });
    void never.enqueue(request(KEY_A), "A");
    never.dispose();
    const next = createOutbox({ storage, send: c.send, retryDelayMs: () => 60_000, now: () => clock });
    await next.flush();
    expect(c.writes).toEqual([]);
    clock += 46_000;
    await next.flush();
    expect(c.writes).toEqual([KEY_A]);
    expect(next.entries()).toEqual([]);
    next.dispose();
  });

  it("stops on a key the connector says was used for another activity, and shows it", async () => {
    jest.useFakeTimers();
    const storage = memoryStorage();
    let calls = 0;
    const outbox = createOutbox({
      storage,
      send: async () => {
        calls++;
        throw new ApiClientError("CONFLICT", "This idempotency key was used for another activity.", 409);
      },
      retryDelayMs: () => 5,
    });
    await outbox.enqueue(request(KEY_B), "B");
    // Well past any retry delay: a conflict is not retried.
    await jest.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(1);
    expect(outbox.entries()).toMatchObject([{ failed: true, lastError: "CONFLICT", attempts: 1 }]);
    outbox.dispose();
    jest.useRealTimers();
  });

  it("asks again while the first attempt is still in progress", async () => {
    const storage = memoryStorage();
    const c = connector();
    let busy = 2;
    const outbox = createOutbox({
      storage,
      send: async (r) => {
        if (busy-- > 0) throw new ApiClientError("IN_PROGRESS", "being saved", 409);
        return c.send(r);
      },
      retryDelayMs: () => 5,
    });
    await outbox.enqueue(request(KEY_A), "A");
    await waitFor(() => expect(outbox.entries()).toEqual([]));
    expect(c.writes).toEqual([KEY_A]);
    outbox.dispose();
  });

  it("shows an error a retry cannot fix instead of retrying or dropping it", async () => {
    jest.useFakeTimers();
    const storage = memoryStorage();
    let calls = 0;
    const outbox = createOutbox({
      storage,
      send: async () => {
        calls++;
        throw new ApiClientError("FORBIDDEN", "not a CRM user");
      },
      retryDelayMs: () => 5,
    });
    await outbox.enqueue(request(KEY_B), "B");
    // Well past any retry delay: a refusal is not retried.
    await jest.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(1);
    expect(outbox.entries()).toMatchObject([{ failed: true, lastError: "FORBIDDEN" }]);
    outbox.discard(KEY_B);
    expect(outbox.entries()).toEqual([]);
    outbox.dispose();
    jest.useRealTimers();
  });

  it("ignores unreadable storage instead of failing the pane", () => {
    const storage = memoryStorage();
    storage.setItem("kundrytm.outbox.v1", "{not json");
    const outbox = createOutbox({ storage, send: connector().send });
    expect(outbox.entries()).toEqual([]);
    outbox.dispose();
  });
});
