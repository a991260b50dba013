import type { z } from "zod";
import { CapacitiesBody, FieldMappingBody, ScheduleBody, Settings, TierSettingsBody, type SettingsKey } from "../../../../shared/api/settings";
import { defaultPolicy, FrequencyPolicySchema, validatePolicy, type FrequencyPolicy } from "../../../../shared/domain/policy";
import type { AssociateId } from "../../../../shared/domain/vocabulary";
import type { RepCapacity } from "../../../../shared/domain/workload";
import type { FieldMapping } from "../../config";
import type { Queryable } from "../../store/db";

/**
 * The admin's settings, one JSON value per key in the store's `settings` table. A key never saved
 * reads as its default (the field mapping's default comes from the connector's configuration).
 * Every value is validated when saved and again when read, so a hand-edited row cannot slip through.
 */

const SCHEMAS = {
  policy: FrequencyPolicySchema,
  tiers: TierSettingsBody,
  fieldMapping: FieldMappingBody,
  capacities: CapacitiesBody,
  schedule: ScheduleBody,
} satisfies Record<SettingsKey, z.ZodType>;

export class SettingsError extends Error {
  override readonly name = "SettingsError";
  constructor(
    message: string,
    readonly problems: { path: (string | number)[]; message: string }[],
  ) {
    super(message);
  }
}

export function fieldMappingBodyOf(fields: FieldMapping): FieldMappingBody {
  const [a = "A", b = "B", c = "C", d = "D"] = fields.tierCategories;
  return {
    tierCategories: [a, b, c, d],
    formerCategories: fields.formerCategories.length > 0 ? fields.formerCategories : ["former customer"],
    potentialField: fields.potentialField,
    potentialItems: fields.potentialItems,
    accountTypeField: fields.accountTypeField,
    accountTypeItems: fields.accountTypeItems,
  };
}

/** Names are compared in lower case everywhere the connector reads the CRM. */
export function fieldMappingOf(body: FieldMappingBody): FieldMapping {
  const lowerKeys = <V>(r: Record<string, V>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k.trim().toLowerCase(), v]));
  return {
    tierCategories: body.tierCategories.map((n) => n.trim().toLowerCase()),
    formerCategories: body.formerCategories.map((n) => n.trim().toLowerCase()),
    potentialField: body.potentialField,
    potentialItems: lowerKeys(body.potentialItems),
    accountTypeField: body.accountTypeField,
    accountTypeItems: lowerKeys(body.accountTypeItems),
  };
}

export function settingsService(db: Queryable, configFields: FieldMapping) {
  const defaults: Settings = {
    policy: defaultPolicy(),
    tiers: TierSettingsBody.parse({}),
    fieldMapping: fieldMappingBodyOf(configFields),
    capacities: [],
    schedule: ScheduleBody.parse({}),
  };

  async function readAll(): Promise<Settings> {
    const { rows } = await db.query<{ key: string; value: unknown }>("select key, value from settings where key = any($1::text[])", [Object.keys(SCHEMAS)]);
    const out: Record<string, unknown> = { ...defaults };
    for (const row of rows) {
      const schema = SCHEMAS[row.key as SettingsKey];
      const parsed = schema.safeParse(row.value);
      if (!parsed.success) throw new SettingsError(`The stored setting "${row.key}" is not valid; save it again from the admin page.`, []);
      out[row.key] = parsed.data;
    }
    return Settings.parse(out);
  }

  async function write(key: SettingsKey, value: unknown): Promise<void> {
    await db.query(
      "insert into settings (key, value, updated_at) values ($1, $2, now()) on conflict (key) do update set value = excluded.value, updated_at = now()",
      [key, JSON.stringify(value)],
    );
  }

  /** Validates and saves one setting; throws SettingsError naming every problem. */
  async function save<K extends SettingsKey>(key: K, input: unknown): Promise<Settings[K]> {
    if (key === "policy") {
      const checked = validatePolicy(input);
      if (!checked.ok) throw new SettingsError("The policy has problems.", checked.errors.map((e) => ({ path: e.path, message: e.message })));
      await write(key, checked.policy);
      return checked.policy as Settings[K];
    }
    const parsed = SCHEMAS[key].safeParse(input);
    if (!parsed.success) {
      throw new SettingsError(
        `The ${key} setting is not valid.`,
        parsed.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === "symbol" ? String(p) : p)), message: i.message })),
      );
    }
    await write(key, parsed.data);
    return parsed.data as Settings[K];
  }

  return {
    defaults,
    readAll,
    save,
    async policy(): Promise<FrequencyPolicy> {
      return (await readAll()).policy;
    },
    async fields(): Promise<FieldMapping> {
      return fieldMappingOf((await readAll()).fieldMapping);
    },
    async capacities(): Promise<RepCapacity[]> {
      return (await readAll()).capacities.map((c) => ({ rep: c.rep as AssociateId, personalPerWeek: c.personalPerWeek }));
    },
  };
}
export type SettingsService = ReturnType<typeof settingsService>;
