import type { z } from "zod";
import { CapacitiesBody, FieldMappingBody, ScheduleBody, Settings, TierSettingsBody, type SettingsKey } from "../../../../shared/api/settings";
import { defaultPolicy, FrequencyPolicySchema, validatePolicy, type FrequencyPolicy } from "../../../../shared/domain/policy";
import type { AssociateId } from "../../../../shared/domain/vocabulary";
import type { RepCapacity } from "../../../../shared/domain/workload";
import type { FieldMapping } from "../../config";
import type { Queryable } from "../../store/db";
import { SettingsError as StoreSettingsError, settingsRepository } from "../../store/settings";

/**
 * The admin's settings in the admin API's shape, kept through the store's settings repository. A key
 * never saved reads as its default (the field mapping's default comes from the connector's
 * configuration). Values are validated when saved and again when read.
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

/**
 * `configSchedule` is the schedule the variables describe (KUNDRYTM_WEEKLY_LISTS…); like the field mapping,
 * it applies until the admin saves one on the admin page.
 */
export function settingsService(db: Queryable, configFields: FieldMapping, configSchedule: ScheduleBody = ScheduleBody.parse({})) {
  const repo = settingsRepository(db);
  const defaults: Settings = {
    policy: defaultPolicy(),
    tiers: TierSettingsBody.parse({}),
    fieldMapping: fieldMappingBodyOf(configFields),
    capacities: [],
    schedule: configSchedule,
  };

  /** A stored setting, with the same message as readAll when it is not valid. */
  async function stored<T>(read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (error) {
      if (error instanceof StoreSettingsError) throw new SettingsError(`The stored setting "${error.key}" is not valid; save it again from the admin page.`, []);
      throw error;
    }
  }

  function readAll(): Promise<Settings> {
    return stored(async () => {
      const [policy, tiers, rates, fieldMapping, capacity, schedule] = await Promise.all([
        repo.get("policy"),
        repo.get("tiers"),
        repo.get("rates"),
        repo.get("fieldMapping"),
        repo.get("capacity"),
        repo.get("schedule"),
      ]);
      return {
        policy: policy ?? defaults.policy,
        tiers: { ...(tiers ?? defaults.tiers), rates: rates ?? defaults.tiers.rates },
        fieldMapping: fieldMapping ?? defaults.fieldMapping,
        capacities: capacity ?? defaults.capacities,
        schedule: schedule ?? defaults.schedule,
      };
    });
  }

  /** Validates and saves one setting (the admin API's shape); throws SettingsError naming every problem, writing nothing. */
  async function save<K extends SettingsKey>(key: K, input: unknown): Promise<Settings[K]> {
    if (key === "policy") {
      const checked = validatePolicy(input);
      if (!checked.ok) throw new SettingsError("The policy has problems.", checked.errors.map((e) => ({ path: e.path, message: e.message })));
      await repo.set("policy", checked.policy);
      return checked.policy as Settings[K];
    }
    const parsed = SCHEMAS[key].safeParse(input);
    if (!parsed.success) {
      throw new SettingsError(
        `The ${key} setting is not valid.`,
        parsed.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === "symbol" ? String(p) : p)), message: i.message })),
      );
    }
    const value = parsed.data as Settings[SettingsKey];
    switch (key) {
      case "tiers": {
        const { rates, ...tiers } = value as Settings["tiers"];
        await repo.set("tiers", tiers);
        await repo.set("rates", rates);
        break;
      }
      case "fieldMapping":
        await repo.set("fieldMapping", value as Settings["fieldMapping"]);
        break;
      case "capacities":
        await repo.set("capacity", value as Settings["capacities"]);
        break;
      case "schedule":
        await repo.set("schedule", value as Settings["schedule"]);
        break;
      default:
        throw new Error(`Unexpected setting ${key}`);
    }
    return value as Settings[K];
  }

  return {
    defaults,
    readAll,
    save,
    // One key each: these are read per request (the card, the rhythm, the judgement), not the whole set.
    async policy(): Promise<FrequencyPolicy> {
      return (await stored(() => repo.get("policy"))) ?? defaults.policy;
    },
    async fields(): Promise<FieldMapping> {
      return fieldMappingOf((await stored(() => repo.get("fieldMapping"))) ?? defaults.fieldMapping);
    },
    async capacities(): Promise<RepCapacity[]> {
      return ((await stored(() => repo.get("capacity"))) ?? defaults.capacities).map((c) => ({ rep: c.rep as AssociateId, personalPerWeek: c.personalPerWeek }));
    },
  };
}
export type SettingsService = ReturnType<typeof settingsService>;
