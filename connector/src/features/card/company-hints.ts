import type { ContactId } from "../../../../shared/domain/vocabulary";

/**
 * Which company an address belonged to at its last card: a hint that lets the card read the company
 * while the person is still being looked up. Never an answer: the card uses what it read early only
 * when the fresh look-up names the same company. Bounded; the oldest addresses go first.
 */
export interface CompanyHints {
  get(email: string): ContactId | undefined;
  set(email: string, companyId: ContactId): void;
  forget(email: string): void;
}

export function companyHints(maxEntries = 5000): CompanyHints {
  const hints = new Map<string, ContactId>();
  return {
    get: (email) => hints.get(email),
    set(email, companyId) {
      // Re-inserted so a Map's insertion order is the order of last use.
      hints.delete(email);
      hints.set(email, companyId);
      if (hints.size > maxEntries) hints.delete(hints.keys().next().value as string);
    },
    forget(email) {
      hints.delete(email);
    },
  };
}
