import type { TierExplanation } from "../../../shared/domain/classify";
import type { AppointmentId, AssociateId, ContactId, PersonId } from "../../../shared/domain/vocabulary";
import type { FieldMapping } from "../config";
import { loadConfig } from "../config";
import type { CrmAssociate, CrmCompany } from "../crm/port";
import { MemoryCrm } from "./memory-crm";

/** The default field mapping, exactly as the configuration produces it from an empty environment. */
export function defaultFields(): FieldMapping {
  return loadConfig({ SUPEROFFICE_WEBAPI_URL: "http://127.0.0.1:1/Cust00001/api", SUPEROFFICE_AUTH: "basic", SUPEROFFICE_USERNAME: "u", SUPEROFFICE_PASSWORD: "p" }).fields;
}

export const ANNA: CrmAssociate = { id: 7 as AssociateId, initials: "AL", fullName: "Anna Lindqvist", email: "anna.lindqvist@example.se", personId: 70 as PersonId };

/** The numbers behind "Nordhydraulik AB is tier A: 12-month revenue 1.24 MSEK, top 6 %" (the seeded company's tier). */
export const NORDHYDRAULIK_TIER_A: TierExplanation = {
  window: { months: 12, from: "2025-11-24", to: "2026-11-23" },
  currency: "SEK",
  revenue: 1_240_000,
  method: "natural",
  segmentBy: "none",
  segment: null,
  rank: 3,
  customersRanked: 50,
  share: 0.08,
  topPercent: 6,
  thresholds: { A: 900_000, B: 300_000, C: 80_000 },
  hysteresisMargin: 0.1,
  tierByThresholds: "A",
  heldByMargin: false,
  toNextTier: null,
  lastPurchase: "2026-11-02",
};

/** A small CRM: Nordhydraulik (tier A, potential B, Utvid) with Erik and past/future appointments. */
export function seededCrm(): MemoryCrm {
  const crm = new MemoryCrm();
  crm.associates = [ANNA];
  crm.categories = [
    { id: 1, name: "A", deleted: false, rank: 1 },
    { id: 2, name: "B", deleted: false, rank: 2 },
    { id: 5, name: "Tidigare kund", deleted: false, rank: 5 },
  ];
  const nordhydraulik: CrmCompany = {
    id: 101 as ContactId,
    name: "Nordhydraulik AB",
    orgNr: "556677-8899",
    number: "10001",
    country: "SE",
    category: { id: 1, name: "A", deleted: false, rank: 1 },
    owner: ANNA,
    customFields: { "SuperOffice:1": "[I:24]", "SuperOffice:2": "[I:27]" },
  };
  crm.companies = [nordhydraulik];
  const item = (id: number, name: string, rank: number) => ({ id, name, deleted: false, rank });
  crm.customFieldItems = {
    "SuperOffice:1": [item(23, "A", 1), item(24, "B", 2), item(25, "C", 3), item(26, "D", 4)],
    "SuperOffice:2": [item(27, "Utvid", 1), item(28, "Behold", 2)],
  };
  crm.persons = [{ id: 201 as PersonId, contactId: nordhydraulik.id, fullName: "Erik Berg", email: "erik.berg@nordhydraulik.se", title: "Inköpschef" }];
  crm.appointments = [
    { id: 301 as AppointmentId, contactId: nordhydraulik.id, personId: null, associateId: ANNA.id, startDate: "2026-09-01T10:00:00", endDate: "2026-09-01T11:00:00", completed: true, typeName: "Meeting", text: "Older visit" },
    { id: 302 as AppointmentId, contactId: nordhydraulik.id, personId: null, associateId: ANNA.id, startDate: "2026-10-14T09:00:00", endDate: "2026-10-14T09:30:00", completed: true, typeName: "Phone call", text: "Quote follow-up" },
    { id: 303 as AppointmentId, contactId: nordhydraulik.id, personId: null, associateId: ANNA.id, startDate: "2026-12-03T13:00:00", endDate: "2026-12-03T14:00:00", completed: false, typeName: "Meeting", text: "Annual review" },
  ];
  return crm;
}
