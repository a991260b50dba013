import type { EmailAddressLike } from "./types";

export const COUNTERPART_ROLES = ["from", "to", "cc", "organizer", "attendee"] as const;
export type CounterpartRole = (typeof COUNTERPART_ROLES)[number];

export interface Counterpart {
  /** Lower-cased, trimmed address: the key the connector matches on. */
  email: string;
  name: string;
  role: CounterpartRole;
}

/** Consumer mail providers: sharing one of these with the rep says nothing about being a colleague. */
const PUBLIC_DOMAINS = new Set([
  "gmail.com",
  "googlemail.com",
  "outlook.com",
  "hotmail.com",
  "live.com",
  "msn.com",
  "yahoo.com",
  "icloud.com",
  "me.com",
  "proton.me",
  "protonmail.com",
]);

export function domainOf(email: string): string {
  const at = email.lastIndexOf("@");
  return at < 0 ? "" : email.slice(at + 1).toLowerCase();
}

/**
 * The people on an item the pane should show, in order of relevance: external addresses only (not
 * the mailbox user, not colleagues on the user's own domain), each address once.
 */
export function externalCounterparts(
  candidates: ReadonlyArray<{ address: EmailAddressLike | null | undefined; role: CounterpartRole }>,
  ownAddresses: ReadonlyArray<string>,
): Counterpart[] {
  const own = new Set(ownAddresses.map((a) => a.trim().toLowerCase()).filter(Boolean));
  const ownDomains = new Set([...own].map(domainOf).filter((d) => d && !PUBLIC_DOMAINS.has(d)));
  const seen = new Set<string>();
  const result: Counterpart[] = [];
  for (const { address, role } of candidates) {
    const email = address?.emailAddress?.trim().toLowerCase() ?? "";
    if (!email.includes("@") || own.has(email) || ownDomains.has(domainOf(email)) || seen.has(email)) continue;
    seen.add(email);
    result.push({ email, name: address?.displayName?.trim() || email, role });
  }
  return result;
}
