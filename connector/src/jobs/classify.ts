import type { ClassificationReport, TierMoveReport } from "../../../shared/api/jobs";
import type { TierSettingsBody } from "../../../shared/api/settings";
import { classificationKey, classify, tierIndex, type TierResult } from "../../../shared/domain/classify";
import type { LocalDate } from "../../../shared/domain/dates";
import { renderTierExplanation, type ExplanationLocale } from "../../../shared/domain/explain";
import { moveKind, tierDistribution, type TierMoveKind } from "../../../shared/domain/moves";
import { RevenueAccumulator } from "../../../shared/domain/revenue";
import type { AssociateId, ContactId, TierStatus } from "../../../shared/domain/vocabulary";
import type { FieldMapping } from "../config";
import type { CrmFullPort, CrmListItem } from "../crm/port";
import type { Db } from "../store/db";
import { ordersRepository } from "../store/orders";
import { CustomerKeyIndex } from "./customer-keys";
import { missingCategories, readPortfolio, type Portfolio } from "./portfolio";

/** One company whose tier changes, with everything needed to write it (and to resume the write). */
export interface PlannedMove {
  contactId: ContactId;
  name: string;
  ownerId: AssociateId | null;
  kind: TierMoveKind;
  from: TierStatus | null;
  /** Null: the company no longer has a tier. */
  to: TierStatus | null;
  /** The category written; 0 empties it. */
  categoryId: number;
  sentence: string;
  details: { revenue: number; currency: string; rank: number | null; topPercent: number | null; window: { from: string; to: string; months: number } };
}

/** The result of a company that has a tier or is a former customer, moved or not. */
export interface ClassifiedCompany {
  contactId: ContactId;
  name: string;
  /** The status the CRM showed before this classification. */
  from: TierStatus | null;
  status: TierStatus;
  result: TierResult;
}

/** What a dry run shows beyond the report: each segment's thresholds and every company's result. */
export interface ClassificationDetails {
  currency: string;
  segments: { segment: string | null; thresholds: { A: number; B: number; C: number } | null; customersRanked: number }[];
  /** Every company classification manages, by id: its tier now (null: none), the one the CRM shows, its revenue in the window. */
  companies: { contactId: number; name: string; tier: TierStatus | null; previous: TierStatus | null; revenue: number; move: TierMoveKind | null }[];
}

export interface ClassificationPlan {
  report: ClassificationReport;
  details: ClassificationDetails;
  moves: PlannedMove[];
  /** Every classified company; its sentence is rendered only when stored (dry runs never pay for it). */
  classified: ClassifiedCompany[];
  portfolio: Portfolio;
}

/**
 * The categories classification owns: the tier items, the former-customer items, the admin's "may
 * overwrite" list and the "no tier" item. Names compare trimmed and in lower case; the ids are of the
 * CRM's items that are not deleted.
 */
export function managedCategoryIds(categories: readonly CrmListItem[], fields: FieldMapping, tiers: Pick<TierSettingsBody, "overwriteCategories" | "noTierCategory">): Set<number> {
  const names = new Set([...fields.tierCategories, ...fields.formerCategories, ...tiers.overwriteCategories, ...(tiers.noTierCategory ? [tiers.noTierCategory] : [])].map((n) => n.trim().toLowerCase()));
  return new Set(categories.filter((c) => names.has(c.name.trim().toLowerCase())).map((c) => c.id));
}

export type ClassifyCrm = Pick<CrmFullPort, "listCompanies" | "listCategories" | "listCustomFieldItems">;

const STATUS_ORDER = (s: TierStatus | null): number => (s === null ? 6 : s === "former" ? 5 : tierIndex(s));

/** With segments a company has one result per segment; its CRM category shows the best of them. */
function bestPerCompany(results: readonly TierResult[]): Map<string, TierResult> {
  const best = new Map<string, TierResult>();
  for (const r of results) {
    const current = best.get(r.customerKey);
    if (!current || STATUS_ORDER(r.status) < STATUS_ORDER(current.status)) best.set(r.customerKey, r);
  }
  return best;
}

/**
 * The classification the stored order history gives as of `asOf`, against the tiers the CRM shows now
 * (its categories are the previous classification, and hysteresis holds customers near a threshold).
 * Reads the CRM and the store only.
 */
export async function planClassification(input: {
  db: Db;
  crm: ClassifyCrm;
  fields: FieldMapping;
  tiers: TierSettingsBody;
  asOf: LocalDate;
  locale: ExplanationLocale;
}): Promise<ClassificationPlan> {
  const { tiers } = input;
  const portfolio = await readPortfolio(input.crm, input.fields, { activityDates: false });
  const problems: string[] = [];
  const missing = missingCategories(portfolio.categoryIdOf, input.fields);
  if (missing.length > 0) problems.push(`The CRM has no category for ${missing.join(", ")}; companies cannot be moved there.`);

  const managed = managedCategoryIds(portfolio.categories, input.fields, tiers);
  let noTierCategoryId = 0;
  if (tiers.noTierCategory !== null) {
    const wanted = tiers.noTierCategory.trim().toLowerCase();
    const item = portfolio.categories.find((c) => !c.deleted && c.name.trim().toLowerCase() === wanted);
    if (item) noTierCategoryId = item.id;
    else problems.push(`The CRM has no category "${tiers.noTierCategory}" for companies without a tier; their category is emptied instead.`);
  }
  // Companies whose category classification does not own (Partner, Leverantör, the own company) are left alone.
  const isManaged = (c: { categoryId: number | null }) => c.categoryId === null || c.categoryId === 0 || managed.has(c.categoryId);

  const index = new CustomerKeyIndex(portfolio.companies);
  const acc = new RevenueAccumulator({ asOf: input.asOf, windowMonths: tiers.windowMonths, baseCurrency: tiers.baseCurrency, rates: tiers.rates, segmentBy: tiers.segmentBy });
  let unknownCompanies = 0;
  for (const line of await ordersRepository(input.db).linesBetween("1900-01-01", input.asOf)) {
    const found = index.resolve(line.customerKeyKind, line.customerKey);
    if (!found.ok) {
      unknownCompanies++;
      continue;
    }
    acc.add({ ...line, customerKey: String(found.contactId) });
  }
  const revenue = acc.summary();
  if (unknownCompanies > 0) problems.push(`${unknownCompanies} order lines belong to customers no longer found in the CRM; they were left out.`);
  if (revenue.unconverted.length > 0) {
    const currencies = [...new Set(revenue.unconverted.map((u) => u.currency))].join(", ");
    problems.push(`${revenue.unconverted.length} order lines in ${currencies} have no exchange rate to ${tiers.baseCurrency}; add rates in the tier settings.`);
  }

  const previous = new Map<string, TierStatus | null>();
  for (const c of revenue.customers) previous.set(classificationKey(c.customerKey, c.segment), portfolio.statusOf.get(Number(c.customerKey)) ?? null);
  for (const c of portfolio.companies) previous.set(String(c.id), portfolio.statusOf.get(c.id) ?? null);
  const { rates: _rates, ...settings } = tiers;
  const classification = classify({
    revenue,
    settings,
    previous,
    knownCustomers: portfolio.companies.map((c) => String(c.id)),
  });
  const best = bestPerCompany(classification.results);

  const moves: PlannedMove[] = [];
  const classified: ClassifiedCompany[] = [];
  const after = new Map(portfolio.statusOf);
  let untouched = 0;
  const shown: ClassificationDetails["companies"] = [];
  for (const company of portfolio.companies) {
    const result = best.get(String(company.id));
    if (!result) continue;
    if (!isManaged(company)) {
      if (result.status !== null) untouched++;
      continue;
    }
    const from = portfolio.statusOf.get(company.id) ?? null;
    const to = result.status;
    if (to !== null) classified.push({ contactId: company.id, name: company.name, from, status: to, result });
    const kind = moveKind(from, to);
    shown.push({ contactId: company.id, name: company.name, tier: to, previous: from, revenue: result.explanation.revenue, move: kind });
    if (kind === null) continue;
    const categoryId = to === null ? noTierCategoryId : portfolio.categoryIdOf[to];
    if (categoryId === undefined) continue; // reported above as a missing category
    after.set(company.id, to);
    const e = result.explanation;
    moves.push({
      contactId: company.id,
      name: company.name,
      ownerId: company.ownerId,
      kind,
      from,
      to,
      categoryId,
      sentence: renderTierExplanation({ result, customerName: company.name, locale: input.locale, from }),
      details: { revenue: e.revenue, currency: e.currency, rank: e.rank, topPercent: e.topPercent, window: { from: e.window.from, to: e.window.to, months: e.window.months } },
    });
  }
  moves.sort((a, b) => a.contactId - b.contactId);
  if (untouched > 0) {
    problems.push(`${untouched} companies with order history have a category Kundrytm does not manage (e.g. Partner, Leverantör) and were left as they are; list a category under "may overwrite" in the tier settings to let classification set it.`);
  }

  const report: ClassificationReport = {
    dryRun: true,
    asOf: input.asOf,
    window: { from: revenue.window.from, to: revenue.window.to, months: revenue.window.months },
    customers: portfolio.companies.length,
    before: tierDistribution(portfolio.statusOf.values()),
    after: tierDistribution(after.values()),
    moves: moves.map((m): TierMoveReport => ({ contactId: m.contactId, name: m.name, kind: m.kind, from: m.from, to: m.to, sentence: m.sentence })),
    unconvertedLines: revenue.unconverted.length,
    unknownCompanies,
    writes: { categories: 0, tasks: 0, resumed: 0 },
    problems,
  };
  const details: ClassificationDetails = {
    currency: tiers.baseCurrency,
    segments: classification.segments.map((g) => ({ segment: g.segment, thresholds: g.thresholds, customersRanked: g.customersRanked })),
    companies: shown.sort((a, b) => a.contactId - b.contactId),
  };
  return { report, details, moves, classified, portfolio };
}

/**
 * A first status ever ("new") only sets the category: a first classification must not flood reps with
 * tasks. Nor does clearing a tier the order history never supported ("cleared"): nothing for the rep to do.
 */
export function moveNeedsTask(kind: TierMoveKind): boolean {
  return kind !== "new" && kind !== "cleared";
}
