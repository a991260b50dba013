import { SlidingWindowBudget, sharedTenantBudget, type Clock } from "./rate-limit";

/** A clock that only moves when sleepers are due; lets the budget be tested without real time. */
class FakeClock implements Clock {
  t = 0;
  private sleepers: { until: number; resolve: () => void }[] = [];
  now(): number {
    return this.t;
  }
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.sleepers.push({ until: this.t + ms, resolve }));
  }
  /** Runs until no sleeper remains, advancing time to each wake-up. */
  async drain(): Promise<void> {
    for (let i = 0; i < 10_000; i++) {
      await new Promise((r) => setImmediate(r));
      if (this.sleepers.length === 0) return;
      this.sleepers.sort((a, b) => a.until - b.until);
      const next = this.sleepers.shift()!;
      this.t = Math.max(this.t, next.until);
      next.resolve();
    }
    throw new Error("clock did not settle");
  }
}

function maxInWindow(times: number[], windowMs: number): number {
  let max = 0;
  for (const start of times) max = Math.max(max, times.filter((t) => t >= start && t < start + windowMs).length);
  return max;
}

describe("SlidingWindowBudget", () => {
  it("never lets more than the limit start within one second, in arrival order", async () => {
    const clock = new FakeClock();
    const budget = new SlidingWindowBudget({ callsPerSecond: 10, marginMs: 0, clock });
    const starts: { caller: number; at: number }[] = [];
    // Each call completes at once: its slot ages out one window after its start.
    const all = Array.from({ length: 50 }, (_, caller) =>
      budget.acquire().then((release) => {
        starts.push({ caller, at: clock.now() });
        release();
      }),
    );
    await clock.drain();
    await Promise.all(all);
    expect(starts).toHaveLength(50);
    expect(starts.map((s) => s.caller)).toEqual([...Array(50).keys()]);
    expect(maxInWindow(starts.map((s) => s.at), 1000)).toBe(10);
    // 50 calls at 10/s: the last batch starts at 4 s, not later.
    expect(starts.at(-1)!.at).toBe(4000);
  });

  it("adds the margin to the window", async () => {
    const clock = new FakeClock();
    const budget = new SlidingWindowBudget({ callsPerSecond: 2, marginMs: 50, clock });
    const at: number[] = [];
    const all = [0, 1, 2].map(() => budget.acquire().then((release) => { at.push(clock.now()); release(); }));
    await clock.drain();
    await Promise.all(all);
    expect(at).toEqual([0, 0, 1050]);
  });

  it("spaces fractional rates", async () => {
    const clock = new FakeClock();
    const budget = new SlidingWindowBudget({ callsPerSecond: 0.5, marginMs: 0, clock });
    const at: number[] = [];
    const all = [0, 1].map(() => budget.acquire().then((release) => { at.push(clock.now()); release(); }));
    await clock.drain();
    await Promise.all(all);
    expect(at).toEqual([0, 2000]);
  });
});

describe("SlidingWindowBudget with slow calls", () => {
  it("keeps a slot until one window after its call completed", async () => {
    const clock = new FakeClock();
    const budget = new SlidingWindowBudget({ callsPerSecond: 2, marginMs: 0, clock });
    const first = await budget.acquire();
    const second = await budget.acquire();
    let thirdAt: number | null = null;
    const third = budget.acquire().then((release) => {
      thirdAt = clock.now();
      return release;
    });
    // Both calls are still in flight: nothing may start, however long that takes.
    await clock.drain();
    expect(thirdAt).toBeNull();
    clock.t = 5000;
    first(); // the first call completes at 5 s; its slot frees one window later
    await clock.drain();
    expect(thirdAt).toBe(6000);
    second();
    (await third)();
  });
});

describe("sharedTenantBudget", () => {
  it("gives clients of one tenant the same budget, whatever the URL's case or trailing slash", () => {
    const a = sharedTenantBudget("https://sod2.superoffice.com/Cust12345/api", 10);
    expect(sharedTenantBudget("https://SOD2.superoffice.com/cust12345/api/", 10)).toBe(a);
    expect(sharedTenantBudget("https://sod2.superoffice.com/Cust99999/api", 10)).not.toBe(a);
  });
});
