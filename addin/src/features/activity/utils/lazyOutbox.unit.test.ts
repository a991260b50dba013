import type { LogActivityRequest } from "../../../../../shared/api/activity";
import { memoryStorage } from "../../../testing/memoryStorage";
import { createLazyOutbox } from "./lazyOutbox";

const KEY = "8c4b8a4e-1d7f-4c1e-9a56-0f7e8c3f0a01";
const request: LogActivityRequest = {
  idempotencyKey: KEY,
  companyId: 7,
  personId: 11,
  type: "call",
  date: "2026-11-20",
  notes: "n",
  outcome: "o",
  nextStep: null,
};

const stored = (failed: boolean) =>
  memoryStorage({ "kundrytm.outbox.v1": JSON.stringify([{ request, label: "Fjordstål AS", attempts: 2, lastError: "FORBIDDEN", failed }]) });

describe("lazy outbox", () => {
  it("shows no entries until its chunk is in, then what was stored, and tells its subscribers", async () => {
    const storage = stored(true);
    const outbox = createLazyOutbox({ storage, send: async () => ({ activityId: 1, followUpId: null, followUp: { action: "none" as const }, replayed: false }) });
    const seen: number[] = [];
    outbox.subscribe(() => seen.push(outbox.entries().length));
    expect(outbox.entries()).toEqual([]);
    await outbox.flush();
    expect(outbox.entries()).toMatchObject([{ label: "Fjordstål AS", failed: true }]);
    expect(seen[0]).toBe(1);
    outbox.dispose();
  });

  it("holds a save until loaded and sends it once; a save left from before goes out at load", async () => {
    const sent: string[] = [];
    const send = async (r: LogActivityRequest) => {
      sent.push(r.idempotencyKey);
      return { activityId: 1, followUpId: null, followUp: { action: "none" as const }, replayed: false };
    };
    const left = createLazyOutbox({ storage: stored(false), send });
    await left.flush();
    expect(sent).toEqual([KEY]);
    expect(left.entries()).toEqual([]);

    const fresh = createLazyOutbox({ storage: memoryStorage(), send });
    await expect(fresh.enqueue({ ...request, idempotencyKey: "8c4b8a4e-1d7f-4c1e-9a56-0f7e8c3f0a02" }, "Bergmaskin AB")).resolves.toMatchObject({ activityId: 1 });
    expect(sent).toEqual([KEY, "8c4b8a4e-1d7f-4c1e-9a56-0f7e8c3f0a02"]);
  });

  it("stores a save made before its chunk is in, so it is there whatever happens next", () => {
    const storage = memoryStorage();
    const outbox = createLazyOutbox({ storage, send: () => new Promise(() => undefined) });
    void outbox.enqueue(request, "Fjordstål AS");
    expect(JSON.parse(storage.map.get("kundrytm.outbox.v1")!)).toEqual([{ request, label: "Fjordstål AS", attempts: 0, lastError: null, failed: false }]);
    outbox.dispose();
  });

  it("does not start sending when disposed before its chunk is in", async () => {
    jest.useFakeTimers();
    try {
      const send = jest.fn(async () => ({ activityId: 1, followUpId: null, followUp: { action: "none" as const }, replayed: false }));
      const outbox = createLazyOutbox({ storage: stored(false), send });
      outbox.dispose();
      await outbox.flush();
      await jest.advanceTimersByTimeAsync(1000);
      expect(send).not.toHaveBeenCalled();
      expect(outbox.entries()).toEqual([]);
    } finally {
      jest.useRealTimers();
    }
  });
});
