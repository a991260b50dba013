import crypto from "node:crypto";
import { performance } from "node:perf_hooks";
import type { FastifyInstance } from "fastify";
import client from "prom-client";
import type { CallBudget, SoObserver } from "../crm/superoffice";
import { HttpError } from "./errors";

/**
 * The connector's Prometheus metrics (prom-client), one registry per process. GET /metrics serves them to a
 * scraper that sends `Authorization: Bearer <KUNDRYTM_METRICS_TOKEN>`; without a token set there is no
 * /metrics at all. Labels are bounded: routes as declared (never raw paths), CRM operations with ids
 * replaced by {id}, outcomes as HTTP statuses.
 */
export function createMetrics() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "kundrytm_" });
  const registers = [registry];
  const httpRequests = new client.Counter({ name: "kundrytm_http_requests_total", help: "HTTP requests answered, by method, route and status.", labelNames: ["method", "route", "status"] as const, registers });
  const httpDuration = new client.Histogram({
    name: "kundrytm_http_request_duration_seconds",
    help: "Time to answer HTTP requests, by route.",
    labelNames: ["route"] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });
  const crmCalls = new client.Counter({
    name: "kundrytm_crm_calls_total",
    help: "Calls to the SuperOffice WebAPI (each attempt), by operation and outcome (HTTP status, or network).",
    labelNames: ["operation", "outcome"] as const,
    registers,
  });
  const crmRetries = new client.Counter({ name: "kundrytm_crm_retries_total", help: "SuperOffice calls repeated after throttling or a transient failure.", registers });
  const budgetWait = new client.Histogram({
    name: "kundrytm_crm_budget_wait_seconds",
    help: "Time a SuperOffice call waited for the tenant's call budget (SUPEROFFICE_CALLS_PER_SECOND).",
    buckets: [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });
  const jobRuns = new client.Counter({
    name: "kundrytm_job_runs_total",
    help: "Job runs that write (Monday lists, classification), by job and outcome: completed, failed, busy (another run held it).",
    labelNames: ["job", "outcome"] as const,
    registers,
  });
  const jobDuration = new client.Histogram({
    name: "kundrytm_job_duration_seconds",
    help: "Duration of job runs, by job.",
    labelNames: ["job"] as const,
    buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600],
    registers,
  });
  const writeConflicts = new client.Counter({
    name: "kundrytm_write_conflicts_total",
    help: "Writes refused by the write ledger, by route and code: CONFLICT (a key reused for other content), IN_PROGRESS (another request still writing it).",
    labelNames: ["route", "code"] as const,
    registers,
  });

  const crmObserver: SoObserver = {
    exchange(exchange) {
      crmCalls.inc({ operation: `${exchange.method} ${operationOf(exchange.path)}`, outcome: exchange.status === null ? "network" : String(exchange.status) });
    },
    retry() {
      crmRetries.inc();
    },
  };

  return {
    registry,
    crmObserver,
    /** The budget, timed: every wait for a slot lands in kundrytm_crm_budget_wait_seconds. */
    timedBudget(budget: CallBudget): CallBudget {
      return {
        async acquire() {
          const started = performance.now();
          try {
            return await budget.acquire();
          } finally {
            budgetWait.observe((performance.now() - started) / 1000);
          }
        },
      };
    },
    jobRun(job: string, outcome: string, seconds: number): void {
      jobRuns.inc({ job, outcome });
      jobDuration.observe({ job }, seconds);
    },
    /** Counts every answer by route and status, and the write ledger's refusals. */
    instrument(app: FastifyInstance): void {
      app.addHook("onResponse", async (request, reply) => {
        const route = request.routeOptions.url ?? "unmatched";
        httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) });
        httpDuration.observe({ route }, reply.elapsedTime / 1000);
      });
      app.addHook("onError", async (request, _reply, error) => {
        if (error instanceof HttpError && (error.code === "CONFLICT" || error.code === "IN_PROGRESS")) {
          writeConflicts.inc({ route: request.routeOptions.url ?? "unmatched", code: error.code });
        }
      });
    },
    /** GET /metrics for a scraper with the token. */
    route(app: FastifyInstance, token: string): void {
      const expected = crypto.createHash("sha256").update(token).digest();
      app.get("/metrics", async (request, reply) => {
        const given = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? "")?.[1] ?? "";
        if (!crypto.timingSafeEqual(crypto.createHash("sha256").update(given).digest(), expected)) {
          reply.header("WWW-Authenticate", 'Bearer realm="kundrytm-metrics"');
          throw new HttpError(401, "UNAUTHORIZED", "Send the metrics token (KUNDRYTM_METRICS_TOKEN) as a Bearer token.");
        }
        reply.header("Content-Type", registry.contentType).header("Cache-Control", "no-store");
        return registry.metrics();
      });
    },
  };
}
export type Metrics = ReturnType<typeof createMetrics>;

/** "/v1/Contact/12/Appointments" → "/v1/Contact/{id}/Appointments": one series per kind of call. */
export function operationOf(path: string): string {
  return path.replace(/\/\d+(?=\/|$)/g, "/{id}").replace(/\/[0-9a-f]{8}-[0-9a-f-]{27,}(?=\/|$)/gi, "/{id}");
}
