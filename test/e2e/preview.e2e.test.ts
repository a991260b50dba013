import type { Page } from "playwright-core";
import { launchBrowser, screenshot, type Browser } from "./support/browser";
import { startStack, type Stack } from "./support/stack";

let stack: Stack;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  stack = await startStack();
  browser = await launchBrowser();
  page = await browser.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** Clicks the inbox item whose sender is `email` (the preview lists the demo tenant's senders). */
async function openMailFrom(email: string) {
  await page.locator("button[data-item-id]").first().waitFor();
  const items = await page.$$eval("button[data-item-id]", (buttons) => buttons.map((b) => ({ id: b.getAttribute("data-item-id"), text: b.textContent })));
  const mailbox = (await (await fetch(`${stack.url}/preview/mailbox.json`)).json()) as {
    items: Array<{ id: string; itemType: string; from?: { emailAddress: string } }>;
  };
  const item = mailbox.items.find((i) => i.itemType === "message" && i.from?.emailAddress === email);
  if (!item || !items.some((i) => i.id === item.id)) throw new Error(`No demo e-mail from ${email} in the preview inbox`);
  await page.click(`button[data-item-id="${item.id}"]`);
}

describe("preview page (Chromium)", () => {
  it("shows the sender's company and tier when a demo e-mail is clicked", async () => {
    const { tierA, tierC } = stack.sandbox.tenant.highlights;
    await page.goto(`${stack.url}/preview/?lang=en&width=450`);
    await openMailFrom(tierA.email);
    const company = page.getByTestId("company-name");
    await company.waitFor();
    expect(await company.textContent()).toBe(tierA.company);
    expect(await page.getByTestId("customer-card").locator("[data-tier]").getAttribute("data-tier")).toBe("A");
    expect(await page.getByTestId("signed-in-as").textContent()).toContain("Signed in as");
    await screenshot(page, "card-tier-a-en-450");

    await openMailFrom(tierC.email);
    await page.waitForFunction((name) => document.querySelector('[data-testid="company-name"]')?.textContent === name, tierC.company);
    expect(await page.getByTestId("customer-card").locator("[data-tier]").getAttribute("data-tier")).toBe("C");
  });

  it("says an unknown sender is not in the CRM", async () => {
    const { unknownSender } = stack.sandbox.tenant.highlights;
    await page.goto(`${stack.url}/preview/?lang=sv&width=320`);
    await openMailFrom(unknownSender);
    const notice = page.getByTestId("not-in-crm");
    await notice.waitFor();
    expect(await notice.textContent()).toContain("Finns inte i CRM");
    expect(await notice.textContent()).toContain(unknownSender);
    await screenshot(page, "not-in-crm-sv-320");
  });
});
