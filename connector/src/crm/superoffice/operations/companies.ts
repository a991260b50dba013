import type { ContactId } from "../../../../../shared/domain/vocabulary";
import { CrmError, type CategoryChange, type CategoryChangeResult, type CompanyUpdate, type CrmCompany, type NewCompany } from "../../port";
import { mapCompany } from "../mappers";
import { RawContactEntity, RawMassOperationResult } from "../raw";
import type { SoContext } from "./context";
import { countryIdOf } from "./countries";

export async function getCompany(ctx: SoContext, id: ContactId): Promise<CrmCompany> {
  const raw = await ctx.http.json({ method: "GET", path: `/v1/Contact/${id}`, what: "read company" }, RawContactEntity);
  return mapCompany(raw);
}

export async function createCompany(ctx: SoContext, company: NewCompany): Promise<CrmCompany> {
  const name = company.name.trim();
  if (name === "") throw new CrmError("CRM_BAD_REQUEST", "A company needs a name");
  let countryId: number | null = null;
  if (company.country !== undefined) {
    countryId = countryIdOf(company.country);
    if (countryId === null) throw new CrmError("CRM_BAD_REQUEST", `Unsupported country code: ${company.country}`);
  }
  const body = {
    Name: name,
    ...(company.orgNr ? { OrgNr: company.orgNr.trim() } : {}),
    ...(countryId !== null ? { Country: { CountryId: countryId } } : {}),
    ...(company.ownerId !== undefined ? { Associate: { AssociateId: company.ownerId } } : {}),
    ...(company.domain ? { Domains: [company.domain.trim().toLowerCase()] } : {}),
  };
  const raw = await ctx.http.json({ method: "POST", path: "/v1/Contact", what: "create company", body }, RawContactEntity);
  return mapCompany(raw);
}

/** JSON Patch (RFC 6902) operations for a company update, in SuperOffice's documented paths. */
export function companyPatch(update: CompanyUpdate): { op: "replace"; path: string; value: unknown }[] {
  const ops: { op: "replace"; path: string; value: unknown }[] = [];
  if (update.categoryId !== undefined) ops.push({ op: "replace", path: "/Category/Id", value: update.categoryId ?? 0 });
  if (update.ownerId !== undefined) ops.push({ op: "replace", path: "/Associate", value: { AssociateId: update.ownerId } });
  if (update.customFields !== undefined && Object.keys(update.customFields).length > 0) {
    ops.push({ op: "replace", path: "/CustomFields", value: { ...update.customFields } });
  }
  return ops;
}

export async function updateCompany(ctx: SoContext, id: ContactId, update: CompanyUpdate): Promise<CrmCompany> {
  const ops = companyPatch(update);
  if (ops.length === 0) return getCompany(ctx, id);
  const raw = await ctx.http.json(
    { method: "PATCH", path: `/v1/Contact/${id}`, what: "update company", body: ops },
    RawContactEntity,
  );
  return mapCompany(raw);
}

/** Rows per DatabaseTable Upsert: well inside the agent's 5 s slow-call threshold. */
export const UPSERT_BATCH = 500;

/** The body of `POST /v1/Agents/DatabaseTable/Upsert` that sets `contact.category_idx` by `contact_id`. */
export function categoryUpsertRequest(changes: readonly CategoryChange[]) {
  return {
    TableName: "contact",
    Columns: ["contact_id", "category_idx"],
    Keys: ["contact_id"],
    Data: changes.map((c) => [String(c.contactId), String(c.categoryId)]),
    // "NoChange" leaves every company not in Data alone; the other actions would zero or delete them.
    NomatchAction: "NoChange" as const,
    ReturnRowStatus: true,
  };
}

// Clients for which the agent answered "not here / not allowed": they use PATCH from then on.
const bulkUnavailable = new WeakSet<SoContext>();

/**
 * Sets many companies' categories: one DatabaseTable Upsert per 500 companies, or one PATCH per company
 * when the tenant refuses the agent (not found, forbidden, or a column it does not know). Every company
 * must exist: the agent inserts rows whose key it does not find, so a row reported as inserted is an
 * error naming the ids (see docs/superoffice.md).
 */
export async function setCompanyCategories(ctx: SoContext, changes: readonly CategoryChange[]): Promise<CategoryChangeResult> {
  for (const c of changes) {
    if (!Number.isInteger(c.contactId) || c.contactId <= 0) throw new CrmError("CRM_BAD_REQUEST", `Not a company id: ${c.contactId}`);
    if (!Number.isInteger(c.categoryId) || c.categoryId <= 0) throw new CrmError("CRM_BAD_REQUEST", `Not a category id: ${c.categoryId}`);
  }
  const result: CategoryChangeResult = { updated: 0, unchanged: 0, via: "bulk" };
  for (let i = 0; i < changes.length; i += UPSERT_BATCH) {
    const batch = changes.slice(i, i + UPSERT_BATCH);
    if (!bulkUnavailable.has(ctx)) {
      try {
        const answer = await ctx.http.json(
          { method: "POST", path: "/v1/Agents/DatabaseTable/Upsert", what: "set company categories", body: categoryUpsertRequest(batch), idempotent: true },
          RawMassOperationResult,
        );
        const counted = countUpsert(answer, batch);
        result.updated += counted.updated;
        result.unchanged += counted.unchanged;
        continue;
      } catch (error) {
        if (!(error instanceof CrmError) || !["CRM_NOT_FOUND", "CRM_FORBIDDEN", "CRM_BAD_REQUEST"].includes(error.code)) throw error;
        bulkUnavailable.add(ctx);
      }
    }
    result.via = "per-company";
    // PATCH answers with the company after the write, so changed and unchanged look alike: both count as updated.
    for (const c of batch) {
      await updateCompany(ctx, c.contactId, { categoryId: c.categoryId });
      result.updated++;
    }
  }
  return result;
}

function countUpsert(answer: RawMassOperationResult, batch: readonly CategoryChange[]): { updated: number; unchanged: number } {
  if (!answer.Success) throw new CrmError("CRM_UNKNOWN", `Setting company categories failed: ${answer.Message ?? "the CRM gave no reason"}`, { crmMessage: answer.Message ?? undefined });
  const rows = answer.RowStatus ?? null;
  if (rows === null) {
    if ((answer.Inserts ?? 0) > 0) throw new CrmError("CRM_UNKNOWN", `Setting company categories inserted ${answer.Inserts} rows: some companies no longer exist`);
    const updated = answer.Updates ?? batch.length;
    return { updated, unchanged: batch.length - updated };
  }
  const actionOf = new Map(rows.map((r) => [r.RowKeys?.[0] ?? String(r.PrimaryKey ?? ""), r.Action ?? ""]));
  const inserted: number[] = [];
  const missing: number[] = [];
  let updated = 0;
  let unchanged = 0;
  for (const c of batch) {
    const action = actionOf.get(String(c.contactId));
    if (action === "Updated") updated++;
    else if (action === "NoUpdateNeeded") unchanged++;
    else if (action === "Inserted") inserted.push(c.contactId);
    else missing.push(c.contactId);
  }
  if (inserted.length > 0) throw new CrmError("CRM_UNKNOWN", `Companies ${inserted.join(", ")} no longer exist: the category write created empty rows for them; delete those in SuperOffice`);
  if (missing.length > 0) throw new CrmError("CRM_UNKNOWN", `The CRM did not confirm the category of companies ${missing.join(", ")}`);
  return { updated, unchanged };
}
