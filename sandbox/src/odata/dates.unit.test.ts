import { appointmentArchive } from "../archives";
import { generateDemoTenant } from "../demo/generate";
import { Store } from "../store";
import { runArchive } from "./archive";

const data = generateDemoTenant({ tenant: "Cust00001", seed: 5, customers: 5, now: new Date("2026-11-23T00:00:00Z") }).data;
// A fixed set of appointments around "today" (Monday 2026-11-23) so each operator's edges are visible.
const dates = ["2026-11-20T09:00:00", "2026-11-22T23:59:00", "2026-11-23T00:00:00", "2026-11-23T16:00:00", "2026-11-24T00:00:00", "2026-11-30T08:00:00", "2026-12-01T08:00:00"];
data.appointments = dates.map((d, i) => ({ ...(data.appointments[0] as (typeof data.appointments)[number]), id: i + 1, startDate: d, endDate: d }));
const store = new Store(data, null);
const ctx = { today: "2026-11-23", associateId: 2, requestUrl: new URL("http://h/x"), metadataUrl: "m" };
const matching = (filter: string) => runArchive(appointmentArchive(store), { $select: "date", $filter: filter }, ctx).value.map((r) => r.date);

describe("date operators", () => {
  it("beforeToday / today / afterToday split at the tenant's midnight", () => {
    expect(matching("date beforeToday")).toEqual(dates.slice(0, 2));
    expect(matching("date today")).toEqual(dates.slice(2, 4));
    expect(matching("date afterToday")).toEqual(dates.slice(4));
  });
  it("between and dateBetween include both days; before/after exclude the day named", () => {
    expect(matching("date between ('2026-11-22','2026-11-23')")).toEqual(dates.slice(1, 4));
    expect(matching("date dateBetween ('2026-11-24','2026-11-30')")).toEqual(dates.slice(4, 6));
    expect(matching("date before '2026-11-23'")).toEqual(dates.slice(0, 2));
    expect(matching("date after '2026-11-23'")).toEqual(dates.slice(4));
  });
  it("thisWeek and nextWeek run Monday to Sunday; comparisons take date-times", () => {
    expect(matching("date thisWeek")).toEqual(dates.slice(2, 5));
    expect(matching("date nextWeek")).toEqual(dates.slice(5));
    expect(matching("date ge '2026-11-23T16:00:00' and date lt '2026-11-30'")).toEqual(dates.slice(3, 5));
  });
});
