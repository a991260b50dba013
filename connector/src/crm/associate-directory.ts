import { LRUCache } from "lru-cache";
import type { CrmAssociate, CrmPort } from "./port";

/**
 * The CRM's users, read at most once per TTL and shared by concurrent callers: cards need the owner's
 * e-mail, which the company record does not carry. A failed read is not cached.
 */
export function associateDirectory(crm: Pick<CrmPort, "listAssociates">, ttlMs = 5 * 60_000, now: () => number = Date.now) {
  const cache = new LRUCache<"all", CrmAssociate[]>({
    max: 1,
    ttl: ttlMs,
    perf: { now },
    ttlResolution: 0,
    fetchMethod: () => crm.listAssociates(),
  });
  return {
    list: (): Promise<CrmAssociate[]> => cache.fetch("all") as Promise<CrmAssociate[]>,
  };
}
export type AssociateDirectory = ReturnType<typeof associateDirectory>;
