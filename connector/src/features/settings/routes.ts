import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { PolicyErrors, SETTINGS_KEYS, Settings, WhatIfRequest, WhatIfResponse, WorkloadResponse, type WorkloadRow } from "../../../../shared/api/settings";
import { validatePolicy } from "../../../../shared/domain/policy";
import { workload, workloadWhatIf, type RepWorkload } from "../../../../shared/domain/workload";
import type { CrmAssociate } from "../../crm/port";
import { readPortfolio } from "../../jobs/portfolio";
import type { JobFeatureDeps } from "./admin";
import { SettingsError } from "./service";

/** `/api/v1/admin/settings…` and `/api/v1/admin/workload…`: the admin page's policy and settings. */
export function settingsRoutes(app: FastifyInstance, deps: JobFeatureDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const settings = deps.services.settings;

  r.get("/api/v1/admin/settings", { schema: { response: { 200: Settings } } }, async () => settings.readAll());

  r.put(
    "/api/v1/admin/settings/:key",
    { schema: { params: z.object({ key: z.enum(SETTINGS_KEYS) }), body: z.unknown(), response: { 200: Settings, 400: PolicyErrors } } },
    async (request, reply) => {
      try {
        await settings.save(request.params.key, request.body);
      } catch (error) {
        if (!(error instanceof SettingsError)) throw error;
        return reply.code(400).send({ error: { code: "BAD_REQUEST", message: error.message }, problems: error.problems });
      }
      return settings.readAll();
    },
  );

  const named = (associates: readonly CrmAssociate[]) => {
    const names = new Map(associates.map((a) => [a.id as number, a.fullName]));
    return (row: RepWorkload): WorkloadRow => ({ ...row, rep: row.rep, repName: row.rep === null ? null : (names.get(row.rep) ?? null) });
  };

  async function inputs() {
    const all = await settings.readAll();
    const [portfolio, associates] = await Promise.all([readPortfolio(deps.crm, await settings.fields(), { activityDates: false }), deps.crm.listAssociates()]);
    return { all, customers: portfolio.customers, capacities: await settings.capacities(), name: named(associates) };
  }

  r.get("/api/v1/admin/workload", { schema: { response: { 200: WorkloadResponse } } }, async () => {
    const { all, customers, capacities, name } = await inputs();
    const w = workload({ customers, policy: all.policy, capacities });
    return { reps: w.reps.map(name), unassigned: name(w.unassigned) };
  });

  r.post("/api/v1/admin/workload/what-if", { schema: { body: WhatIfRequest, response: { 200: WhatIfResponse, 400: PolicyErrors } } }, async (request, reply) => {
    const proposed = validatePolicy(request.body.policy);
    if (!proposed.ok) {
      return reply.code(400).send({ error: { code: "BAD_REQUEST", message: "The proposed policy has problems." }, problems: proposed.errors.map((e) => ({ path: e.path, message: e.message })) });
    }
    const { all, customers, capacities, name } = await inputs();
    const w = workloadWhatIf({ customers, current: all.policy, proposed: proposed.policy, capacities });
    const row = (x: (typeof w.reps)[number]) => ({ ...x, repName: name(x.current).repName, current: name(x.current), proposed: name(x.proposed) });
    return { reps: w.reps.map(row), unassigned: row(w.unassigned), totals: w.totals };
  });
}
