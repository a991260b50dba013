import type { CrmAssociate, CrmPort } from "./port";

/**
 * The CRM's users, read at most once per TTL and shared by concurrent callers: cards need the owner's
 * e-mail, which the company record does not carry. A failed read is not cached.
 */
export function associateDirectory(crm: Pick<CrmPort, "listAssociates">, ttlMs = 5 * 60_000, now: () => number = Date.now) {
  let cached: { at: number; list: Promise<CrmAssociate[]> } | null = null;
  return {
    list(): Promise<CrmAssociate[]> {
      if (!cached || now() - cached.at > ttlMs) {
        const list = crm.listAssociates();
        const entry = { at: now(), list };
        cached = entry;
        list.catch(() => {
          if (cached === entry) cached = null;
        });
      }
      return cached.list;
    },
  };
}
export type AssociateDirectory = ReturnType<typeof associateDirectory>;
