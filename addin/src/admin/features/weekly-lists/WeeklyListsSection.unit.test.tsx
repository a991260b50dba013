import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import type { WeeklyListsReport } from "../../../../../shared/api/jobs";
import { adminHandlers, BASE_URL, defaultSettings, renderAdmin, startConnector } from "../../testing/adminHarness";

const server = startConnector();

function listHandler(requests: unknown[], skipped: WeeklyListsReport["skipped"] = []) {
  return http.post(`${BASE_URL}/api/v1/admin/weekly-lists`, async ({ request }) => {
    const body = (await request.json()) as { dryRun: boolean; week?: string };
    requests.push(body);
    const report: WeeklyListsReport = {
      dryRun: body.dryRun,
      week: body.week ?? "2026-W48",
      reps: [{ rep: 3, initials: "AL", selectionName: `Uppföljning v${(body.week ?? "2026-W48").slice(6)} — AL`, selectionId: body.dryRun ? null : 12, customers: 9, added: body.dryRun ? 0 : 9, removed: 0, tasksCreated: 0 }],
      skipped,
    };
    return HttpResponse.json(report);
  });
}

describe("Monday lists", () => {
  test("run now is a dry run unless unticked, for this week or the one typed", async () => {
    const requests: unknown[] = [];
    server.use(listHandler(requests), ...adminHandlers());
    renderAdmin({ section: "weeklyLists" });
    await userEvent.click(await screen.findByTestId("run-weekly"));
    const report = await screen.findByTestId("weekly-report");
    expect(report.textContent).toContain("Dry run for 2026-W48: nothing was written.");
    expect(within(report).getByRole("row", { name: /AL/ }).textContent).toBe("ALUppföljning v48 — AL9000");

    await userEvent.type(screen.getByTestId("week"), "2026-W49");
    await userEvent.click(screen.getByLabelText("Dry run (write nothing)"));
    await userEvent.click(screen.getByTestId("run-weekly"));
    await waitFor(() => expect(screen.getByTestId("weekly-report").textContent).toContain("Monday lists for 2026-W49 written."));
    expect(requests).toEqual([{ dryRun: true }, { dryRun: false, week: "2026-W49" }]);
  });

  test("names the companies left off the lists, with the reason, in Norwegian too", async () => {
    const skipped = [{ companyId: 41, name: "Fjordstål AS", reason: "the next contact date 0000-00-00 is not a date" }];
    server.use(listHandler([], skipped), ...adminHandlers());
    renderAdmin({ section: "weeklyLists", language: "nb" });
    await userEvent.click(await screen.findByTestId("run-weekly"));
    const left = await screen.findByTestId("weekly-skipped");
    expect(left.textContent).toContain("1 firma kom ikke med på listene:");
    expect(within(left).getByRole("row", { name: /Fjordstål AS/ }).textContent).toBe("Fjordstål ASthe next contact date 0000-00-00 is not a date");
  });

  test("a week that is not a week cannot be run", async () => {
    const requests: unknown[] = [];
    server.use(listHandler(requests), ...adminHandlers());
    renderAdmin({ section: "weeklyLists" });
    await userEvent.type(await screen.findByTestId("week"), "week 48");
    expect(screen.getByText("A week like 2026-W48")).toBeTruthy();
    expect(screen.getByTestId("run-weekly").hasAttribute("disabled")).toBe(true);
    expect(requests).toEqual([]);
  });

  test("the schedule is saved whole; a bad time or zone is named and blocks saving", async () => {
    const saved: unknown[] = [];
    server.use(
      http.put(`${BASE_URL}/api/v1/admin/settings/schedule`, async ({ request }) => {
        const schedule = await request.json();
        saved.push(schedule);
        return HttpResponse.json({ ...defaultSettings(), schedule });
      }),
      ...adminHandlers(),
    );
    renderAdmin({ section: "weeklyLists", language: "sv" });
    const [listTime] = await screen.findAllByLabelText("Tid (TT:MM)");
    await userEvent.clear(listTime!);
    await userEvent.type(listTime!, "25:00");
    expect(screen.getByText("En tid som 06:00")).toBeTruthy();
    const [zone] = screen.getAllByLabelText("Tidszon");
    await userEvent.clear(zone!);
    await userEvent.type(zone!, "Mars/Olympus");
    expect(screen.getByText("En IANA-tidszon som Europe/Stockholm")).toBeTruthy();
    expect(screen.getByTestId("save-schedule").hasAttribute("disabled")).toBe(true);

    await userEvent.clear(listTime!);
    await userEvent.type(listTime!, "07:30");
    await userEvent.clear(zone!);
    await userEvent.type(zone!, "Europe/Oslo");
    await userEvent.click(screen.getByLabelText("Skapa måndagslistorna automatiskt"));
    await userEvent.click(screen.getByLabelText("Skapa också en uppföljningsuppgift per kund"));
    await userEvent.click(screen.getByTestId("save-schedule"));
    await screen.findByText("Sparat.");
    expect(saved).toEqual([
      {
        weeklyLists: { enabled: true, time: "07:30", timeZone: "Europe/Oslo", language: "sv", createTasks: true, defaultCountry: "SE" },
        classification: { enabled: false, time: "02:00", timeZone: "Europe/Stockholm", language: "sv" },
      },
    ]);
  });

  test("a half-typed schedule is still there, unsaved, when the page loads again", async () => {
    server.use(...adminHandlers());
    const first = renderAdmin({ section: "weeklyLists", language: "sv" });
    const [listTime] = await screen.findAllByLabelText("Tid (TT:MM)");
    await userEvent.clear(listTime!);
    await userEvent.type(listTime!, "07:3");
    first.unmount();

    renderAdmin({ section: "weeklyLists", language: "sv" });
    const [again] = await screen.findAllByLabelText("Tid (TT:MM)");
    expect((again as HTMLInputElement).value).toBe("07:3");
    expect(screen.getByText("En tid som 06:00")).toBeTruthy();
    expect(screen.getByText("Osparade ändringar")).toBeTruthy();
  });
});
