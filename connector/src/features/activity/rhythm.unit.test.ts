import { defaultPolicy } from "../../../../shared/domain/policy";
import type { AppointmentId, ContactId } from "../../../../shared/domain/vocabulary";
import type { FieldMapping } from "../../config";
import type { CrmAppointment, CrmCompany } from "../../crm/port";
import { rhythmOf, todayFor, type RhythmCrm } from "./rhythm";

const fields: FieldMapping = {
  tierCategories: ["a", "b", "c", "d"],
  formerCategories: ["tidigare kund"],
  potentialField: "SuperOffice:1",
  potentialItems: {},
  accountTypeField: "SuperOffice:2",
  accountTypeItems: {},
};

function crm(timeZone: string | undefined, country: string, next: string | null): RhythmCrm {
  const company: CrmCompany = {
    id: 7 as ContactId, name: "Oy Esimerkki Ab", orgNr: null, number: null, country,
    category: { id: 1, name: "B", deleted: false, rank: 2 }, owner: null, customFields: {},
  };
  const appointment = (start: string): CrmAppointment => ({
    id: 1 as AppointmentId, contactId: company.id, personId: null, associateId: null, startDate: start, endDate: start, completed: false, typeName: null, text: "",
  });
  return {
    timeZone,
    getCompany: async () => company,
    lastCompletedAppointment: async () => null,
    nextPlannedAppointment: async () => (next ? appointment(next) : null),
    listCustomFieldItems: async () => [],
  };
}

describe("today for a tenant's customers", () => {
  it("is the date in the CRM's zone, for a UTC, a Swedish and a Finnish tenant, on both sides of midnight", () => {
    const at = (iso: string) => new Date(iso);
    expect(todayFor("UTC", at("2026-01-14T23:59:00Z"))).toBe("2026-01-14");
    expect(todayFor("UTC", at("2026-01-15T00:00:00Z"))).toBe("2026-01-15");
    expect(todayFor("Europe/Stockholm", at("2026-01-14T22:59:00Z"))).toBe("2026-01-14");
    expect(todayFor("Europe/Stockholm", at("2026-01-14T23:00:00Z"))).toBe("2026-01-15");
    expect(todayFor("Europe/Helsinki", at("2026-01-14T21:59:00Z"))).toBe("2026-01-14");
    expect(todayFor("Europe/Helsinki", at("2026-01-14T22:00:00Z"))).toBe("2026-01-15");
    expect(todayFor(undefined, at("2026-01-14T23:00:00Z"))).toBe("2026-01-15");
  });

  it("moves midnight with summer time on the DST weekends", () => {
    const at = (iso: string) => new Date(iso);
    // Summer time: Stockholm's midnight is 22:00 UTC, Helsinki's 21:00 UTC.
    expect(todayFor("Europe/Stockholm", at("2026-03-29T21:59:00Z"))).toBe("2026-03-29");
    expect(todayFor("Europe/Stockholm", at("2026-03-29T22:00:00Z"))).toBe("2026-03-30");
    expect(todayFor("Europe/Helsinki", at("2026-03-29T21:00:00Z"))).toBe("2026-03-30");
    // Back to winter time on 25 October: midnight at 23:00 UTC again.
    expect(todayFor("Europe/Stockholm", at("2026-10-25T22:30:00Z"))).toBe("2026-10-25");
    expect(todayFor("Europe/Stockholm", at("2026-10-25T23:00:00Z"))).toBe("2026-10-26");
    expect(todayFor("UTC", at("2026-10-25T23:30:00Z"))).toBe("2026-10-25");
  });

  it("compares a Finnish customer's appointment dates with the tenant's date, not Helsinki's", async () => {
    // 22:30 UTC: already 15 January in Helsinki, still 14 January in Stockholm, where the 23:45 meeting is.
    const now = new Date("2026-01-14T22:30:00Z");
    const settings = { policy: defaultPolicy(), fields };
    const rhythm = await rhythmOf(crm("Europe/Stockholm", "FI", "2026-01-14T23:45:00"), 7 as ContactId, settings, now);
    expect(rhythm.nextPlanned).toBe("2026-01-14");
    expect(rhythm.due).toEqual({ kind: "planned", date: "2026-01-14" });
    const finnishTenant = await rhythmOf(crm("Europe/Helsinki", "FI", "2026-01-15T01:45:00"), 7 as ContactId, settings, now);
    expect(finnishTenant.due).toEqual({ kind: "planned", date: "2026-01-15" });
  });
});
