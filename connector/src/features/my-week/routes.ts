import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { MyWeekQuery, MyWeekResponse, type MyWeekEntry } from "../../../../shared/api/my-week";
import { formatIsoWeek, parseIsoWeek } from "../../../../shared/domain/iso-week";
import { identityOf } from "../../auth/identity";
import { readPortfolio } from "../../jobs/portfolio";
import { dueWeek, zonedParts } from "../../jobs/scheduler";
import { repWeeklyList, selectionName } from "../../jobs/weekly-lists";
import type { JobFeatureDeps } from "../settings/admin";
import { weeklyListsAdminRoutes } from "./admin-routes";

/**
 * GET /api/v1/my-week — the signed-in rep's follow-up list for a week, computed the same way as the
 * Monday selection (same portfolio read, same domain rule), from the rep's own companies only.
 */
export function myWeekRoutes(app: FastifyInstance, deps: JobFeatureDeps): void {
  weeklyListsAdminRoutes(app, deps);
  app.withTypeProvider<ZodTypeProvider>().get("/api/v1/my-week", { schema: { querystring: MyWeekQuery, response: { 200: MyWeekResponse } } }, async (request) => {
    const identity = identityOf(request);
    const email = identity.email.toLowerCase();
    const rep = (await deps.crm.listAssociates()).find((a) => a.email?.trim().toLowerCase() === email);
    if (!rep) return { known: false as const, email: identity.email };
    const settings = await deps.services.settings.readAll();
    const schedule = settings.schedule.weeklyLists;
    const now = new Date();
    const week = request.query.week ? parseIsoWeek(request.query.week) : dueWeek(now, schedule.time, schedule.timeZone);
    const fields = await deps.services.settings.fields();
    const portfolio = await readPortfolio({ ...deps.crm, listCompanies: (q) => deps.crm.listCompanies({ ...q, ownerId: rep.id }) }, fields, { activityDates: true });
    const { list } = await repWeeklyList(deps.crm, { rep: rep.id, customers: portfolio.customers, policy: settings.policy, week, schedule,
      // Seen today, as the card sees the customer: both count the days overdue to the same day.
      today: zonedParts(now, schedule.timeZone).date,
    });
    const entries: MyWeekEntry[] = list.entries.map((e) => ({
      company: { id: e.customer.id, name: e.customer.name, country: e.customer.country },
      tier: e.tier,
      reason: e.reason,
      dueDate: e.dueDate,
      daysOverdue: e.daysOverdue,
      intervalWeeks: e.intervalWeeks,
      lastContact: e.customer.lastContact,
    }));
    return {
      known: true as const,
      rep: { id: rep.id, name: rep.fullName, initials: rep.initials },
      week: formatIsoWeek(week),
      from: list.from,
      to: list.to,
      selectionName: selectionName(week, rep.initials, schedule.language),
      entries,
    };
  });
}
