import { generateDemoTenant } from "../sandbox/src";
import { startStack } from "../test/e2e/support/stack";
import { printTable, timed } from "./table";

/**
 * 100 reps open a card at the same moment, each for a sender no one has opened (cold), then again for the
 * same senders (warm), against the embedded stack with the tenant's 10 calls per second and 40 ms per CRM
 * call. Prints the answers by status, p50/p95 card time, the most CRM calls in any second and the calls
 * per card. Goals: every request answered (a card, or 503 OVERLOADED with Retry-After), ≤ 10 calls/s,
 * no CRM call for a warm card.
 */

const REPS = 100;
const LATENCY_MS = 40;

const percentile = (xs: readonly number[], p: number) => {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
};

interface Outcome {
  status: number | "dropped";
  ms: number;
  retryAfter: string | null;
}

export async function run(): Promise<void> {
  const stack = await startStack({ withAddin: false, knobs: { latencyMs: LATENCY_MS } });
  try {
    const reps = stack.sandbox.tenant.reps;
    const tokens = await Promise.all(
      reps.map(async (rep) => {
        const res = await fetch(`${stack.url}/dev/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: rep.email }) });
        return `Bearer ${((await res.json()) as { access_token: string }).access_token}`;
      }),
    );
    const data = generateDemoTenant({ tenant: "Cust00001", seed: 1, customers: 300, now: new Date() }).data;
    const senders = [...new Set(data.persons.filter((p) => !p.retired && p.associateId === 0 && p.emails.length > 0).map((p) => p.emails[0]!.toLowerCase()))];
    if (senders.length < REPS + 1) throw new Error(`the demo tenant has only ${senders.length} senders`);
    const open = async (email: string, i: number): Promise<Outcome> => {
      try {
        const { ms, value: res } = await timed(() => fetch(`${stack.url}/api/v1/card?email=${encodeURIComponent(email)}`, { headers: { authorization: tokens[i % tokens.length]! } }));
        await res.arrayBuffer();
        return { status: res.status, ms, retryAfter: res.headers.get("retry-after") };
      } catch {
        return { status: "dropped", ms: NaN, retryAfter: null };
      }
    };
    // The CRM's users and lists are read once and kept: warm them so the rounds measure cards only.
    await open(senders[REPS]!, 0);

    const round = async (emails: readonly string[]) => {
      stack.sandbox.resetStats();
      const outcomes = await Promise.all(emails.map(open));
      return { outcomes, stats: stack.sandbox.stats() };
    };
    const cold = await round(senders.slice(0, REPS));
    const servedSenders = senders.slice(0, REPS).filter((_, i) => cold.outcomes[i]!.status === 200);
    const warm = await round(servedSenders);

    const describe = (name: string, r: Awaited<ReturnType<typeof round>>) => {
      const byStatus = new Map<string, number>();
      for (const o of r.outcomes) byStatus.set(String(o.status), (byStatus.get(String(o.status)) ?? 0) + 1);
      const cards = r.outcomes.filter((o) => o.status === 200);
      const times = cards.map((o) => o.ms);
      const shedWithoutRetryAfter = r.outcomes.filter((o) => o.status === 503 && o.retryAfter === null).length;
      return [
        name,
        String(r.outcomes.length),
        [...byStatus].sort().map(([s, n]) => `${s}: ${n}`).join(", "),
        percentile(times, 50).toFixed(0),
        percentile(times, 95).toFixed(0),
        String(r.stats.maxCallsPerSecond),
        cards.length === 0 ? "-" : (r.stats.totalCalls / cards.length).toFixed(2),
        String(shedWithoutRetryAfter),
      ];
    };
    printTable(
      ["round", "requests", "answers by status", "p50 card ms", "p95 card ms", "max CRM calls/s", "CRM calls per card", "503 without Retry-After"],
      [describe("cold (100 new senders at once)", cold), describe(`warm (the ${servedSenders.length} served again)`, warm)],
    );
    const dropped = [...cold.outcomes, ...warm.outcomes].filter((o) => o.status === "dropped").length;
    const maxRate = Math.max(cold.stats.maxCallsPerSecond, warm.stats.maxCallsPerSecond);
    console.log(`dropped: ${dropped} (goal 0) ${dropped === 0 ? "OK" : "OVER"}`);
    console.log(`max CRM calls per second: ${maxRate} (goal ≤ 10) ${maxRate <= 10 ? "OK" : "OVER"}`);
    console.log(`CRM calls for warm cards: ${warm.stats.totalCalls} (goal 0) ${warm.stats.totalCalls === 0 ? "OK" : "OVER"}`);
  } finally {
    await stack.close();
  }
}
