import { validatePolicy, type FrequencyPolicy, type PolicyCellError } from "../../../../../shared/domain/policy";
import { ACCOUNT_TYPES, POTENTIALS, TIERS, type AccountType, type Potential, type Tier } from "../../../../../shared/domain/vocabulary";

export const CHANNEL_FIELDS = ["personalWeeks", "digitalWeeks"] as const;
export type ChannelField = (typeof CHANNEL_FIELDS)[number];

/** The matrix as the admin typed it: one string per input, so nothing typed is lost while it is invalid. */
export type PolicyDraft = Record<string, string>;

export const cellKey = (tier: Tier, potential: Potential, type: AccountType, field: ChannelField) => `${tier}.${potential}.${type}.${field}`;

export function draftOf(policy: FrequencyPolicy): PolicyDraft {
  const draft: PolicyDraft = {};
  for (const tier of TIERS)
    for (const potential of POTENTIALS)
      for (const type of ACCOUNT_TYPES)
        for (const field of CHANNEL_FIELDS) {
          const value = policy.matrix[tier][potential][type][field];
          draft[cellKey(tier, potential, type, field)] = value === null ? "" : String(value);
        }
  return draft;
}

/** Empty means no contact; a number is a number; anything else stays text for the domain to name. */
function valueOf(text: string | undefined): number | string | null {
  const trimmed = (text ?? "").trim();
  if (trimmed === "") return null;
  const normalised = trimmed.replace(",", ".");
  return /^-?\d+(\.\d+)?$/.test(normalised) ? Number(normalised) : trimmed;
}

/** The draft as the API's policy shape (possibly invalid: validatePolicy and the connector say why). */
export function policyOf(draft: PolicyDraft): unknown {
  const matrix: Record<string, Record<string, Record<string, Record<string, unknown>>>> = {};
  for (const tier of TIERS) {
    matrix[tier] = {};
    for (const potential of POTENTIALS) {
      matrix[tier][potential] = {};
      for (const type of ACCOUNT_TYPES) {
        matrix[tier][potential][type] = Object.fromEntries(CHANNEL_FIELDS.map((f) => [f, valueOf(draft[cellKey(tier, potential, type, f)])]));
      }
    }
  }
  return { matrix };
}

export interface CheckedDraft {
  policy: FrequencyPolicy | null;
  /** Problems by input key (`A.B.expand.personalWeeks`); a whole-cell problem is filed under both inputs. */
  errors: Map<string, { code: PolicyCellError["code"] | null; message: string }>;
}

export function checkDraft(draft: PolicyDraft): CheckedDraft {
  const result = validatePolicy(policyOf(draft));
  if (result.ok) return { policy: result.policy, errors: new Map() };
  return { policy: null, errors: errorsByInput(result.errors.map((e) => ({ path: e.path, message: e.message, code: e.code }))) };
}

/** Files problems (the domain's or the connector's) under the inputs they name. */
export function errorsByInput(problems: readonly { path: readonly (string | number)[]; message: string; code?: PolicyCellError["code"] }[]): CheckedDraft["errors"] {
  const errors: CheckedDraft["errors"] = new Map();
  for (const p of problems) {
    const [, tier, potential, type, field] = p.path.map(String);
    if (!tier || !potential || !type) continue;
    const fields = field ? [field] : CHANNEL_FIELDS;
    for (const f of fields) errors.set(`${tier}.${potential}.${type}.${f}`, { code: p.code ?? null, message: p.message });
  }
  return errors;
}
