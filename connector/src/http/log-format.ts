import type { FastifyServerOptions } from "fastify";

/**
 * The connector's log: one JSON object per line on standard output, `level` as a word (fatal, error, warn,
 * info, debug, trace), `time` in ISO 8601 UTC and `msg` in plain English (docs/admin.md, "Logs").
 */
export function loggerOptions(level: string): Exclude<FastifyServerOptions["logger"], boolean | undefined> {
  return {
    level,
    formatters: { level: (label: string) => ({ level: label }) },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
  };
}

/** A failure before the logger exists, in the log's own format. */
export function fatalLogLine(msg: string, more: Record<string, unknown> = {}): string {
  return `${JSON.stringify({ level: "fatal", time: new Date().toISOString(), msg, ...more })}\n`;
}
