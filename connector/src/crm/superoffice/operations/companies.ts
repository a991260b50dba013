import type { ContactId } from "../../../../../shared/domain/vocabulary";
import { CrmError, type CompanyUpdate, type CrmCompany, type NewCompany } from "../../port";
import { mapCompany } from "../mappers";
import { RawContactEntity } from "../raw";
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
  if (update.categoryId !== undefined) ops.push({ op: "replace", path: "Category/Id", value: update.categoryId ?? 0 });
  if (update.ownerId !== undefined) ops.push({ op: "replace", path: "Associate", value: { AssociateId: update.ownerId } });
  if (update.customFields !== undefined && Object.keys(update.customFields).length > 0) {
    ops.push({ op: "replace", path: "CustomFields", value: { ...update.customFields } });
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
