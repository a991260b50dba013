import { File } from "node:buffer";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { DEFAULT_COLUMN_MAPPING } from "../../../../../shared/api/imports";
import type { ImportReport, JobRun } from "../../../../../shared/api/jobs";
import { adminHandlers, BASE_URL, renderAdmin, startConnector } from "../../testing/adminHarness";

const server = startConnector();
// Node's File, as fetch sends it; jsdom's own File would reach fetch as "[object File]".
const file = (parts: string[], name: string, type = "") => new File(parts, name, { type }) as unknown as globalThis.File;

const REPORT: ImportReport = {
  source: "orders.csv",
  written: true,
  rows: 4,
  good: 2,
  inserted: 2,
  alreadyImported: 0,
  changed: 0,
  updated: 0,
  changes: [],
  bad: [
    { line: 3, reason: "the date 2026-13-45 is not a date", column: "date" },
    { line: 5, reason: "no CRM company has customer number 999", column: "customer" },
  ],
  warnings: [],
  fileError: null,
  batchId: 1,
};

function uploadHandler(seen: { type: string | null; query: string; body: string }[], reply: ImportReport = REPORT) {
  return http.post(`${BASE_URL}/api/v1/admin/imports/orders`, async ({ request }) => {
    seen.push({ type: request.headers.get("content-type"), query: new URL(request.url).search, body: await request.text() });
    return HttpResponse.json(reply);
  });
}

describe("order history", () => {
  test("uploads a CSV with the chosen on-error and shows the bad rows by line and reason", async () => {
    const seen: { type: string | null; query: string; body: string }[] = [];
    server.use(uploadHandler(seen), ...adminHandlers());
    renderAdmin({ section: "imports" });
    const csv = file(["customer;date;amount\n1;2026-01-02;100\n"], "orders.csv", "application/vnd.ms-excel");
    await userEvent.upload(await screen.findByTestId("order-file"), csv);
    await userEvent.click(screen.getByLabelText("Import the good rows and list the bad ones"));
    await userEvent.click(screen.getByTestId("upload"));
    const report = await screen.findByTestId("import-report");
    expect(report.textContent).toContain("4 rows read, 2 good: 2 new order lines, 0 already imported.");
    const rows = within(screen.getByTestId("bad-rows")).getAllByRole("row").slice(1).map((r) => r.textContent);
    expect(rows).toEqual(["3datethe date 2026-13-45 is not a date", "5customerno CRM company has customer number 999"]);
    // Typed by the file's extension, whatever the browser called it.
    expect(seen.map((r) => ({ ...r, query: Object.fromEntries(new URLSearchParams(r.query)) }))).toEqual([
      {
        type: "text/csv",
        query: { onError: "skip", name: "orders.csv", mapping: JSON.stringify({ ...DEFAULT_COLUMN_MAPPING, defaultCurrency: "SEK" }) },
        body: "customer;date;amount\n1;2026-01-02;100\n",
      },
    ]);
  });

  test("says what the connector noticed about the file as a whole, such as the encoding it was read in", async () => {
    const warning = "The file is not valid UTF-8: it was read as Windows-1252. If names look wrong, import it again with the right encoding.";
    server.use(uploadHandler([], { ...REPORT, bad: [], warnings: [warning] }), ...adminHandlers());
    renderAdmin({ section: "imports", language: "sv" });
    await userEvent.upload(await screen.findByTestId("order-file"), file(["kund;datum;belopp\n"], "orders.csv"));
    await userEvent.click(screen.getByTestId("upload"));
    const warnings = await screen.findByTestId("import-warnings");
    expect(warnings.textContent).toBe(`Om filen${warning}`);
  });

  test("the columns of another ERP's export are sent with it; a missing required column blocks the upload", async () => {
    const seen: { type: string | null; query: string; body: string }[] = [];
    server.use(uploadHandler(seen), ...adminHandlers());
    renderAdmin({ section: "imports" });
    await userEvent.upload(await screen.findByTestId("order-file"), file(["x"], "export.csv"));
    await userEvent.click(screen.getByText("Columns in the file"));
    await userEvent.selectOptions(screen.getByLabelText("Customers are found by"), "customerNumber");
    const customer = screen.getByLabelText("Customer column");
    await userEvent.clear(customer);
    expect(screen.getByText("A column name is needed")).toBeTruthy();
    expect(screen.getByTestId("upload").hasAttribute("disabled")).toBe(true);
    // The reason stays beside the button when the mapping panel is closed again.
    await userEvent.click(screen.getByText("Columns in the file"));
    expect(screen.getByTestId("mapping-blocks-upload").textContent).toBe('Correct the column mapping (under "Columns in the file") to import.');
    await userEvent.click(screen.getByText("Columns in the file"));
    await userEvent.type(customer, "Kundnr");
    await userEvent.clear(screen.getByLabelText("Country (optional)"));
    await userEvent.clear(screen.getByLabelText("Currency when the file names none"));
    await userEvent.type(screen.getByLabelText("Currency when the file names none"), "nok");
    await userEvent.click(screen.getByTestId("upload"));
    await screen.findByTestId("import-report");
    expect(screen.queryByTestId("mapping-blocks-upload")).toBeNull();
    const { country, ...rest } = DEFAULT_COLUMN_MAPPING;
    expect(country).toBe("country");
    expect(JSON.parse(new URLSearchParams(seen[0]!.query).get("mapping")!)).toEqual({ ...rest, customerKey: { kind: "customerNumber", column: "Kundnr" }, defaultCurrency: "NOK" });
  });

  test("a refused import says nothing was imported", async () => {
    server.use(uploadHandler([], { ...REPORT, written: false, inserted: 0, good: 0, bad: [], fileError: "the file has no header row" }), ...adminHandlers());
    renderAdmin({ section: "imports" });
    await userEvent.upload(await screen.findByTestId("order-file"), file(["x"], "Orders.XLSX"));
    await userEvent.click(screen.getByTestId("upload"));
    const report = await screen.findByTestId("import-report");
    expect(report.textContent).toContain("Nothing was imported.");
    expect(report.textContent).toContain("The file could not be read: the file has no header row");
  });

  test("lines imported before that changed in the file are counted and how to apply them is said", async () => {
    const changes = [{ line: 2, orderNumber: "500001", orderLine: "1", fields: ["amount" as const] }, { line: 3, orderNumber: "500002", orderLine: "1", fields: ["customer" as const] }];
    server.use(uploadHandler([], { ...REPORT, inserted: 0, alreadyImported: 2, changed: 2, changes, bad: [] }), ...adminHandlers());
    renderAdmin({ section: "imports" });
    await userEvent.upload(await screen.findByTestId("order-file"), file(["x"], "orders.csv", "text/csv"));
    await userEvent.click(screen.getByTestId("upload"));
    expect((await screen.findByTestId("changed-lines")).textContent).toBe(
      "2 lines imported before have changed in this file (amount, date or customer) and were left as before. To apply the changes: kundrytm import-orders --update-changed.",
    );
  });

  test("without a file, or with another kind of file, nothing is sent", async () => {
    const seen: { type: string | null; query: string; body: string }[] = [];
    server.use(uploadHandler(seen), ...adminHandlers());
    renderAdmin({ section: "imports" });
    await userEvent.click(await screen.findByTestId("upload"));
    expect(screen.getByText("Choose a file first.")).toBeTruthy();
    // The picker offers .csv and .xlsx only, but a file can still be dropped or forced in.
    await userEvent.setup({ applyAccept: false }).upload(screen.getByTestId("order-file"), file(["x"], "orders.pdf"));
    await userEvent.click(screen.getByTestId("upload"));
    expect(screen.getByText("Only .csv and .xlsx files can be imported.")).toBeTruthy();
    expect(seen).toEqual([]);
  });

  test("the job log lists the runs of the chosen job", async () => {
    const run = (id: number, job: JobRun["job"], status: JobRun["status"]): JobRun => ({
      id,
      job,
      key: job === "weekly-lists" ? "2026-W48" : "2026-11-23",
      status,
      startedAt: "2026-11-23T05:00:00Z",
      finishedAt: status === "running" ? null : "2026-11-23T05:01:00Z",
      instance: "host-1",
      summary: { reps: 5, customers: 31 },
    });
    server.use(
      http.get(`${BASE_URL}/api/v1/admin/jobs`, ({ request }) => {
        const job = new URL(request.url).searchParams.get("job");
        return HttpResponse.json(job === "weekly-lists" ? [run(2, "weekly-lists", "succeeded"), run(1, "weekly-lists", "failed")] : []);
      }),
      ...adminHandlers(),
    );
    renderAdmin({ section: "imports" });
    expect(await screen.findByText("No runs yet.")).toBeTruthy();
    await userEvent.selectOptions(screen.getByTestId("job-picker"), "weekly-lists");
    const log = await screen.findByTestId("job-log");
    const rows = within(log).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toContain("Succeeded");
    expect(rows[0]!.textContent).toContain("2026-W48");
    expect(rows[0]!.textContent).toContain("reps: 5, customers: 31");
    expect(rows[1]!.textContent).toContain("Failed");
  });
});
