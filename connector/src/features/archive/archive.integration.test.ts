import { ArchiveRequest, ArchiveResponse, ArchiveStatus, MAX_ARCHIVE_BODY, MAX_EML_BASE64 } from "../../../../shared/api/archive";
import { withOwnStore } from "../../../../test/e2e/support/own-store";
import { sandboxCrm, sandboxDocumentsWithRef } from "../../../../test/e2e/support/sandbox-crm";
import { startStack, type Stack } from "../../../../test/e2e/support/stack";
import { CrmDocumentContentError } from "../../crm/port";
import { writeLedger } from "../../store/write-ledger";
import { archiveService } from "./service";
import { signedInApi, type ApiCall, type Card } from "../../../../test/e2e/support/api";

let stack: Stack;
let api: ApiCall;
let cardOf: (email: string) => Promise<Card>;

beforeAll(async () => {
  stack = await startStack({ withAddin: false });
  ({ api, cardOf } = await signedInApi(stack));
}, 60_000);
afterAll(async () => stack?.close());


function request(card: Awaited<ReturnType<typeof cardOf>>, messageId: string, content: unknown) {
  return {
    companyId: card.company.id,
    personId: card.person.id,
    messageId,
    subject: "Förfrågan: reservdelar / linje 2",
    from: { name: card.person.name, email: card.person.email },
    to: [{ name: "Säljare", email: stack.sandbox.tenant.reps[0]!.email }],
    cc: [],
    date: "2026-11-20T09:15:00+01:00",
    content,
  };
}

const statusOf = async (messageId: string, extra = "") =>
  ArchiveStatus.parse((await api("GET", `/api/v1/archive?messageId=${encodeURIComponent(messageId)}${extra}`)).body);

describe("archiving e-mails against the sandbox", () => {
  it("archives a message once, however often it is asked, and says so afterwards", async () => {
    const card = await cardOf(stack.sandbox.tenant.highlights.tierA.email);
    const messageId = "<archive-once.1@kund.example>";
    expect(await statusOf(messageId)).toEqual({ archived: false });
    const eml = "From: a@kund.example\r\nSubject: Test\r\nMessage-ID: <archive-once.1@kund.example>\r\n\r\nHej!";
    const body = request(card, messageId, { kind: "eml", base64: Buffer.from(eml).toString("base64") });

    const first = await api("POST", "/api/v1/archive", body);
    expect(first.status).toBe(200);
    const archived = ArchiveResponse.parse(first.body);
    expect(archived.alreadyArchived).toBe(false);
    expect(archived.archivedAt).not.toBeNull();

    const [second, third] = await Promise.all([api("POST", "/api/v1/archive", body), api("POST", "/api/v1/archive", body)]);
    for (const again of [second, third]) {
      // A concurrent repeat either waits its turn (409) or gets the first document; never a second one.
      if (again.status === 200) expect(ArchiveResponse.parse(again.body)).toMatchObject({ documentId: archived.documentId, alreadyArchived: true });
      else expect(again.status).toBe(409);
    }
    expect(ArchiveResponse.parse((await api("POST", "/api/v1/archive", body)).body)).toMatchObject({ documentId: archived.documentId, alreadyArchived: true });

    const docs = await sandboxDocumentsWithRef(stack, card.company.id, messageId);
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ id: archived.documentId, header: "Förfrågan: reservdelar / linje 2", name: "Förfrågan_ reservdelar _ linje 2.eml", personId: card.person.id });
    expect(docs[0]!.content).toBe(eml);

    const status = await statusOf(messageId);
    expect(status).toEqual({
      archived: true,
      document: { documentId: archived.documentId, companyId: card.company.id, companyName: card.company.name, messageId, archivedAt: archived.archivedAt },
    });
  });

  it("says on which company a message was archived when another company's card asks, and writes no second document", async () => {
    const sender = await cardOf(stack.sandbox.tenant.highlights.tierA.email);
    const copied = await cardOf(stack.sandbox.tenant.highlights.tierC.email);
    expect(copied.company.id).not.toBe(sender.company.id);
    const messageId = "<two-customers.7@kund.example>";
    const first = ArchiveResponse.parse((await api("POST", "/api/v1/archive", request(sender, messageId, { kind: "text", body: "Till A, kopia till B" }))).body);
    expect(first).toMatchObject({ companyId: sender.company.id, companyName: sender.company.name, alreadyArchived: false });

    // The same thread opened on the customer in CC: the status names the first company.
    expect(await statusOf(messageId)).toMatchObject({ archived: true, document: { companyId: sender.company.id, companyName: sender.company.name } });
    const again = ArchiveResponse.parse((await api("POST", "/api/v1/archive", request(copied, messageId, { kind: "text", body: "x" }))).body);
    expect(again).toMatchObject({ documentId: first.documentId, companyId: sender.company.id, companyName: sender.company.name, alreadyArchived: true });
    expect(await sandboxDocumentsWithRef(stack, copied.company.id, messageId)).toEqual([]);
  });

  it("answers simultaneous requests for one message with one document", async () => {
    const card = await cardOf(stack.sandbox.tenant.highlights.apostrophe.email);
    const messageId = "<at-once.5@kund.example>";
    const body = request(card, messageId, { kind: "text", body: "Samtidigt" });
    stack.sandbox.setKnobs({ latencyMs: 40 });
    try {
      const answers = await Promise.all([1, 2, 3].map(() => api("POST", "/api/v1/archive", body)));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      const parsed = answers.map((a) => ArchiveResponse.parse(a.body));
      expect(new Set(parsed.map((p) => p.documentId)).size).toBe(1);
      expect(parsed.filter((p) => !p.alreadyArchived)).toHaveLength(1);
    } finally {
      stack.sandbox.setKnobs({ latencyMs: 0 });
    }
    expect(await sandboxDocumentsWithRef(stack, card.company.id, messageId)).toHaveLength(1);
  });

  it("writes subject, body and metadata as an .eml when Outlook gives no file, and accepts a Message-ID without brackets", async () => {
    const card = await cardOf(stack.sandbox.tenant.highlights.tierC.email);
    const result = await api("POST", "/api/v1/archive", request(card, "plain.2@kund.example", { kind: "text", body: "Hej,\nnär kommer leveransen?" }));
    expect(result.status).toBe(200);
    expect(ArchiveResponse.parse(result.body).messageId).toBe("<plain.2@kund.example>");
    const [doc] = await sandboxDocumentsWithRef(stack, card.company.id, "<plain.2@kund.example>");
    expect(doc!.content).toContain("Subject: =?UTF-8?B?");
    expect(doc!.content).toContain("Message-ID: <plain.2@kund.example>");
    expect(doc!.content).toContain("Date: Fri, 20 Nov 2026 09:15:00 +0100");
    const body = doc!.content.split("\r\n\r\n")[1]!.replace(/\r\n/g, "");
    expect(Buffer.from(body, "base64").toString("utf8")).toBe("Hej,\r\nnär kommer leveransen?");
  });

  it("archives a message without a date or subject as it is: no Date header, no placeholder header, the CRM's own date", async () => {
    const card = await cardOf(stack.sandbox.tenant.highlights.tierC.email);
    const messageId = "<undated.11@kund.example>";
    const result = await api("POST", "/api/v1/archive", { ...request(card, messageId, { kind: "text", body: "Utan datum" }), subject: "", date: null });
    expect(result.status).toBe(200);
    const [doc] = await sandboxDocumentsWithRef(stack, card.company.id, messageId);
    expect(doc!.header).toBe("");
    expect(doc!.name).toBe("e-mail.eml");
    expect(doc!.content).not.toMatch(/^Date:/m);
    expect(doc!.content).toContain(`Message-ID: ${messageId}`);
  });

  it("finds a message the CRM already has from elsewhere and writes nothing", async () => {
    const card = await cardOf(stack.sandbox.tenant.highlights.former.email);
    const messageId = "<elsewhere.3@kund.example>";
    // Archived directly in the CRM (another tool): Kundrytm has no record of it.
    const base = stack.sandbox.webapiUrl;
    const headers = { authorization: `Bearer ${stack.sandbox.credentials.bearerTokens[0]!}`, "content-type": "application/json", accept: "application/json" };
    const created = await fetch(`${base}/v1/Document`, {
      method: "POST",
      headers,
      body: JSON.stringify({ Header: "Elsewhere", Name: "elsewhere.eml", DocumentTemplate: { DocumentTemplateId: 3 }, Contact: { ContactId: card.company.id }, Date: "2026-11-20T09:00:00", ExternalRef: messageId }),
    });
    expect(created.status).toBe(200);
    // Opening the card reads Kundrytm's own record only; the CRM is asked when the rep archives.
    const extra = `&companyId=${card.company.id}&date=${encodeURIComponent("2026-11-20T10:00:00+01:00")}`;
    expect(await statusOf(messageId, extra)).toEqual({ archived: false });
    const result = ArchiveResponse.parse((await api("POST", "/api/v1/archive", request(card, messageId, { kind: "text", body: "x" }))).body);
    expect(result).toMatchObject({ alreadyArchived: true, archivedAt: null, companyId: card.company.id, companyName: card.company.name });
    expect(await sandboxDocumentsWithRef(stack, card.company.id, messageId)).toHaveLength(1);
    expect(await statusOf(messageId)).toMatchObject({ archived: true, document: { documentId: result.documentId, archivedAt: null } });
  });

  it("refuses bad input with a clear error and archives nothing", async () => {
    const card = await cardOf(stack.sandbox.tenant.highlights.noTier.email);
    const cases: [unknown, RegExp][] = [
      [request(card, "not a message id", { kind: "text", body: "x" }), /messageId/],
      [request(card, "<bad-b64.4@kund.example>", { kind: "eml", base64: "%%%" }), /content/],
      [{ ...request(card, "<bad-date.4@kund.example>", { kind: "text", body: "x" }), date: "yesterday" }, /date/],
      [{ ...request(card, "<bad-company.4@kund.example>", { kind: "text", body: "x" }), companyId: -1 }, /companyId/],
    ];
    for (const [body, field] of cases) {
      const result = await api("POST", "/api/v1/archive", body);
      expect(result.status).toBe(400);
      expect((result.body as { error: { code: string; message: string } }).error.code).toBe("BAD_REQUEST");
      expect((result.body as { error: { message: string } }).error.message).toMatch(field);
    }
    const missing = await api("POST", "/api/v1/archive", { ...request(card, "<no-company.4@kund.example>", { kind: "text", body: "x" }), companyId: 99_999_999 });
    expect(missing.status).toBe(404);
    expect(await statusOf("<no-company.4@kund.example>")).toEqual({ archived: false });
    expect(await sandboxDocumentsWithRef(stack, card.company.id, "<bad-b64.4@kund.example>")).toEqual([]);
    expect((await api("GET", "/api/v1/archive?messageId=x")).status).toBe(400);
  });

  it("reads a request with the largest content and the most addresses, and refuses a larger body as TOO_LARGE", async () => {
    const card = await cardOf(stack.sandbox.tenant.highlights.noTier.email);
    // 320 characters of 3 bytes each in UTF-8 for every name, the longest addresses.
    const address = (i: number) => ({ name: `€${i}`.padEnd(320, "€"), email: `${i}@kund.example`.padStart(320, "m") });
    const largest = {
      ...request(card, "<largest.10@kund.example>", { kind: "eml", base64: "A".repeat(MAX_EML_BASE64) }),
      subject: "S".repeat(998),
      to: Array.from({ length: 500 }, (_, i) => address(i)),
      cc: Array.from({ length: 500 }, (_, i) => address(500 + i)),
      // Invalid on purpose: the body is read and validated (400), not cut off at the limit (413).
      companyId: -1,
    };
    const read = await api("POST", "/api/v1/archive", largest);
    expect(read.status).toBe(400);
    expect((read.body as { error: { message: string } }).error.message).toMatch(/companyId/);

    const tooLarge = await api("POST", "/api/v1/archive", { ...largest, content: { kind: "eml", base64: "A".repeat(MAX_ARCHIVE_BODY) } });
    expect(tooLarge.status).toBe(413);
    expect((tooLarge.body as { error: { code: string } }).error.code).toBe("TOO_LARGE");
  });

  it("lets only one of two retries take over a claim left by a request that died", async () => {
    const { reps } = stack.sandbox.tenant;
    const card = await cardOf(stack.sandbox.tenant.highlights.apostrophe.email);
    await withOwnStore(async (db) => {
      const crm = sandboxCrm(stack);
      const service = archiveService({ crm, ledger: writeLedger(db) });
      const identity = { subject: "rep", email: reps[0]!.email, name: null };
      const messageId = "<stale-claim.8@kund.example>";
      // A claim its request left ten minutes ago, as a crash leaves it (it had started the document's write).
      await db.query(
        `insert into write_ledger (kind, key, request_hash, rep_email, state, claim_token, checkpoints, updated_at)
         values ('archive', $1, encode(sha256(convert_to('null', 'UTF8')), 'hex'), $2, 'pending', 'dead', '{"writing":["documentId"]}', now() - interval '10 minutes')`,
        [messageId, reps[0]!.email],
      );
      const parsed = ArchiveRequest.parse(request(card, messageId, { kind: "text", body: "Två försök efter ett avbrott." }));
      stack.sandbox.setKnobs({ latencyMs: 40 });
      const answers = await Promise.all([service.archive(identity, parsed), service.archive(identity, parsed)]).finally(() => stack.sandbox.setKnobs({ latencyMs: 0 }));
      expect(answers.filter((a) => !a.alreadyArchived)).toHaveLength(1);
      expect(new Set(answers.map((a) => a.documentId)).size).toBe(1);
      expect(await sandboxDocumentsWithRef(stack, card.company.id, messageId)).toHaveLength(1);
    });
  });

  it("says when the rep is not a CRM user or the CRM has no e-mail template, and keeps no claim", async () => {
    const { reps } = stack.sandbox.tenant;
    const card = await cardOf(stack.sandbox.tenant.highlights.tierC.email);
    await withOwnStore(async (db) => {
      const crm = sandboxCrm(stack);
      const messageId = "<setup.9@kund.example>";
      const parsed = ArchiveRequest.parse(request(card, messageId, { kind: "text", body: "x" }));
      const stranger = await archiveService({ crm, ledger: writeLedger(db) })
        .archive({ subject: "x", email: "nobody@elsewhere.example", name: null }, parsed)
        .catch((e: unknown) => e);
      expect(stranger).toMatchObject({ statusCode: 403, code: "NOT_CRM_USER" });
      // A tenant without e-mail document templates: an administrator's task, not a conflict.
      const noTemplates = await archiveService({ crm: { ...crm, listDocumentTemplates: async () => [] }, ledger: writeLedger(db) })
        .archive({ subject: "rep", email: reps[0]!.email, name: null }, parsed)
        .catch((e: unknown) => e);
      expect(noTemplates).toMatchObject({ statusCode: 409, code: "CRM_SETUP" });
      expect((await db.query("select * from write_ledger where kind = 'archive' and key = $1", [messageId])).rows).toEqual([]);
      expect(await sandboxDocumentsWithRef(stack, card.company.id, messageId)).toEqual([]);
    });
  });

  it("uploads only the content on the next try when the document was created but its content was not stored", async () => {
    const { reps } = stack.sandbox.tenant;
    const card = await cardOf(stack.sandbox.tenant.highlights.tierA.email);
    await withOwnStore(async (db) => {
      // The sandbox answers 503 to every attempt of the content upload that follows the document's creation.
      const crm = sandboxCrm(
        stack,
        { retry: { baseDelayMs: 1, maxDelayMs: 5 } },
        { observer: { exchange: (e) => { if (e.method === "POST" && e.path === "/v1/Document" && e.status === 200) stack.sandbox.setKnobs({ failNext: 10, retryAfterSeconds: 0 }); } } },
      );
      const service = archiveService({ crm, ledger: writeLedger(db) });
      const identity = { subject: "rep", email: reps[0]!.email, name: null };
      const messageId = "<content-later.6@kund.example>";
      const parsed = ArchiveRequest.parse(request(card, messageId, { kind: "text", body: "Innehållet kommer i andra försöket." }));
      const failed = await service.archive(identity, parsed).catch((e: unknown) => e);
      stack.sandbox.setKnobs({ failNext: 0 });
      expect(failed).toBeInstanceOf(CrmDocumentContentError);
      expect((await service.status({ messageId })).archived).toBe(false);

      const done = await service.archive(identity, parsed);
      expect(done).toMatchObject({ documentId: (failed as CrmDocumentContentError).documentId, alreadyArchived: false });
      const docs = await sandboxDocumentsWithRef(stack, card.company.id, messageId);
      expect(docs).toHaveLength(1);
      expect(docs[0]!.content).toContain(`Message-ID: ${messageId}`);
      expect((await service.status({ messageId })).archived).toBe(true);
    }).finally(() => stack.sandbox.setKnobs({ failNext: 0, retryAfterSeconds: 1 }));
  });
});
