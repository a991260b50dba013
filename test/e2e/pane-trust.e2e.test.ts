import type { Page } from "playwright-core";
import { launchBrowser, screenshot, type Browser } from "./support/browser";
import { signedInApi, type Card } from "./support/api";
import { sandboxAppointments } from "./support/sandbox-crm";
import { CARD_DEADLINE_MS } from "../../connector/src/http/deadline";
import { startStack, type Stack } from "./support/stack";

/** What a rep must be able to trust in the pane: the customer shown is the selected one, and nothing is written by accident. */

let stack: Stack;
let browser: Browser;
let page: Page;
let cardOf: (email: string) => Promise<Card>;

beforeAll(async () => {
  stack = await startStack();
  browser = await launchBrowser();
  page = await browser.newPage();
  page.setDefaultTimeout(10_000);
  ({ cardOf } = await signedInApi(stack));
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
      expect(await page.locator('[data-testid="shown-from"]:visible').textContent()).toBe(`Mejl: ${(await mailFrom(last.email)).subject}`);
    } finally {
      stack.sandbox.setKnobs({ latencyMs: 0 });
    }
  });
});

describe("nothing is written by accident (Chromium)", () => {
  it("Enter in the outcome field writes nothing; Ctrl+Enter saves once", async () => {
    const { tierC } = stack.sandbox.tenant.highlights;
    const before = await sandboxAppointments(stack, tierC.contactId);
    await openPreview("lang=en&width=320");
    await select(tierC.email);
    await page.getByTestId("due-status").waitFor();
    await page.getByTestId("log-activity").focus();
    await page.keyboard.press("Enter");
    const form = page.getByTestId("activity-form");
    await form.waitFor();
    // Focus starts in the form, not on the page's body.
    expect(await form.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await expectNoSidewaysScroll();
    await screenshot(page, "log-form-en-320");
    await page.getByTestId("activity-outcome").fill("Asked for a quote");
    await page.getByTestId("activity-outcome").press("Enter");
    await page.getByTestId("follow-up-toggle").click();
    expect(await form.isVisible()).toBe(true);
    expect(await sandboxAppointments(stack, tierC.contactId)).toHaveLength(before.length);

    await page.getByTestId("activity-outcome").press("Control+Enter");
    await page.getByTestId("activity-saved").waitFor();
    // Focus comes back to the button the form was opened from.
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("log-activity");
    const added = (await sandboxAppointments(stack, tierC.contactId)).filter((a) => !before.some((b) => b.id === a.id));
    expect(added.map((a) => a.completed)).toEqual([true]);
  });

  it("ArrowDown on Potential alone writes nothing; Save writes the choice", async () => {
    const { noTier } = stack.sandbox.tenant.highlights;
    const before = await cardOf(noTier.email);
    await openPreview("lang=sv&width=320");
    await select(noTier.email);
    const potential = page.getByTestId("potential-select");
    await potential.focus();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Tab");
    const chosen = await potential.inputValue();
    expect(chosen).not.toBe(before.potential ?? "");
    await page.getByTestId("judgement-save").waitFor();
    await expectNoSidewaysScroll();
    await screenshot(page, "judgement-pending-sv-320");
    expect((await cardOf(noTier.email)).potential).toBe(before.potential);

    await page.getByTestId("judgement-save").click();
    await page.getByTestId("judgement-saved").waitFor();
    expect((await cardOf(noTier.email)).potential).toBe(chosen);
    // Shown once: the choice in its list, no second row beside it.
    expect(await page.getByText("Potential", { exact: true }).count()).toBe(1);
  });
});

describe("drafts (Chromium)", () => {
  it("Escape throws a typed draft away with an undo, and a discarded draft is gone from the device", async () => {
    const { former } = stack.sandbox.tenant.highlights;
    await openPreview("lang=nb&width=320");
    await select(former.email);
    await page.getByTestId("log-activity").click();
    await page.getByTestId("activity-notes").fill("Vil ha tilbud");
    await page.getByTestId("activity-notes").press("Escape");
    await page.getByTestId("draft-discarded").waitFor();
    expect(await page.getByTestId("activity-form").count()).toBe(0);
    await expectNoSidewaysScroll();
    await screenshot(page, "draft-discarded-nb-320");
    // The preview's pane keeps its drafts in this page's storage, as Outlook's pane does in its own.
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("kundrytm.draft.")))).toEqual([]);

    await page.getByTestId("undo-discard").click();
    expect(await page.getByTestId("activity-notes").inputValue()).toBe("Vil ha tilbud");
    await page.getByTestId("cancel-activity").click();
    await page.getByTestId("draft-discarded").waitFor();
    await openPreview("lang=nb&width=320");
    await select(former.email);
    await page.getByTestId("log-activity").waitFor();
    expect(await page.getByTestId("activity-form").count()).toBe(0);
  });
});

describe("errors that tell the truth (Chromium)", () => {
  it("with the connector down, the card says Kundrytm cannot be reached, names the sender, and a retry shows the card", async () => {
    const { tierC } = stack.sandbox.tenant.highlights;
    await openPreview("lang=sv&width=320");
    const mail = await mailFrom(tierC.email);
    await stack.stopConnector();
    try {
      await page.click(`button[data-item-id="${mail.id}"]`);
      const alert = page.locator('[role="alert"][data-error-code="NETWORK"]');
      await alert.waitFor();
      expect(await alert.textContent()).toContain(`Kortet för ${tierC.name} (${tierC.email}) kunde inte hämtas.`);
      expect(await alert.textContent()).toContain("Kundrytm går inte att nå");
      await expectNoSidewaysScroll();
      await screenshot(page, "card-unreachable-sv-320");
    } finally {
      await stack.startConnector();
    }
    await page.locator('[role="alert"]').getByRole("button", { name: "Försök igen" }).click();
    await visibleCompany().filter({ hasText: tierC.company }).waitFor();
  });
});

describe("SuperOffice not answering (Chromium)", () => {
  it("a hung sandbox gives the card's 'SuperOffice is not answering' message, naming the sender, within the connector's card bound", async () => {
    const { former } = stack.sandbox.tenant.highlights;
    await openPreview("lang=en&width=320");
    stack.sandbox.setKnobs({ latencyMs: 30_000 });
    try {
      await select(former.email);
      // The connector bounds a card's SuperOffice calls at CARD_DEADLINE_MS (9 s); the wait allows for a busy machine.
      const alert = page.locator('[role="alert"][data-error-code="CRM_TIMEOUT"]');
      await alert.waitFor({ timeout: CARD_DEADLINE_MS + 5_000 });
      expect(await alert.textContent()).toContain(`The card for ${former.name} (${former.email}) could not be loaded.`);
      expect(await alert.textContent()).toContain("SuperOffice is not answering");
      await expectNoSidewaysScroll();
      await screenshot(page, "card-crm-timeout-en-320");
    } finally {
      stack.sandbox.setKnobs({ latencyMs: 0 });
    }
    await page.locator('[role="alert"]').getByRole("button", { name: "Try again" }).click();
    await visibleCompany().filter({ hasText: former.company }).waitFor();
  }, 60_000);
});

describe("every state fits a 320 px pane (Chromium)", () => {
  for (const lang of ["en", "sv", "nb"] as const) {
    it(`the log form with a follow-up, and the confirmation after saving, in ${lang}`, async () => {
      const { nonAscii } = stack.sandbox.tenant.highlights;
      await openPreview(`lang=${lang}&width=320`);
      await select(nonAscii.email);
      await page.getByTestId("log-activity").click();
      await page.getByTestId("activity-outcome").fill("Offert");
      await page.waitForFunction(() => (document.querySelector('[data-testid="follow-up-date"]') as HTMLInputElement | null)?.value !== "");
      await expectNoSidewaysScroll();
      await screenshot(page, `log-form-${lang}-320`);
      await page.getByTestId("save-activity").click();
      await page.getByTestId("activity-saved").waitFor();
      await expectNoSidewaysScroll();
      await screenshot(page, `activity-saved-${lang}-320`);
    });
  }
});
