import { z } from "zod";
import { ACCOUNT_TYPES, POTENTIALS, TIERS, assertNever, type AccountType, type ContactChannel, type Potential, type Tier } from "./vocabulary";

/**
 * Frequency policy: tier × potential × account type → contact interval in weeks, one for personal
 * contact (meeting, call, visit) and one for digital contact (newsletter, e-mail campaign). `null`
 * means no contact of that kind. An admin edits the full matrix; `validatePolicy` checks every cell.
 */

export const MIN_INTERVAL_WEEKS = 1;
export const MAX_INTERVAL_WEEKS = 104;

export interface PolicyCell {
  personalWeeks: number | null;
  digitalWeeks: number | null;
}

export type PolicyMatrix = Record<Tier, Record<Potential, Record<AccountType, PolicyCell>>>;

export interface FrequencyPolicy {
  matrix: PolicyMatrix;
}

const Weeks = z.number().int().min(MIN_INTERVAL_WEEKS).max(MAX_INTERVAL_WEEKS).nullable();

export const PolicyCellSchema = z.object({ personalWeeks: Weeks, digitalWeeks: Weeks });

function recordOf<K extends string, S extends z.ZodType>(keys: readonly [K, ...K[]], schema: S) {
  return z.object(Object.fromEntries(keys.map((k) => [k, schema])) as { [P in K]: S });
}

/** The admin-supplied policy, as the settings API receives it. Use `validatePolicy` for readable errors. */
export const FrequencyPolicySchema = z.object({
  matrix: recordOf(TIERS, recordOf(POTENTIALS, recordOf(ACCOUNT_TYPES, PolicyCellSchema))),
});

/** Default personal intervals in the method's spirit: A every 4 weeks, B 8, C 13, D digital only. */
export const DEFAULT_PERSONAL_WEEKS: Record<Tier, number | null> = { A: 4, B: 8, C: 13, D: null };
export const DEFAULT_DIGITAL_WEEKS: Record<Tier, number> = { A: 2, B: 4, C: 6, D: 8 };

// Expand shortens the personal interval by one step of this ladder; "none" becomes the longest step.
const LADDER = [2, 4, 8, 13] as const;

function shorten(weeks: number | null): number {
  if (weeks === null) return LADDER[LADDER.length - 1] as number;
  const shorter = [...LADDER].reverse().find((step) => step < weeks);
  return shorter ?? Math.min(weeks, LADDER[0]);
}

/**
 * The default cell. Keep: the tier's interval. Expand: one step shorter than the tier's interval, and
 * no longer than the interval of the rep-judged potential (a D customer with potential A gets visits).
 */
export function defaultCell(tier: Tier, potential: Potential, accountType: AccountType): PolicyCell {
  const base = DEFAULT_PERSONAL_WEEKS[tier];
  const digital = DEFAULT_DIGITAL_WEEKS[tier];
  switch (accountType) {
    case "keep":
      return { personalWeeks: base, digitalWeeks: digital };
    case "expand": {
      const byPotential = DEFAULT_PERSONAL_WEEKS[potential];
      const personal = Math.min(shorten(base), byPotential ?? Number.POSITIVE_INFINITY);
      return { personalWeeks: personal, digitalWeeks: Math.min(digital, DEFAULT_DIGITAL_WEEKS.B) };
    }
    default:
      return assertNever(accountType, "account type");
  }
}

export function defaultPolicy(): FrequencyPolicy {
  const matrix = {} as PolicyMatrix;
  for (const tier of TIERS) {
    const byPotential = {} as PolicyMatrix[Tier];
    for (const potential of POTENTIALS) {
      byPotential[potential] = { expand: defaultCell(tier, potential, "expand"), keep: defaultCell(tier, potential, "keep") };
    }
    matrix[tier] = byPotential;
  }
  return { matrix };
}

/** A customer's standing as the policy sees it; a missing potential or account type falls back (see `policyCell`). */
export interface PolicyKey {
  tier: Tier;
  potential: Potential | null;
  accountType: AccountType | null;
}

/**
 * The cell for a customer. A customer whose rep has not judged potential is read as potential equal
 * to its tier; a missing account type is read as Keep (no extra effort until the rep decides).
 */
export function policyCell(policy: FrequencyPolicy, key: PolicyKey): PolicyCell {
  return policy.matrix[key.tier][key.potential ?? key.tier][key.accountType ?? "keep"];
}

export function intervalWeeks(policy: FrequencyPolicy, key: PolicyKey, channel: ContactChannel): number | null {
  const cell = policyCell(policy, key);
  switch (channel) {
    case "personal":
      return cell.personalWeeks;
    case "digital":
      return cell.digitalWeeks;
    default:
      return assertNever(channel, "contact channel");
  }
}

export interface PolicyCellError {
  /** e.g. ["matrix","A","B","expand","personalWeeks"] */
  path: (string | number)[];
  /** Tier, potential and account type of the cell, when the error is about one cell. */
  cell: { tier: string; potential: string; accountType: string } | null;
  code: "missing" | "not-a-number" | "not-whole-weeks" | "too-short" | "too-long" | "no-contact" | "unexpected";
  message: string;
}

export type PolicyValidation = { ok: true; policy: FrequencyPolicy } | { ok: false; errors: PolicyCellError[] };

const CHANNEL_LABEL = { personalWeeks: "personal interval", digitalWeeks: "digital interval" } as const;

/**
 * Validates an admin's matrix. Every problem is reported once, with the cell it belongs to and a
 * sentence an admin can act on ("Tier A, potential B, Expand: personal interval 0 weeks is shorter than 1 week").
 */
export function validatePolicy(input: unknown): PolicyValidation {
  const errors: PolicyCellError[] = [];
  const matrix = isRecord(input) ? input.matrix : undefined;
  if (!isRecord(matrix)) {
    return { ok: false, errors: [{ path: ["matrix"], cell: null, code: "missing", message: "The policy has no matrix." }] };
  }
  for (const tier of TIERS) {
    const byPotential = matrix[tier];
    if (!isRecord(byPotential)) {
      errors.push({ path: ["matrix", tier], cell: null, code: "missing", message: `Tier ${tier}: the row is missing.` });
      continue;
    }
    for (const potential of POTENTIALS) {
      const byType = byPotential[potential];
      for (const accountType of ACCOUNT_TYPES) {
        const cellRef = { tier, potential, accountType };
        const where = `Tier ${tier}, potential ${potential}, ${accountType === "expand" ? "Expand" : "Keep"}`;
        const cell = isRecord(byType) ? byType[accountType] : undefined;
        const path = ["matrix", tier, potential, accountType];
        if (!isRecord(cell)) {
          errors.push({ path, cell: cellRef, code: "missing", message: `${where}: the cell is missing.` });
          continue;
        }
        let bothNull = true;
        for (const field of ["personalWeeks", "digitalWeeks"] as const) {
          const value = cell[field];
          const label = CHANNEL_LABEL[field];
          const at = [...path, field];
          if (value === null) continue;
          bothNull = false;
          if (value === undefined) {
            errors.push({ path: at, cell: cellRef, code: "missing", message: `${where}: ${label} is missing (use null for none).` });
          } else if (typeof value !== "number" || !Number.isFinite(value)) {
            errors.push({ path: at, cell: cellRef, code: "not-a-number", message: `${where}: ${label} must be a number of weeks, not ${JSON.stringify(value)}.` });
          } else if (!Number.isInteger(value)) {
            errors.push({ path: at, cell: cellRef, code: "not-whole-weeks", message: `${where}: ${label} must be whole weeks, not ${value}.` });
          } else if (value < MIN_INTERVAL_WEEKS) {
            errors.push({ path: at, cell: cellRef, code: "too-short", message: `${where}: ${label} ${value} weeks is shorter than ${MIN_INTERVAL_WEEKS} week.` });
          } else if (value > MAX_INTERVAL_WEEKS) {
            errors.push({ path: at, cell: cellRef, code: "too-long", message: `${where}: ${label} ${value} weeks is longer than ${MAX_INTERVAL_WEEKS} weeks (two years).` });
          }
        }
        if (bothNull) {
          errors.push({ path, cell: cellRef, code: "no-contact", message: `${where}: neither personal nor digital contact is set; every customer needs at least one.` });
        }
      }
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  // The walk above checked every cell; the schema parse builds a clean copy without unknown keys.
  const parsed = FrequencyPolicySchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => ({ path: issue.path.map((p) => (typeof p === "symbol" ? String(p) : p)), cell: null, code: "unexpected", message: issue.message })),
    };
  }
  return { ok: true, policy: parsed.data };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
