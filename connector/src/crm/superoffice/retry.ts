import type { RetryConfig } from "./config";

/**
 * Retry-After as SuperOffice (or a proxy in front of it) may send it: delta-seconds or an HTTP date.
 * Returns milliseconds to wait, or null when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (text === "") return null;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - nowMs);
}

/**
 * Delay before retry number `retry` (1 = first retry): Retry-After when the server gave one, else
 * exponential backoff with equal jitter (half fixed, half random) capped at maxDelayMs.
 * Returns null when the server asks for a longer wait than the configuration accepts.
 */
export function retryDelayMs(retry: number, config: RetryConfig, retryAfterMs: number | null, random: () => number): number | null {
  if (retryAfterMs !== null) return retryAfterMs > config.maxRetryAfterMs ? null : retryAfterMs;
  const ceiling = Math.min(config.maxDelayMs, config.baseDelayMs * 2 ** (retry - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
