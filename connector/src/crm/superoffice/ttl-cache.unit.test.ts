import { TtlCache } from "./ttl-cache";

describe("TtlCache", () => {
  it("shares one load between concurrent callers and reloads after the TTL", async () => {
    let t = 50_000;
    let loads = 0;
    const cache = new TtlCache(1000, { now: () => t });
    const load = async () => ++loads;
    expect(await Promise.all([cache.get("k", load), cache.get("k", load)])).toEqual([1, 1]);
    t = 51_000;
    expect(await cache.get("k", load)).toBe(1);
    t = 51_001;
    expect(await cache.get("k", load)).toBe(2);
  });

  it("does not keep a failed load", async () => {
    const cache = new TtlCache(1000, { now: () => 50_000 });
    await expect(cache.get("k", async () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    expect(await cache.get("k", async () => "up")).toBe("up");
  });
});
