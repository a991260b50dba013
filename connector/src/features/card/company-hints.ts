import { LRUCache } from "lru-cache";
import type { ContactId } from "../../../../shared/domain/vocabulary";

/**
 * Which company an address belonged to at its last card: a hint that lets the card read the company
 * while the person is still being looked up. Never an answer: the card uses what it read early only
 * when the fresh look-up names the same company. Bounded (lru-cache): the addresses least recently used go first.
 */
export interface CompanyHints {
  get(email: string): ContactId | undefined;
  set(email: string, companyId: ContactId): void;
  forget(email: string): void;
}

export function companyHints(maxEntries = 5000): CompanyHints {
  const hints = new LRUCache<string, ContactId>({ max: maxEntries });
  return {
    get: (email) => hints.get(email),
    set: (email, companyId) => void hints.set(email, companyId),
    forget: (email) => void hints.delete(email),
  };
}
