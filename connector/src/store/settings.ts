import { z } from "zod";
import { ScheduleBody } from "../../../shared/api/settings";
import { CurrencyRatesSchema, FrequencyPolicySchema, TierSettingsSchema } from "../../../shared/domain";
import { ACCOUNT_TYPES, POTENTIALS, TIERS } from "../../../shared/domain/vocabulary";
import type { Queryable } from "./db";

/**
 * Settings the admin page edits, one validated JSON value per key. A key never set reads as null and
 * the caller falls back to its default (environment or the domain's defaults).
 */

/** Which CRM list items and custom fields carry the method's values (overrides the KUNDRYTM_* variables). */
export const FieldMappingSettingsSchema = z.object({
  tierCategories: z.tuple([z.string().min(1), z.string().min(1), z.string().min(1), z.string().min(1)]).describe(`Category names for ${TIERS.join(", ")}`),
  formerCategories: z.array(z.string().min(1)).min(1),
  potentialField: z.string().min(1),
  potentialItems: z.record(z.string().min(1), z.enum(POTENTIALS)),
  accountTypeField: z.string().min(1),
  accountTypeItems: z.record(z.string().min(1), z.enum(ACCOUNT_TYPES)),
});

/** Personal contacts per week each rep can make, by associate id. */
export const CapacitySettingsSchema = z.array(
  z.object({ rep: z.number().int().positive(), personalPerWeek: z.number().min(0).max(200) }),
).refine((list) => new Set(list.map((c) => c.rep)).size === list.length, "each rep at most once");

export const SETTINGS_SCHEMAS = {
  policy: FrequencyPolicySchema,
  tiers: TierSettingsSchema,
  fieldMapping: FieldMappingSettingsSchema,
  capacity: CapacitySettingsSchema,
  /** Units of the base currency per unit of each other currency in the order history. */
  rates: CurrencyRatesSchema,
  /** When the jobs run and how the Monday lists look. */
  schedule: ScheduleBody,
} as const;

export type SettingKey = keyof typeof SETTINGS_SCHEMAS;
export type SettingValue<K extends SettingKey> = z.output<(typeof SETTINGS_SCHEMAS)[K]>;
export type SettingInput<K extends SettingKey> = z.input<(typeof SETTINGS_SCHEMAS)[K]>;

export class SettingsError extends Error {
  override readonly name = "SettingsError";
  constructor(
    readonly key: SettingKey,
    readonly issues: string[],
  ) {
    super(`Invalid setting ${key}: ${issues.join("; ")}`);
  }
}

function parse<K extends SettingKey>(key: K, value: unknown): SettingValue<K> {
  const result = SETTINGS_SCHEMAS[key].safeParse(value);
  if (!result.success) throw new SettingsError(key, result.error.issues.map((i) => `${i.path.join(".") || key}: ${i.message}`));
  return result.data as SettingValue<K>;
}

export function settingsRepository(db: Queryable) {
  return {
    async get<K extends SettingKey>(key: K): Promise<SettingValue<K> | null> {
      const { rows } = await db.query<{ value: unknown }>("select value from settings where key = $1", [key]);
      // A stored value that no longer parses (schema tightened) is an error to show, not a silent default.
      return rows[0] ? parse(key, rows[0].value) : null;
    },

    /** Validates and stores; returns the stored (normalised, defaults filled) value. Nothing is written when invalid. */
    async set<K extends SettingKey>(key: K, value: SettingInput<K>): Promise<SettingValue<K>> {
      const parsed = parse(key, value);
      await db.query(
        "insert into settings (key, value, updated_at) values ($1, $2::jsonb, now()) on conflict (key) do update set value = excluded.value, updated_at = now()",
        [key, JSON.stringify(parsed)],
      );
      return parsed;
    },

    async remove(key: SettingKey): Promise<void> {
      await db.query("delete from settings where key = $1", [key]);
    },
  };
}
export type SettingsRepository = ReturnType<typeof settingsRepository>;
