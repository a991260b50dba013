import type { Page } from "playwright-core";
import { generateDemoTenant } from "../../sandbox/src";
import { describeTenant } from "../../sandbox/src/demo/describe";
import { seriousViolations } from "./support/axe";
import { launchBrowser, type Browser } from "./support/browser";
import { startStack, type Stack } from "./support/stack";

/** axe-core on the pane's states and the admin page's sections in Chromium: no serious or critical violation. */

let stack: Stack;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  // The demo tenant is the same on every start: its first rep administers it, as npm start sets it up.
  const admin = describeTenant(generateDemoTenant({ tenant: "Cust00001", seed: 1, customers: 300, now: new Date() }).data).reps[0]!.email;
  stack = await startStack({ admins: [admin] });
  browser = await launchBrowser();
  page = await browser.newPage();
  page.setDefaultTimeout(15_000);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

interface MailboxJson {
  items: Array<{ id: string; itemType: string; from?: { emailAddress: string } }>;
}

async function select(email: string) {
  const mailbox = (await (await fetch(`${stack.url}/preview/mailbox.json`)).json()) as MailboxJson;
  const item = mailbox.items.find((i) => i.itemType === "message" && i.from?.emailAddress === email);
  if (!item) throw new Error(`No demo e-mail from ${email}`);
  await page.click(`button[data-item-id="${item.id}"]`);
}

const PANE = '[data-testid="pane-frame"]';

async function expectAccessible(selector: string, state: string) {
  expect({ state, violations: await seriousViolations(page, selector) }).toEqual({ state, violations: [] });
}

describe("accessibility (axe-core, Chromium)", () => {
  for (const lang of ["en", "sv"] as const) {
    it(`the pane's states in ${lang}`, async () => {
      const { tierA, unknownSender } = stack.sandbox.tenant.highlights;
      await page.goto(`${stack.url}/preview/?lang=${lang}&width=320`);
      await page.locator("button[data-item-id]").first().waitFor();
      await expectAccessible(PANE, "no item");

      await select(tierA.email);
      await page.getByTestId("due-status").waitFor();
      await page.getByTestId("judgement").waitFor();
      await expectAccessible(PANE, "card");

      await page.getByTestId("potential-select").selectOption("D");
      await page.getByTestId("judgement-save").waitFor();
      await expectAccessible(PANE, "judgement chosen, not saved");
      await page.getByTestId("judgement-cancel").click();

      await page.getByTestId("log-activity").click();
      await page.getByTestId("activity-notes").fill("Notes");
      await page.getByTestId("activity-date").fill("31.31.2026");
      await expectAccessible(PANE, "log form with an unreadable date");
      await page.getByTestId("cancel-activity").click();
      await page.getByTestId("draft-discarded").waitFor();
      await expectAccessible(PANE, "draft discarded");

      await select(unknownSender);
      await page.getByTestId("not-in-crm").waitFor();
      await expectAccessible(PANE, "not in the CRM");

      await page.click('button[data-item-id="demo-meeting-past"]');
      await page.getByTestId("meeting-not-logged").waitFor();
      await page.getByTestId("customer-card").waitFor();
      await expectAccessible(PANE, "past meeting with nothing logged");

      await page.getByTestId("tab-week").click();
      await page.getByTestId("my-week").waitFor();
      await expectAccessible(PANE, "my week");
      await page.getByTestId("week-entry").first().click();
      await page.getByTestId("week-customer").getByTestId("due-status").waitFor();
      await expectAccessible(PANE, "customer from my week");
    });
  }

  it("the admin page", async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${stack.url}/admin/?lang=sv`);
    await page.locator('[data-testid="workload-chart"] rect[data-series="now"]').first().waitFor();
    await expectAccessible("body", "admin page: policy");
    for (const section of ["tiers", "imports", "weeklyLists"]) {
      await page.getByTestId(`tab-${section}`).click();
      await page.locator(`[data-testid="tab-${section}"][aria-selected="true"]`).waitFor();
      await page.waitForLoadState("networkidle");
      await expectAccessible("body", `admin page: ${section}`);
    }
  });
});
