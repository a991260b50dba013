import { dueDay, dueWeek, zonedParts } from "../../connector/src/jobs/scheduler";
import { formatIsoWeek } from "../../shared/domain/iso-week";

describe("the job clock", () => {
  test("reads local date and time in the configured zone, across daylight saving", () => {
    expect(zonedParts(new Date("2026-11-23T05:30:00Z"), "Europe/Stockholm")).toEqual({ date: "2026-11-23", minutes: 6 * 60 + 30 });
    expect(zonedParts(new Date("2026-07-06T03:59:00Z"), "Europe/Stockholm")).toEqual({ date: "2026-07-06", minutes: 5 * 60 + 59 });
    expect(zonedParts(new Date("2026-11-22T23:30:00Z"), "Europe/Helsinki")).toEqual({ date: "2026-11-23", minutes: 90 });
  });

  test("the Monday list of a week is due from Monday 06:00 local time, and stays due for the rest of the week", () => {
    const week = (iso: string) => formatIsoWeek(dueWeek(new Date(iso), "06:00", "Europe/Stockholm"));
    expect(week("2026-11-23T04:59:00Z")).toBe("2026-W47"); // Monday 05:59 in Stockholm
    expect(week("2026-11-23T05:00:00Z")).toBe("2026-W48"); // Monday 06:00
    expect(week("2026-11-27T12:00:00Z")).toBe("2026-W48"); // Friday: a connector down on Monday catches up
    expect(week("2026-11-29T22:59:00Z")).toBe("2026-W48"); // Sunday 23:59
    // A week that spans the new year: Monday 2026-12-28 is in 2026-W53.
    expect(week("2026-12-28T05:00:00Z")).toBe("2026-W53");
    expect(week("2027-01-04T04:00:00Z")).toBe("2026-W53");
  });

  test("the nightly run is due once its time has passed that day", () => {
    expect(dueDay(new Date("2026-11-23T00:59:00Z"), "02:00", "Europe/Stockholm")).toBeNull();
    expect(dueDay(new Date("2026-11-23T01:00:00Z"), "02:00", "Europe/Stockholm")).toBe("2026-11-23");
  });
});
