import type { ContactId } from "../../../shared/domain/vocabulary";
import type { CrmCompanySummary } from "../crm/port";
import { normalizeOrgNr, type CustomerKeyKind } from "../erp";

/**
 * Finds the CRM company an order line belongs to, from one company listing (never a call per row):
 * by organisation number (compared without punctuation), by the ERP customer number kept on the
 * company ("Number", or "Code" when Number is empty), or by the CRM's own company id.
 */
export type KeyResolution = { ok: true; contactId: ContactId } | { ok: false; reason: string };

export class CustomerKeyIndex {
  private readonly byOrgNr = new Map<string, ContactId[]>();
  private readonly byNumber = new Map<string, ContactId[]>();
  private readonly ids = new Set<number>();
  private readonly cache = new Map<string, KeyResolution>();

  constructor(companies: readonly CrmCompanySummary[]) {
    const add = (map: Map<string, ContactId[]>, key: string | null, id: ContactId) => {
      if (!key) return;
      const list = map.get(key);
      if (list) list.push(id);
      else map.set(key, [id]);
    };
    for (const c of companies) {
      this.ids.add(c.id);
      add(this.byOrgNr, c.orgNr ? normalizeOrgNr(c.orgNr) : null, c.id);
      add(this.byNumber, c.number?.trim() || c.code?.trim() || null, c.id);
    }
  }

  resolve(kind: CustomerKeyKind | string, key: string): KeyResolution {
    const cacheKey = `${kind}\u0000${key}`;
    let hit = this.cache.get(cacheKey);
    if (hit === undefined) {
      hit = this.lookup(kind, key);
      this.cache.set(cacheKey, hit);
    }
    return hit;
  }

  private lookup(kind: string, key: string): KeyResolution {
    switch (kind) {
      case "orgNr":
        return one(this.byOrgNr.get(normalizeOrgNr(key)), `organisation number ${key}`);
      case "customerNumber":
        return one(this.byNumber.get(key.trim()), `customer number ${key}`);
      case "crmId": {
        const id = Number(key);
        return this.ids.has(id) ? { ok: true, contactId: id as ContactId } : { ok: false, reason: `no company in the CRM has id ${key}` };
      }
      default:
        return { ok: false, reason: `unknown customer key kind ${kind}` };
    }
  }
}

function one(ids: ContactId[] | undefined, what: string): KeyResolution {
  if (!ids || ids.length === 0) return { ok: false, reason: `no company in the CRM has ${what}` };
  if (ids.length > 1) return { ok: false, reason: `${ids.length} companies in the CRM have ${what} (ids ${ids.slice(0, 5).join(", ")}); make it unique` };
  return { ok: true, contactId: ids[0]! };
}
