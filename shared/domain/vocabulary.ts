/** One literal list per vocabulary of the customer method; types and zod enums derive from these. */

export const TIERS = ["A", "B", "C", "D"] as const;
export type Tier = (typeof TIERS)[number];

/** A company's loyalty standing: a tier, or former customer (bought before the window, not in it). */
export const TIER_STATUSES = [...TIERS, "former"] as const;
export type TierStatus = (typeof TIER_STATUSES)[number];

export const POTENTIALS = ["A", "B", "C", "D"] as const;
export type Potential = (typeof POTENTIALS)[number];

/** Expand ("Utvid"/"Utöka"): a concrete chance of more business. Keep ("Behold"/"Behåll"). */
export const ACCOUNT_TYPES = ["expand", "keep"] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

export const ACTIVITY_TYPES = ["meeting", "call", "email", "visit"] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/** Why a customer is on a rep's weekly follow-up list. */
export const FOLLOW_UP_REASONS = ["never-contacted", "overdue", "due"] as const;
export type FollowUpReason = (typeof FOLLOW_UP_REASONS)[number];

export const CONTACT_CHANNELS = ["personal", "digital"] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

export const COUNTRIES = ["SE", "NO", "DK", "FI"] as const;
export type Country = (typeof COUNTRIES)[number];

export const WINDOW_MONTHS = [12, 24, 36] as const;
export type WindowMonths = (typeof WINDOW_MONTHS)[number];

declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type ContactId = Brand<number, "ContactId">;
export type PersonId = Brand<number, "PersonId">;
export type AssociateId = Brand<number, "AssociateId">;
export type AppointmentId = Brand<number, "AppointmentId">;

export function assertNever(value: never, what = "value"): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
