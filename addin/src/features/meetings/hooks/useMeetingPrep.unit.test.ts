import { settleLimited } from "./useMeetingPrep";

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe("settleLimited", () => {
  it("never runs more than the limit at once and settles each item on its own, in order", async () => {
    const gates = Array.from({ length: 7 }, () => deferred<void>());
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const settled = settleLimited([0, 1, 2, 3, 4, 5, 6], 3, async (i) => {
      started.push(i);
      running++;
      most = Math.max(most, running);
      await gates[i]!.promise;
      running--;
      if (i === 2) throw new Error("card 2 failed");
      return i * 10;
    });
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    // Answers come back out of order; each freed slot takes the next attendee.
    for (const i of [2, 0, 5, 1, 3, 6, 4]) {
      gates[i]!.resolve();
      await new Promise((r) => setTimeout(r, 0));
    }
    const results = await settled;
    expect(most).toBe(3);
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : (r.reason as Error).message))).toEqual([0, 10, "card 2 failed", 30, 40, 50, 60]);
  });

  it("settles an empty list at once", async () => {
    await expect(settleLimited([], 3, async () => 1)).resolves.toEqual([]);
  });
});
