import type { Page } from "playwright-core";
import { launchBrowser, type Browser } from "./support/browser";
import { startStack, type Stack } from "./support/stack";

/** What a rep must be able to trust in the pane: the customer shown is the selected one, and nothing is written by accident. */

let stack: Stack;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  stack = await startStack();
  browser = await launchBrowser();
  page = await browser.newPage();
  page.setDefaultTimeout(10_000);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

interface MailboxJson {
  items: Array<{ id: string; itemType: string; subject?: string; from?: { emailAddress: string } }>;
}

async function mailFrom(email: string): Promise<{ id: string; subject: string }> {
  const mailbox = (await (await fetch(`${stack.url}/preview/mailbox.json`)).json()) as MailboxJson;
  const item = mailbox.items.find((i) => i.itemType === "message" && i.from?.emailAddress === email);
  if (!item) throw new Error(`No demo e-mail from ${email}`);
  return { id: item.id, subject: item.subject ?? "" };
}

async function openPreview(query: string) {
  await page.goto(`${stack.url}/preview/?${query}`);
  await page.locator("button[data-item-id]").first().waitFor();
}

async function select(email: string) {
  await page.click(`button[data-item-id="${(await mailFrom(email)).id}"]`);
}

/** The company name the rep can see (a hidden view's card does not count). */
const visibleCompany = () => page.locator('[data-testid="company-name"]:visible');

async function expectNoSidewaysScroll() {
  const overflow = await page.getByTestId("pane-frame").evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

describe("never the wrong customer (Chromium)", () => {
  it("a mail selected after opening a customer from My week shows that mail's company", async () => {
    const { tierA, tierC } = stack.sandbox.tenant.highlights;
    await openPreview("lang=en&width=320");
    await select(tierA.email);
    await visibleCompany().filter({ hasText: tierA.company }).waitFor();
    await page.getByTestId("tab-week").click();
    const entry = page.locator(`[data-testid="week-entry"]:not([data-company-id="${tierC.contactId}"])`).first();
    await entry.click();
    await page.getByTestId("week-customer").getByTestId("due-status").waitFor();
    expect(await page.getByTestId("week-customer").getByTestId("shown-from").textContent()).toBe("From My week");

    await select(tierC.email);
    await page.waitForFunction((name) => {
      const shown = [...document.querySelectorAll<HTMLElement>('[data-testid="company-name"]')].filter((el) => el.offsetParent !== null);
      return shown.length === 1 && shown[0]!.textContent === name;
    }, tierC.company, { timeout: 2000 });
    expect(await page.getByTestId("week-customer").count()).toBe(0);
    expect(await page.locator('[data-testid="shown-from"]:visible').textContent()).toBe(`E-mail: ${(await mailFrom(tierC.email)).subject}`);
    await expectNoSidewaysScroll();
  });

  it("five selections 50 ms apart end on the last one", async () => {
    const { tierA, tierC, former, noTier, nonAscii } = stack.sandbox.tenant.highlights;
    stack.sandbox.setKnobs({ latencyMs: 80 });
    try {
      await openPreview("lang=sv&width=320");
      const order = [tierA, tierC, former, noTier, nonAscii];
      for (const person of order) {
        await select(person.email);
        await page.waitForTimeout(50);
      }
      const last = order[order.length - 1]!;
      await visibleCompany().filter({ hasText: last.company }).waitFor();
      // Every earlier answer has come in by the time the network is quiet; the card stays on the last selection.
      await page.waitForLoadState("networkidle");
      expect(await visibleCompany().allTextContents()).toEqual([last.company]);
      expect(await page.locator('[data-testid="shown-from"]:visible').textContent()).toBe(`E-post: ${(await mailFrom(last.email)).subject}`);
    } finally {
      stack.sandbox.setKnobs({ latencyMs: 0 });
    }
  });
});
