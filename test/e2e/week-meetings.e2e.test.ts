import type { Page } from "playwright-core";
import { MyWeekResponse } from "../../shared/api/my-week";
import { signedInApi, type ApiCall, type Card } from "./support/api";
import { launchBrowser, screenshot, type Browser } from "./support/browser";
import { sandboxAppointments } from "./support/sandbox-crm";
import { startStack, type Stack } from "./support/stack";

/** "My week" and meetings through the preview in Chromium, against the sandbox's demo tenant. */

let stack: Stack;
let browser: Browser;
let page: Page;
let api: ApiCall;
let cardOf: (email: string) => Promise<Card>;

beforeAll(async () => {
  stack = await startStack();
  browser = await launchBrowser();
  page = await browser.newPage();
  // The connector's answers as the first demo rep (the preview signs in as this rep by default).
  ({ api, cardOf } = await signedInApi(stack));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function openPreview(query: string) {
  await page.goto(`${stack.url}/preview/?${query}`);
  await page.locator("button[data-item-id]").first().waitFor();
}

interface MailboxJson {
  items: Array<{ id: string; itemType: string; start?: string; organizer?: { emailAddress: string }; requiredAttendees?: Array<{ emailAddress: string }> }>;
}

describe("my week through the preview (Chromium)", () => {
  for (const [lang, view, width] of [["en", "My week", 450], ["sv", "Min vecka", 320]] as const) {
    it(`shows the rep's list grouped as served and opens a customer's card (${lang}, ${width} px)`, async () => {
      const week = MyWeekResponse.parse((await api("GET", "/api/v1/my-week")).body);
      if (!week.known) throw new Error("the demo rep is a CRM user");
      expect(week.entries.length).toBeGreaterThan(0);

      await openPreview(`lang=${lang}&width=${width}`);
      await page.getByRole("button", { name: view, exact: true }).click();
      await page.getByTestId("my-week").waitFor();
      // Per group, the companies in the connector's order.
      for (const reason of ["overdue", "due", "never-contacted"] as const) {
        const expected = week.entries.filter((e) => e.reason === reason).map((e) => String(e.company.id));
        const shown = await page.locator(`[data-testid="week-group-${reason}"] [data-testid="week-entry"]`).evaluateAll((els) => els.map((e) => e.getAttribute("data-company-id")));
        expect(shown).toEqual(expected);
      }
      const overflow = await page.getByTestId("pane-frame").evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await screenshot(page, `my-week-${lang}-${width}`);

      const first = week.entries.find((e) => e.reason === "overdue") ?? week.entries[0]!;
      await page.locator(`[data-testid="week-entry"][data-company-id="${first.company.id}"]`).click();
      const customer = page.getByTestId("week-customer");
      await customer.getByTestId("due-status").waitFor();
      expect(await customer.getByTestId("company-name").textContent()).toBe(first.company.name);
      expect(await customer.getByTestId("person-name").count()).toBe(0);
      expect(await customer.locator("[data-tier]").first().getAttribute("data-tier")).toBe(first.tier);
      await screenshot(page, `my-week-customer-${lang}-${width}`);

      await customer.getByTestId("week-back").click();
      await page.getByTestId("my-week").waitFor();
    });
  }
});

describe("meetings through the preview (Chromium)", () => {
  it("prepares an upcoming meeting with its attendees' companies and offers nothing to log", async () => {
    const { tierC, former } = stack.sandbox.tenant.highlights;
    await openPreview("lang=en&width=450");
    await page.click('button[data-item-id="demo-meeting-next"]');
    const prep = page.getByTestId("meeting-prep");
    await prep.getByTestId("prep-company").nth(1).waitFor();
    const names = await prep.getByTestId("prep-company").allTextContents();
    expect(names[0]).toContain(tierC.company);
    expect(names[1]).toContain(former.company);
    await page.getByTestId("customer-card").waitFor();
    expect(await page.getByTestId("meeting-not-logged").count()).toBe(0);
    expect(await page.getByTestId("outlook-info-bar").count()).toBe(0);
    await screenshot(page, "meeting-prep-en-450");
  });

  it("shows the banner after a past meeting with nothing logged; logging it hides it", async () => {
    const { tierA } = stack.sandbox.tenant.highlights;
    const mailbox = (await (await fetch(`${stack.url}/preview/mailbox.json`)).json()) as MailboxJson;
    const past = mailbox.items.find((i) => i.id === "demo-meeting-past");
    if (!past?.start) throw new Error("the demo mailbox has no past meeting");
    const companyId = (await cardOf(tierA.email)).company.id;
    const before = await sandboxAppointments(stack, companyId);

    await openPreview("lang=sv&width=320");
    await page.click('button[data-item-id="demo-meeting-past"]');
    const banner = page.getByTestId("meeting-not-logged");
    await banner.waitFor();
    expect(await banner.textContent()).toContain(tierA.company);
    // Outlook's own info bar carries it too (the simulated host supports notificationMessages).
    expect(await page.getByTestId("outlook-info-bar").textContent()).toContain(tierA.company);
    const overflow = await page.getByTestId("pane-frame").evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, "meeting-banner-sv-320");

    await banner.getByTestId("log-meeting").click();
    const form = page.getByTestId("activity-form");
    await form.waitFor();
    const date = await page.evaluate((start) => {
      const d = new Date(start);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
    }, past.start);
    expect(await form.getByTestId("activity-date").inputValue()).toBe(date);
    expect(await form.getByTestId("activity-type").inputValue()).toBe("meeting");
    await form.getByTestId("activity-outcome").fill("Genomgång klar");
    await form.getByTestId("follow-up-toggle").click();
    await form.getByTestId("save-activity").click();

    await banner.waitFor({ state: "detached" });
    await page.getByTestId("outlook-info-bar").waitFor({ state: "detached" });
    const added = (await sandboxAppointments(stack, companyId)).filter((a) => !before.some((b) => b.id === a.id));
    expect(added.map((a) => ({ completed: a.completed, day: a.startDate.slice(0, 10) }))).toEqual([{ completed: true, day: date }]);

    // Opening the meeting again: the connector now knows it is logged.
    await openPreview("lang=sv&width=320");
    await page.click('button[data-item-id="demo-meeting-past"]');
    await page.getByTestId("prep-company").first().waitFor();
    await page.getByTestId("customer-card").waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="meeting-prep"] [role="progressbar"]') === null);
    expect(await page.getByTestId("meeting-not-logged").count()).toBe(0);
  });
});
