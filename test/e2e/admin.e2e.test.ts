import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { generateDemoTenant, ordersToCsv } from "../../sandbox/src";
import { ClassificationReport } from "../../shared/api/jobs";
import { describeTenant } from "../../sandbox/src/demo/describe";
import { signedInApi } from "./support/api";
import { launchBrowser, SCREENSHOT_DIR, type Browser } from "./support/browser";
import { startStack, type Stack } from "./support/stack";

let stack: Stack;
let browser: Browser;
let page: Page;
let admin: string;
let tmp: string;

beforeAll(async () => {
  // The demo tenant is the same on every start: its first rep administers it, as npm start sets it up.
  const demo = describeTenant(generateDemoTenant({ tenant: "Cust00001", seed: 1, customers: 300, now: new Date() }).data);
  admin = demo.reps[0]!.email;
  stack = await startStack({ admins: [admin] });
  expect(stack.sandbox.tenant.reps[0]!.email).toBe(admin);
  browser = await launchBrowser();
  page = await browser.newPage();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kundrytm-admin-e2e-"));
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

async function shot(name: string, width: number) {
  await page.setViewportSize({ width, height: 900 });
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `admin-${name}-${width}.png`), fullPage: true });
}

async function adminSettings(): Promise<{ policy: { matrix: Record<string, Record<string, Record<string, { personalWeeks: number | null }>>> } }> {
  const { api } = await signedInApi(stack, admin);
  return (await api("GET", "/api/v1/admin/settings")).body as never;
}

/** The personal contacts per week a chart series adds up to, over every rep. */
async function seriesTotal(series: string): Promise<number> {
  const values = await page.$$eval(`[data-testid="workload-chart"] rect[data-series="${series}"]`, (rects) => rects.map((r) => Number(r.getAttribute("data-value"))));
  return values.reduce((a, b) => a + b, 0);
}

describe("admin page (Chromium)", () => {
  it("changes a cell, shows the what-if next to the workload, saves the policy", async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${stack.url}/admin/?lang=en`);
    await page.locator('[data-testid="workload-chart"] rect[data-series="now"]').first().waitFor();
    expect(await page.locator('rect[data-series="proposed"]').count()).toBe(0);
    const now = await seriesTotal("now");

    const cell = page.locator('input[data-cell="A.A.keep.personalWeeks"]');
    expect(await cell.inputValue()).toBe("4");
    await cell.fill("0");
    await page.getByText("At least 1 week").waitFor();
    expect(await page.getByTestId("save-policy").isDisabled()).toBe(true);

    await cell.fill("1");
    await page.locator('rect[data-series="proposed"]').first().waitFor();
    await page.getByTestId("what-if-totals").waitFor();
    expect(await seriesTotal("proposed")).toBeGreaterThan(now);
    expect(await seriesTotal("now")).toBeCloseTo(now, 6);
    await shot("policy-what-if", 1280);
    await shot("policy-what-if", 800);

    await page.getByTestId("save-policy").click();
    await page.getByTestId("policy-saved").waitFor();
    expect((await adminSettings()).policy.matrix.A!.A!.keep!.personalWeeks).toBe(1);

    await page.reload();
    await page.locator('input[data-cell="A.A.keep.personalWeeks"]').waitFor();
    expect(await page.locator('input[data-cell="A.A.keep.personalWeeks"]').inputValue()).toBe("1");
    await page.locator('[data-testid="workload-chart"] rect[data-series="now"]').first().waitFor();
    expect(await seriesTotal("now")).toBeGreaterThan(now);

    // A capacity below the rep's need: the chart draws it and flags the rep.
    const rep = stack.sandbox.tenant.reps[0]!;
    await page.getByLabel(`Capacity of ${rep.fullName}, contacts per week`).fill("2");
    await page.getByTestId("save-capacities").click();
    // A vertical line has no width: playwright never calls it visible.
    await page.locator('[data-testid="workload-chart"] line[data-marker="2"]').waitFor({ state: "attached" });
    expect(await page.getByTestId("workload-chart").locator("svg").textContent()).toContain("over capacity");
    await shot("policy-capacity", 1280);
  });

  it("imports the order history with its report and shows the tier distribution of a dry run", async () => {
    const { orders } = generateDemoTenant({ tenant: stack.sandbox.tenant.tenant, seed: 1, customers: 300, now: new Date() });
    const file = path.join(tmp, "orders.csv");
    fs.writeFileSync(file, `${ordersToCsv(orders)}not-a-customer;2026-13-45;abc;SEK;;SE\n`);

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${stack.url}/admin/?lang=en&section=imports`);
    await page.getByTestId("order-file").setInputFiles(file);
    // The demo ERP's columns are the default mapping.
    await page.getByText("Columns in the file").click();
    expect(await page.getByLabel("Customer column").inputValue()).toBe("org_number");
    await page.getByLabel("Import the good rows and list the bad ones").check();
    await page.getByTestId("upload").click();
    const report = page.getByTestId("import-report");
    await report.waitFor({ timeout: 60_000 });
    expect(await report.textContent()).toMatch(/\d+ new order lines/);
    expect(await page.getByTestId("bad-rows").locator("tbody tr").count()).toBeGreaterThan(0);
    await shot("imports", 1280);
    await shot("imports", 800);

    await page.getByTestId("tab-tiers").click();
    const dryRun = page.waitForResponse((r) => r.url().endsWith("/api/v1/admin/classification/dry-run") && r.request().method() === "POST", { timeout: 60_000 });
    await page.getByTestId("dry-run").click();
    const dryRunReport = ClassificationReport.parse(await (await dryRun).json());
    const chart = page.getByTestId("distribution-chart");
    await chart.waitFor({ timeout: 60_000 });
    const after = await chart.locator('rect[data-series="after"]').evaluateAll((rects) => rects.map((r) => Number(r.getAttribute("data-value"))));
    const before = await chart.locator('rect[data-series="before"]').evaluateAll((rects) => rects.map((r) => Number(r.getAttribute("data-value"))));
    expect(after.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(after.reduce((a, b) => a + b, 0)).toBe(before.reduce((a, b) => a + b, 0));
    // The heading counts exactly the moves the connector's dry run reported.
    const moves = dryRunReport.moves.length;
    expect(await page.getByTestId("moves-heading").textContent()).toBe(moves === 0 ? "No customer changes tier." : moves === 1 ? "1 customer changes tier" : `${moves} customers change tier`);
    expect(await page.getByTestId("moves").locator("tbody tr").count()).toBe(moves);
    await shot("tiers-dry-run", 1280);
    await shot("tiers-dry-run", 800);

    await page.getByTestId("apply").click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain("SuperOffice");
    await page.getByTestId("confirm-apply").click();
    const applied = page.getByTestId("apply-result");
    await applied.waitFor({ timeout: 60_000 });
    expect(await applied.textContent()).toMatch(/^Applied: \d+ categories written, \d+ tasks created\.$/);
  });

  it("runs the Monday lists as a dry run", async () => {
    await page.goto(`${stack.url}/admin/?lang=sv&section=weeklyLists`);
    await page.getByTestId("run-weekly").click();
    const report = page.getByTestId("weekly-report");
    await report.waitFor({ timeout: 60_000 });
    expect(await report.textContent()).toContain("Provkörning");
    await shot("weekly-lists-sv", 800);
  });

  it("is a page of its own: the task pane loads nothing of it", async () => {
    const pane = await (await fetch(`${stack.url}/taskpane.html`)).text();
    // The built HTML is minified: attribute values may come without quotes.
    const scripts = [...pane.matchAll(/<script[^>]*\ssrc="?([^"\s>]+)/g)].map((m) => m[1]);
    expect(scripts.some((src) => /assets\/taskpane\.[0-9a-f]{8}\.js$/.test(src!))).toBe(true);
    expect(pane).not.toMatch(/admin/i);
    const bundle = await (await fetch(`${stack.url}${scripts.find((src) => src!.startsWith("/assets/taskpane."))}`)).text();
    expect(bundle).not.toContain("Kundrytm administration");
    const admin = await (await fetch(`${stack.url}/admin/`)).text();
    expect(admin).toMatch(/<script[^>]*\ssrc="?\/admin\/admin\.[0-9a-f]{8}\.js/);
  });

  it("tells a rep who is not an administrator so", async () => {
    const other = stack.sandbox.tenant.reps[1]!;
    await page.goto(`${stack.url}/admin/?lang=en&rep=${encodeURIComponent(other.email)}`);
    const notice = page.getByTestId("not-admin");
    await notice.waitFor();
    expect(await notice.textContent()).toContain("You are not an administrator");
    expect(await notice.textContent()).toContain(other.email);
    await shot("not-admin", 800);
  });
});
