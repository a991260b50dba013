import type { Page } from "playwright-core";
import { launchBrowser, screenshot, type Browser } from "./support/browser";
import { sandboxAppointments } from "./support/sandbox-crm";
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

interface MailboxJson {
  items: Array<{ id: string; itemType: string; from?: { emailAddress: string } }>;
}

async function itemIdFrom(email: string): Promise<string> {
  const mailbox = (await (await fetch(`${stack.url}/preview/mailbox.json`)).json()) as MailboxJson;
  const item = mailbox.items.find((i) => i.itemType === "message" && i.from?.emailAddress === email);
  if (!item) throw new Error(`No demo e-mail from ${email}`);
  return item.id;
}

async function openPreview(query: string) {
  await page.goto(`${stack.url}/preview/?${query}`);
  await page.locator("button[data-item-id]").first().waitFor();
}

async function openCard(email: string) {
  await page.click(`button[data-item-id="${await itemIdFrom(email)}"]`);
  await page.getByTestId("due-status").waitFor();
}

async function cardOf(email: string): Promise<{ company: { id: number } }> {
  const token = await page.evaluate(async (rep) => {
    const r = await fetch("/dev/token", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: rep }) });
    return ((await r.json()) as { access_token: string }).access_token;
  }, stack.sandbox.tenant.reps[0]!.email);
  const card = (await (await fetch(`${stack.url}/api/v1/card?email=${encodeURIComponent(email)}`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
    card: { company: { id: number } };
  };
  return card.card;
}

async function companyIdOf(email: string): Promise<number> {
  return (await cardOf(email)).company.id;
}

/** yyyy-MM-dd `days` from today (UTC): dates a test logs and plans stay as near to "now" as the sandbox's history. */
const dayFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const ACTIVITY_DAY = dayFromToday(-3);

async function logActivity(outcome: string, followUp: string | null, day = ACTIVITY_DAY) {
  await page.getByTestId("log-activity").click();
  await page.getByTestId("activity-date").fill(day);
  await page.getByTestId("activity-outcome").fill(outcome);
  await page.getByTestId("activity-notes").fill(`Notes for ${outcome}`);
  if (followUp) {
    await page.waitForFunction(() => (document.querySelector('[data-testid="follow-up-date"]') as HTMLInputElement | null)?.value !== "");
    await page.getByTestId("follow-up-date").fill(followUp);
  } else {
    await page.getByTestId("follow-up-toggle").click();
  }
  await page.getByTestId("save-activity").click();
}

describe("the pane through the preview (Chromium)", () => {
  for (const lang of ["en", "sv", "nb"] as const) {
    for (const width of [320, 450] as const) {
      it(`renders the card in ${lang} at ${width} px`, async () => {
        await openPreview(`lang=${lang}&width=${width}`);
        await openCard(stack.sandbox.tenant.highlights.tierA.email);
        expect(await page.getByTestId("company-name").textContent()).toBe(stack.sandbox.tenant.highlights.tierA.company);
        // Nothing may stick out of a narrow pane.
        const overflow = await page.getByTestId("pane-frame").evaluate((el) => el.scrollWidth - el.clientWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        // The item and week toggles share one row, the longest label (nb) included.
        const tops = await Promise.all(["tab-item", "tab-week"].map(async (id) => (await page.getByTestId(id).boundingBox())!.y));
        expect(tops[0]).toBe(tops[1]);
        await screenshot(page, `card-${lang}-${width}`);
      });
    }
  }

  it("sets potential and account type in the CRM", async () => {
    const { tierC } = stack.sandbox.tenant.highlights;
    await openPreview("lang=en&width=450");
    await openCard(tierC.email);
    await page.getByTestId("potential-select").selectOption("A");
    await page.getByTestId("account-type-select").selectOption("expand");
    await page.getByTestId("judgement-save").click();
    await page.getByTestId("judgement-saved").waitFor();
    // A fresh look at the same mail reads the values back from the sandbox.
    await openPreview("lang=en&width=450");
    await openCard(tierC.email);
    expect(await page.getByTestId("potential-select").inputValue()).toBe("A");
    expect(await page.getByTestId("account-type-select").inputValue()).toBe("expand");
  });

  it("keeps one planned follow-up after two saves, says where it moved, and the card shows the save", async () => {
    const { tierA } = stack.sandbox.tenant.highlights;
    const { company } = await cardOf(tierA.email);
    const before = await sandboxAppointments(stack, company.id);
    await openPreview("lang=en&width=450");
    await openCard(tierA.email);
    const firstFollowUp = dayFromToday(53);
    await logActivity("Quote requested", firstFollowUp);
    await page.getByTestId("follow-up-outcome").waitFor();
    await screenshot(page, "activity-saved-en-450");
    // The second save, today: it moves the follow-up the first one planned.
    const today = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(new Date());
    const secondFollowUp = dayFromToday(60);
    await logActivity("Quote sent", secondFollowUp, today);
    const longDate = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${secondFollowUp}T00:00:00Z`));
    // Named for the CRM user it is for: the owner, unless the first save moved a follow-up planned for someone else.
    await page.waitForFunction(
      (text) => document.querySelector('[data-testid="follow-up-outcome"]')?.textContent?.startsWith(text) === true,
      `Follow-up moved to ${longDate} (`,
    );
    expect(await page.getByTestId("follow-up-outcome").textContent()).toMatch(/\(.+\)$/);
    await screenshot(page, "follow-up-moved-en-450");
    // The card read again after the save: its last contact is today's activity.
    const shortToday = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${today}T00:00:00Z`));
    await page.waitForFunction((text) => document.querySelector('[data-testid="last-contact"]')?.textContent?.includes(text) === true, shortToday);
    // The due state and the next contact say the moved follow-up's date.
    const shortNext = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${secondFollowUp}T00:00:00Z`));
    await page.waitForFunction((text) => document.querySelector('[data-testid="next-contact"]')?.textContent?.includes(text) === true, shortNext);
    await page.waitForFunction((text) => document.querySelector('[data-testid="due-status"]')?.textContent === text, `Planned ${shortNext}`);

    const after = await sandboxAppointments(stack, company.id);
    const added = after.filter((a) => !before.some((b) => b.id === a.id));
    expect(added.filter((a) => a.completed).map((a) => a.startDate.slice(0, 10)).sort()).toEqual([ACTIVITY_DAY, today].sort());
    const planned = after.filter((a) => !a.completed && a.text.includes("[kundrytm:follow-up:"));
    expect(planned.map((a) => a.startDate.slice(0, 10))).toEqual([secondFollowUp]);
  });

  it("saves exactly once when the connector is down at save time and back later", async () => {
    const { former } = stack.sandbox.tenant.highlights;
    const companyId = await companyIdOf(former.email);
    const before = await sandboxAppointments(stack, companyId);
    await openPreview("lang=sv&width=320");
    await openCard(former.email);
    await stack.stopConnector();
    await logActivity("Saved while down", null);
    const queue = page.getByTestId("outbox");
    await queue.waitFor();
    expect(await queue.textContent()).toContain("1 aktivitet väntar på att sparas");
    await screenshot(page, "queued-sv-320");
    await stack.startConnector();
    // The outbox also retries by itself: when that comes first, there is no button left to press.
    await queue
      .getByRole("button")
      .click({ timeout: 2000 })
      .catch(() => undefined);
    await queue.waitFor({ state: "detached" });
    const added = (await sandboxAppointments(stack, companyId)).filter((a) => !before.some((b) => b.id === a.id));
    expect(added).toHaveLength(1);
    expect(added[0]!.text).toContain("Saved while down");
  });

  it("never shows the previous mail's customer when switching quickly", async () => {
    const { tierA, tierC, former, noTier } = stack.sandbox.tenant.highlights;
    stack.sandbox.setKnobs({ latencyMs: 80 });
    try {
      await openPreview("lang=en&width=450");
      const order = [tierA, tierC, former, noTier, tierC];
      for (const person of order) await page.click(`button[data-item-id="${await itemIdFrom(person.email)}"]`);
      const last = order[order.length - 1]!;
      await page.waitForFunction((name) => document.querySelector('[data-testid="company-name"]')?.textContent === name, last.company);
      // Let every earlier answer arrive; the card must stay on the last selection.
      await page.waitForTimeout(1500);
      expect(await page.getByTestId("company-name").textContent()).toBe(last.company);
      expect(await page.getByTestId("company-name").count()).toBe(1);
    } finally {
      stack.sandbox.setKnobs({ latencyMs: 0 });
    }
  });
});
