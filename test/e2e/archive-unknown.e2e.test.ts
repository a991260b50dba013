import type { Page } from "playwright-core";
import { launchBrowser, screenshot, type Browser } from "./support/browser";
import { sandboxDocumentsWithRef, sandboxPersonsByEmail } from "./support/sandbox-crm";
import { startStack, type Stack } from "./support/stack";

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  stack = await startStack();
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

interface MailboxJson {
  items: Array<{ id: string; itemType: string; internetMessageId?: string; from?: { emailAddress: string } }>;
}

async function messageFrom(email: string, index = 0) {
  const mailbox = (await (await fetch(`${stack.url}/preview/mailbox.json`)).json()) as MailboxJson;
  const item = mailbox.items.filter((i) => i.itemType === "message" && i.from?.emailAddress === email)[index];
  if (!item?.internetMessageId) throw new Error(`No demo e-mail from ${email}`);
  return { id: item.id, messageId: item.internetMessageId };
}

async function openPane(query: string, itemId: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${stack.url}/preview/?${query}`);
  await page.locator("button[data-item-id]").first().waitFor();
  await page.click(`button[data-item-id="${itemId}"]`);
  return page;
}

const noOverflow = (page: Page) => page.getByTestId("pane-frame").evaluate((el) => el.scrollWidth - el.clientWidth);

describe("archive and unknown senders through the preview (Chromium)", () => {
  it("archives an e-mail clicked in two panes as exactly one document, shown as archived afterwards", async () => {
    const { tierA } = stack.sandbox.tenant.highlights;
    const mail = await messageFrom(tierA.email);
    // Two panes on the same mail (two reps, or Outlook on two devices), both before anything is archived.
    const first = await openPane("lang=en&width=450", mail.id);
    const second = await openPane("lang=sv&width=320", mail.id);
    await first.getByTestId("archive-email").waitFor();
    await second.getByTestId("archive-email").waitFor();
    await screenshot(first, "archive-ready-en-450");

    // Both click at once; the connector writes one document and both panes show it archived.
    await Promise.all([first.getByTestId("archive-email").click(), second.getByTestId("archive-email").click()]);
    await first.getByTestId("archived").waitFor();
    await second.getByTestId("archived").waitFor();
    expect(await first.getByTestId("archived").textContent()).toMatch(/^Archived in SuperOffice on /);
    expect(await second.getByTestId("archived").textContent()).toMatch(/^Arkiverad i SuperOffice /);
    await screenshot(second, "archived-sv-320");
    expect(await noOverflow(second)).toBeLessThanOrEqual(0);

    const docs = await sandboxDocumentsWithRef(stack, tierA.contactId, mail.messageId);
    expect(docs).toHaveLength(1);
    expect(docs[0]!.personId).toBe(tierA.personId);
    // Outlook's own file (getAsFileAsync), as the simulated host hands it over.
    expect(docs[0]!.name).toMatch(/\.eml$/);
    expect(docs[0]!.content).toContain(`Message-ID: ${mail.messageId}`);

    // A pane opened later shows it archived without being asked.
    const later = await openPane("lang=en&width=320", mail.id);
    await later.getByTestId("archived").waitFor();
    expect(await later.getByTestId("archive-email").count()).toBe(0);
    for (const page of [first, second, later]) await page.close();
  });

  it("archives subject, body and metadata where Outlook cannot give the file (Mailbox 1.8)", async () => {
    const { tierC } = stack.sandbox.tenant.highlights;
    const mail = await messageFrom(tierC.email);
    const page = await openPane("lang=en&width=450&mailbox=1.8", mail.id);
    await page.getByTestId("archive-email").click();
    await page.getByTestId("archived").waitFor();
    const docs = await sandboxDocumentsWithRef(stack, tierC.contactId, mail.messageId);
    expect(docs).toHaveLength(1);
    expect(docs[0]!.content).toContain(`Message-ID: ${mail.messageId}`);
    expect(docs[0]!.content).toContain("Content-Type: text/plain; charset=utf-8");
    await page.close();
  });

  it("adds an unknown sender to the company suggested by the domain; the card shows and the person exists in the sandbox", async () => {
    const { tierC } = stack.sandbox.tenant.highlights;
    const email = `nils.nystrom@${tierC.email.slice(tierC.email.lastIndexOf("@") + 1)}`;
    expect(await sandboxPersonsByEmail(stack, email)).toEqual([]);
    const page = await openPane("lang=sv&width=320", (await messageFrom(email)).id);
    await page.getByTestId("not-in-crm").waitFor();
    const suggested = page.getByTestId(`suggested-company-${tierC.contactId}`);
    await suggested.waitFor();
    expect(await page.getByRole("radio", { name: new RegExp(tierC.company) }).isChecked()).toBe(true);
    expect(await page.getByTestId("sender-first-name").inputValue()).toBe("Nils");
    expect(await page.getByTestId("sender-last-name").inputValue()).toBe("Nyström");
    await page.getByTestId("sender-title").fill("Inköpschef");
    await screenshot(page, "unknown-sender-suggested-sv-320");
    expect(await noOverflow(page)).toBeLessThanOrEqual(0);
    await page.getByTestId("add-sender-submit").click();

    await page.getByTestId("customer-card").waitFor();
    expect(await page.getByTestId("person-name").textContent()).toBe("Nils Nyström");
    expect(await page.getByTestId("company-name").textContent()).toBe(tierC.company);
    await screenshot(page, "unknown-sender-added-sv-320");
    const persons = await sandboxPersonsByEmail(stack, email);
    expect(persons).toHaveLength(1);
    expect(persons[0]).toMatchObject({ contactId: tierC.contactId, fullName: "Nils Nyström", title: "Inköpschef" });
    await page.close();
  });

  it("creates company and person for a sender whose domain no company has", async () => {
    const email = stack.sandbox.tenant.highlights.unknownSender;
    const page = await openPane("lang=en&width=450", (await messageFrom(email)).id);
    await page.getByTestId("not-in-crm").waitFor();
    await page.getByText("No company in SuperOffice uses example.org.").waitFor();
    await page.getByTestId("new-company-name").fill("Okänd Kund AB");
    await screenshot(page, "unknown-sender-new-company-en-450");
    await page.getByTestId("add-sender-submit").click();
    await page.getByTestId("customer-card").waitFor();
    expect(await page.getByTestId("company-name").textContent()).toBe("Okänd Kund AB");
    const [person] = await sandboxPersonsByEmail(stack, email);
    expect(person).toMatchObject({ fullName: "Okänd Avsändare" });
    await page.getByTestId("archive-email").waitFor();
    await page.close();
  });
});
