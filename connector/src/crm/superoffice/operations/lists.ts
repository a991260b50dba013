import { z } from "zod";
import { CrmError, type CrmCustomField, type CrmDocumentTemplate, type CrmListItem } from "../../port";
import { findByName, mapDocumentTemplate, mapListItem, mapMdoListItem, mapTaskListItem } from "../mappers";
import { RawDocumentTemplate, RawListItem, RawMdoListItem, RawTaskListItem, RawUdefFieldInfo } from "../raw";
import type { SoContext } from "./context";

/** List look-ups are cached for `listCacheTtlMs`: names change rarely and every card would ask. */

export function listCategories(ctx: SoContext): Promise<CrmListItem[]> {
  return ctx.cache.get("categories", async () => {
    const raw = await ctx.http.json(
      { method: "GET", path: "/v1/List/Category/Items", what: "list categories", query: { includeDeleted: false } },
      z.array(RawListItem),
    );
    return raw.map(mapListItem);
  });
}

export async function findCategoryByName(ctx: SoContext, name: string): Promise<CrmListItem | null> {
  return findByName(await listCategories(ctx), name);
}

export function listTaskTypes(ctx: SoContext): Promise<CrmListItem[]> {
  return ctx.cache.get("tasks", async () => {
    const raw = await ctx.http.json(
      { method: "GET", path: "/v1/List/Task/Items", what: "list activity types", query: { includeDeleted: false } },
      z.array(RawTaskListItem),
    );
    return raw.map(mapTaskListItem);
  });
}

export async function findTaskTypeByName(ctx: SoContext, name: string): Promise<CrmListItem | null> {
  return findByName(await listTaskTypes(ctx), name);
}

/** Published company custom fields (user-defined fields), keyed by ProgId or "SuperOffice:N". */
export function listCompanyCustomFields(ctx: SoContext): Promise<CrmCustomField[]> {
  return ctx.cache.get("contact-udefs", async () => {
    const raw = await ctx.http.json(
      { method: "GET", path: "/v1/Contact/UdefLayout/Published", what: "list company custom fields" },
      z.array(RawUdefFieldInfo),
    );
    return raw.flatMap((f): CrmCustomField[] => {
      const key = f.ProgId?.trim() || (f.UdefIdentity ? `SuperOffice:${f.UdefIdentity}` : "");
      if (key === "") return [];
      const listName = f.MdoListName?.trim() || (f.UDListDefinitionId ? `udlist${f.UDListDefinitionId}` : null);
      return [{ key, label: f.FieldLabel ?? key, type: f.FieldType ?? "Unknown", listName: f.FieldType === "List" || listName ? listName : null }];
    });
  });
}

/** Items of a list custom field, e.g. the potential (A–D) or account type (Expand/Keep) lists. */
export async function listCustomFieldItems(ctx: SoContext, fieldKey: string): Promise<CrmListItem[]> {
  const fields = await listCompanyCustomFields(ctx);
  const field = fields.find((f) => f.key.toLowerCase() === fieldKey.trim().toLowerCase());
  if (!field) throw new CrmError("CRM_NOT_FOUND", `No published company custom field "${fieldKey}"`);
  if (!field.listName) throw new CrmError("CRM_BAD_REQUEST", `Company custom field "${fieldKey}" is not a list field`);
  const listName = field.listName;
  return ctx.cache.get(`mdo:${listName}`, async () => {
    const raw = await ctx.http.json(
      { method: "GET", path: `/v1/MDOList/${encodeURIComponent(listName)}`, what: "list custom field items", query: { flat: true } },
      z.array(RawMdoListItem),
    );
    // Headings carry id 0 or negative ids in MDO lists; only real items can be stored in a field.
    return raw.filter((i) => i.Id > 0).map(mapMdoListItem);
  });
}

export async function findCustomFieldItemByName(ctx: SoContext, fieldKey: string, name: string): Promise<CrmListItem | null> {
  return findByName(await listCustomFieldItems(ctx, fieldKey), name);
}

export function listDocumentTemplates(ctx: SoContext): Promise<CrmDocumentTemplate[]> {
  return ctx.cache.get("doctmpl", async () => {
    const raw = await ctx.http.json(
      { method: "GET", path: "/v1/List/DocumentTemplate/Items", what: "list document templates", query: { includeDeleted: false } },
      z.array(RawDocumentTemplate),
    );
    return raw.map(mapDocumentTemplate);
  });
}
