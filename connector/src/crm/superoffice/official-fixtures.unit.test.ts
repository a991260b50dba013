import fs from "node:fs";
import path from "node:path";
import { Create_AppointmentEntity_From, Create_ContactEntity_From, Create_PersonEntity_From } from "@superoffice/webapi/Converters.js";
import { decodeCustomField } from "./custom-fields";
import { mapAppointmentEntity, mapCompany, mapPersonEntity } from "./mappers";
import { RawAppointmentEntity, RawContactEntity, RawPersonEntity } from "./raw";
import { instantOf } from "./wire-time";

/**
 * SuperOffice's own client (@superoffice/webapi) as the judge: the JSON its package ships, captured from
 * real SuperOffice answers, goes through raw.ts and the mappers and must agree with what the official
 * converters make of it. The fixtures come from a Norwegian tenant (base time zone Europe/Oslo), read
 * without SO-TimeZone, with `UTC,includeTZOffset` and with `NO,includeTZOffset`.
 */
const FIXTURES = path.join(path.dirname(require.resolve("@superoffice/webapi")), "../../__tests__");
const TENANT_ZONE = "Europe/Oslo";

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, name), "utf8")) as Record<string, unknown>;
}

/**
 * The official converters turn every date into a JS Date with `new Date(wire)`: a value with `Z` or an
 * offset is that instant, a value without one is read as the machine's local wall time. The judge's
 * tenant time is therefore the instant seen in the tenant's zone, or the local wall time as written.
 */
function officialTenantTime(date: Date, wire: string): { instant: number } | { wall: string } {
  if (/(Z|[+-]\d{2}:?\d{2})$/i.test(wire)) return { instant: date.getTime() };
  const p = (n: number) => String(n).padStart(2, "0");
  return { wall: `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}T${p(date.getHours())}:${p(date.getMinutes())}:${p(date.getSeconds())}` };
}

function expectSameTime(ours: string, official: Date, wire: string): void {
  const judge = officialTenantTime(official, wire);
  if ("instant" in judge) expect(instantOf(ours, TENANT_ZONE).getTime()).toBe(judge.instant);
  else expect(ours).toBe(judge.wall);
}

/** The official carrier keeps CustomFields as a string dictionary; our port keeps values, not the companions. */
function officialValues(fields: Record<string, string> | undefined | null): Record<string, string> {
  return Object.fromEntries(Object.entries(fields ?? {}).filter(([key]) => !/:(org|DisplayText|DisplayTooltip)$/.test(key)));
}

describe.each(["Appointment63.json", "Appointment63-utctz.json", "Appointment63-notz.json"])("%s", (name) => {
  const wire = fixture(name);
  const official = Create_AppointmentEntity_From(wire);
  const ours = mapAppointmentEntity(RawAppointmentEntity.parse(wire), TENANT_ZONE);

  it("maps ids, text, type and status as the official client does", () => {
    expect(ours.id).toBe(official.appointmentId);
    expect(ours.contactId).toBe(official.contact!.contactId);
    expect(ours.personId).toBe(official.person!.personId);
    expect(ours.associateId).toBe(official.associate!.associateId);
    expect(ours.text).toBe(official.description);
    expect(ours.typeName).toBe(official.task!.value);
    expect(ours.completed).toBe(String(official.completed) === "Completed");
  });

  it("gives the same start and end in the tenant's zone as the official client", () => {
    expectSameTime(ours.startDate, official.startDate!, wire.StartDate as string);
    expectSameTime(ours.endDate, official.endDate!, wire.EndDate as string);
  });

  it("maps 18:00 tenant time whichever time zone header the answer was read with", () => {
    expect(ours.startDate).toBe("2002-03-31T18:00:00");
    expect(ours.endDate).toBe("2002-03-31T19:00:00");
  });

  it("decodes every custom field value the answer carries", () => {
    const values = officialValues(official.customFields);
    expect(Object.keys(values).length).toBeGreaterThan(0);
    for (const value of Object.values(values)) expect(() => decodeCustomField(value)).not.toThrow();
    expect(decodeCustomField(values["SuperOffice:4"]!)).toEqual({ kind: "empty" });
    expect(decodeCustomField(values["SuperOffice:8"]!)).toEqual({ kind: "decimal", value: 0 });
  });
});

describe.each(["Person210.json", "Person210-utctz.json", "Person210-notz.json"])("%s", (name) => {
  const wire = fixture(name);
  const official = Create_PersonEntity_From(wire);
  const ours = mapPersonEntity(RawPersonEntity.parse(wire));

  it("maps id, name, e-mail, title and company as the official client does", () => {
    expect(ours.id).toBe(official.personId);
    expect(ours.fullName).toBe(official.fullName);
    expect(ours.email).toBe(official.emails![0]!.value);
    expect(ours.title).toBe(official.title);
    expect(ours.contactId).toBe(official.contact!.contactId);
  });

  it("decodes every custom, user-defined and extra field value", () => {
    const all = { ...officialValues(official.customFields), ...officialValues(official.userDefinedFields), ...officialValues(official.extraFields) };
    for (const value of Object.values(all)) expect(() => decodeCustomField(value)).not.toThrow();
    expect(decodeCustomField(official.userDefinedFields!["SuperOffice:4"]!)).toEqual({ kind: "date", value: "1999-05-05" });
    expect(decodeCustomField(official.userDefinedFields!["SuperOffice:5"]!)).toEqual({ kind: "empty" });
    expect(decodeCustomField(official.userDefinedFields!["SuperOffice:8"]!)).toEqual({ kind: "decimal", value: 4.43 });
    expect(decodeCustomField(official.extraFields!.x_person_date!)).toEqual({ kind: "datetime", value: "2019-03-28T00:00:00" });
    expect(decodeCustomField(official.extraFields!.x_person_datetime!)).toEqual({ kind: "empty" });
  });
});

describe("ContactDefault.json (an older NetServer: UserDefinedFields only)", () => {
  const wire = fixture("ContactDefault.json");
  const official = Create_ContactEntity_From(wire);
  const ours = mapCompany(RawContactEntity.parse(wire));

  it("maps id, name, category, owner and country as the official client does", () => {
    expect(ours.id).toBe(official.contactId);
    expect(ours.name).toBe(official.name);
    expect(ours.category).toEqual({ id: official.category!.id, name: official.category!.value, deleted: false, rank: 0 });
    expect(ours.owner).toEqual({
      id: official.associate!.associateId,
      initials: official.associate!.name,
      fullName: official.associate!.fullName,
      email: null,
      personId: official.associate!.personId,
    });
    expect(ours.country).toBe(official.country!.twoLetterISOCountry);
  });

  it("takes the custom fields from UserDefinedFields when CustomFields is missing", () => {
    expect(official.customFields).toBeUndefined();
    expect(ours.customFields).toEqual(officialValues(official.userDefinedFields));
    expect(ours.customFields["SuperOffice:1"]).toBe("defaultshorttext");
    expect(decodeCustomField(ours.customFields["SuperOffice:4"]!)).toEqual({ kind: "empty" });
  });
});
