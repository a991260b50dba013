import { parseRetryAfter, retryDelayMs } from "./retry";

const config = { maxAttempts: 4, baseDelayMs: 200, maxDelayMs: 1000, maxRetryAfterMs: 5000 };

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-11-23T12:00:00Z");
  it("reads delta-seconds and HTTP dates", () => {
    expect(parseRetryAfter("2", now)).toBe(2000);
    expect(parseRetryAfter("0.25", now)).toBe(250);
    expect(parseRetryAfter("Mon, 23 Nov 2026 12:00:03 GMT", now)).toBe(3000);
    expect(parseRetryAfter("Mon, 23 Nov 2026 11:59:00 GMT", now)).toBe(0);
  });
  it("ignores absent or unreadable values", () => {
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(parseRetryAfter("", now)).toBeNull();
    expect(parseRetryAfter("soon", now)).toBeNull();
  });
});

describe("retryDelayMs", () => {
  it("honours Retry-After within the accepted maximum, and gives up beyond it", () => {
    expect(retryDelayMs(1, config, 1500, () => 0.5)).toBe(1500);
    expect(retryDelayMs(1, config, 6000, () => 0.5)).toBeNull();
  });
  it("backs off exponentially with jitter, capped", () => {
    expect(retryDelayMs(1, config, null, () => 0)).toBe(100);
    expect(retryDelayMs(1, config, null, () => 1)).toBe(200);
    expect(retryDelayMs(2, config, null, () => 0)).toBe(200);
    expect(retryDelayMs(3, config, null, () => 1)).toBe(800);
    expect(retryDelayMs(6, config, null, () => 1)).toBe(1000);
  });
});
