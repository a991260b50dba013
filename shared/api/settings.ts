import { z } from "zod";
import { cleanText } from "./fields";
import { CurrencyRatesSchema } from "../domain/revenue";
import { FrequencyPolicySchema } from "../domain/policy";
import { TierSettingsSchema } from "../domain/classify";
import { ACCOUNT_TYPES, COUNTRIES, POTENTIALS, TIERS } from "../domain/vocabulary";
import { EXPLANATION_LOCALES } from "../domain/explain";

/** The admin page ↔ connector contract for settings (`/api/v1/admin/...`, admins only). */

export const SETTINGS_KEYS = ["policy", "tiers", "fieldMapping", "capacities", "schedule"] as const;
export type SettingsKey = (typeof SETTINGS_KEYS)[number];

/** Tier method, window, segments and hysteresis, plus the rates that convert other currencies. */
export const TierSettingsBody = TierSettingsSchema.extend({ rates: CurrencyRatesSchema.default({}) });
export type TierSettingsBody = z.infer<typeof TierSettingsBody>;

const Name = cleanText(100).trim().min(1);

/** Which SuperOffice list items and custom fields carry tier, potential and account type (by name, never by id). */
export const FieldMappingBody = z.object({
  /** Category names for A, B, C, D in that order. */
  tierCategories: z.tuple([Name, Name, Name, Name]),
  /** Category name(s) meaning former customer; the first is the one written. */
  formerCategories: z.array(Name).min(1),
  potentialField: Name,
  /** List item name → potential. */
  potentialItems: z.record(Name, z.enum(POTENTIALS)),
  accountTypeField: Name,
  /** List item name → account type. */
  accountTypeItems: z.record(Name, z.enum(ACCOUNT_TYPES)),
});
export type FieldMappingBody = z.infer<typeof FieldMappingBody>;

export const RepCapacityBody = z.object({ rep: z.number().int().positive(), personalPerWeek: z.number().min(0).max(200) });
export const CapacitiesBody = z
  .array(RepCapacityBody)
  .max(10_000)
  .refine((list) => new Set(list.map((c) => c.rep)).size === list.length, "each rep at most once");
export type CapacitiesBody = z.infer<typeof CapacitiesBody>;

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a time like 06:00");
const TimeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "an IANA time zone like Europe/Stockholm");

/** When the connector runs its jobs, and how the Monday lists look. */
export const ScheduleBody = z.object({
  weeklyLists: z
    .object({
      /** Off until an admin turns it on: the first start of a connector writes nothing into the CRM. */
      enabled: z.boolean().default(false),
      /** Every Monday at this time in this zone. */
      time: Time.default("06:00"),
      timeZone: TimeZone.default("Europe/Stockholm"),
      /** Language of the selection's name ("Uppföljning v48 — AB"). */
      language: z.enum(EXPLANATION_LOCALES).default("sv"),
      /** Also create one checklist task per customer on the list. */
      createTasks: z.boolean().default(false),
      /** Country for working days when a company has none. */
      defaultCountry: z.enum(COUNTRIES).default("SE"),
    })
    .prefault({}),
  classification: z
    .object({
      /** Classify every night and write the moves to the CRM. */
      enabled: z.boolean().default(false),
      time: Time.default("02:00"),
      timeZone: TimeZone.default("Europe/Stockholm"),
      /** Language of the tier notices (checklist tasks). */
      language: z.enum(EXPLANATION_LOCALES).default("sv"),
    })
    .prefault({}),
});
export type ScheduleBody = z.infer<typeof ScheduleBody>;

export const Settings = z.object({
  policy: FrequencyPolicySchema,
  tiers: TierSettingsBody,
  fieldMapping: FieldMappingBody,
  capacities: CapacitiesBody,
  schedule: ScheduleBody,
});
export type Settings = z.infer<typeof Settings>;

/** A refused policy: every cell problem with the domain's sentence. */
export const PolicyErrors = z.object({
  error: z.object({ code: z.literal("BAD_REQUEST"), message: z.string() }),
  problems: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })),
});

const WorkloadRow = z.object({
  rep: z.number().int().nullable(),
  repName: z.string().nullable(),
  customers: z.number().int(),
  personalPerWeek: z.number(),
  digitalPerWeek: z.number(),
  byTier: z.record(z.enum(TIERS), z.object({ customers: z.number().int(), personalPerWeek: z.number() })),
  capacity: z.number().nullable(),
  utilisation: z.number().nullable(),
  overCapacity: z.boolean(),
});
export type WorkloadRow = z.infer<typeof WorkloadRow>;

export const WorkloadResponse = z.object({ reps: z.array(WorkloadRow), unassigned: WorkloadRow });
export type WorkloadResponse = z.infer<typeof WorkloadResponse>;

export const WhatIfRequest = z.object({ policy: z.unknown() });

const WhatIfRow = z.object({
  rep: z.number().int().nullable(),
  repName: z.string().nullable(),
  current: WorkloadRow,
  proposed: WorkloadRow,
  deltaPersonalPerWeek: z.number(),
  becomesOverCapacity: z.boolean(),
});
export const WhatIfResponse = z.object({
  reps: z.array(WhatIfRow),
  unassigned: WhatIfRow,
  totals: z.object({
    currentPersonalPerWeek: z.number(),
    proposedPersonalPerWeek: z.number(),
    repsOverCapacityNow: z.number().int(),
    repsOverCapacityProposed: z.number().int(),
  }),
});
export type WhatIfResponse = z.infer<typeof WhatIfResponse>;
