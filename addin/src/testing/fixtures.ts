import type { Rhythm } from "../../../shared/api/activity";
import type { Card } from "../../../shared/api/card";
import type { PreviewItem, PreviewRep } from "../../../shared/api/preview";

export const REP: PreviewRep = { email: "anna.lind@nordvent.se", name: "Anna Lind", initials: "AL" };

export function cardFor(email: string, overrides: Partial<Card> = {}): Card {
  return {
    person: { id: 11, name: "Kari Nordmann", email, title: "Innkjøpssjef" },
    company: { id: 7, name: "Fjordstål AS", orgNr: "912 345 678", country: "NO" },
    tier: { status: "A", label: "A", explanation: null, move: null },
    potential: null,
    accountType: null,
    owner: { id: 3, name: "Anna Lind", initials: "AL", email: REP.email },
    lastContact: { id: 100, date: "2026-10-30T09:00:00", type: "Meeting", text: "Visit", completed: true },
    nextContact: { id: 101, date: "2026-12-02T10:00:00", type: "Phone call", text: "Follow-up", completed: false },
    ...overrides,
  };
}

export function message(id: string, from: { displayName: string; emailAddress: string }): PreviewItem {
  return {
    itemType: "message",
    id,
    internetMessageId: `<${id}@example.test>`,
    subject: `Subject ${id}`,
    from,
    to: [],
    cc: [],
    receivedAt: "2026-11-20T08:30:00+01:00",
    body: "Hello",
  };
}

export function rhythmFor(companyId: number, overrides: Partial<Rhythm> = {}): Rhythm {
  return {
    companyId,
    tier: "A",
    potential: null,
    accountType: null,
    personalWeeks: 4,
    digitalWeeks: 2,
    lastContact: "2026-10-30",
    nextPlanned: null,
    dueDate: "2026-11-27",
    due: { kind: "due-this-week", dueDate: "2026-11-27" },
    ...overrides,
  };
}
