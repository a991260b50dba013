import { CustomerKeyIndex } from "../../connector/src/jobs/customer-keys";
import type { CrmCompanySummary } from "../../connector/src/crm/port";
import type { ContactId } from "../../shared/domain/vocabulary";

const company = (id: number, orgNr: string | null, number: string | null, code: string | null = null): CrmCompanySummary => ({
  id: id as ContactId, name: `Company ${id}`, orgNr, number, code, country: "SE", categoryId: null, ownerId: null, customFields: {}, lastCompletedActivity: null, lastPlannedActivity: null,
});

describe("finding an order line's company", () => {
  const index = new CustomerKeyIndex([company(1, "556123-4567", "10001"), company(2, "5569876543", null, "K-2"), company(3, "556000-0001", "10003"), company(4, "556000-0001", "10004")]);

  test("by organisation number, whatever the punctuation", () => {
    expect(index.resolve("orgNr", "5561234567")).toEqual({ ok: true, contactId: 1 });
    expect(index.resolve("orgNr", "556987-6543")).toEqual({ ok: true, contactId: 2 });
  });

  test("by customer number (Number, or Code when Number is empty) and by CRM id", () => {
    expect(index.resolve("customerNumber", "10001")).toEqual({ ok: true, contactId: 1 });
    expect(index.resolve("customerNumber", "K-2")).toEqual({ ok: true, contactId: 2 });
    expect(index.resolve("crmId", "3")).toEqual({ ok: true, contactId: 3 });
  });

  test("unknown and ambiguous keys are refused with a reason, never guessed", () => {
    expect(index.resolve("orgNr", "5560000000")).toEqual({ ok: false, reason: "no company in the CRM has organisation number 5560000000" });
    expect(index.resolve("crmId", "99")).toEqual({ ok: false, reason: "no company in the CRM has id 99" });
    const ambiguous = index.resolve("orgNr", "5560000001");
    expect(ambiguous.ok).toBe(false);
    expect(!ambiguous.ok && ambiguous.reason).toMatch(/^2 companies in the CRM have organisation number 5560000001 \(ids 3, 4\)/);
  });
});
