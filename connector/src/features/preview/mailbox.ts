import type { PreviewAddress, PreviewItem, PreviewMailbox } from "../../../../shared/api/preview";

/** A person of the demo tenant the preview's mail comes from. */
export interface DemoSender {
  email: string;
  name: string;
  company: string;
}

/**
 * What the preview needs to know about the demo tenant. The sandbox's describeTenant() returns this
 * shape, so the embedded start passes it straight through; nothing here is tied to the sandbox's code.
 */
export interface PreviewDemo {
  tenant: string;
  ownerCompany: string;
  reps: ReadonlyArray<{ initials: string; fullName: string; email: string }>;
  highlights: {
    tierA: DemoSender;
    tierC: DemoSender;
    former: DemoSender;
    noTier: DemoSender;
    apostrophe: DemoSender;
    nonAscii: DemoSender;
    unknownSender: string;
  };
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;

const addr = (s: DemoSender): PreviewAddress => ({ displayName: s.name, emailAddress: s.email });

/**
 * The simulated inbox for the preview page: one e-mail per demo highlight (each tier, a former customer,
 * a prospect, an unknown sender, tricky addresses), a thread with two customers and two meetings.
 * Times are relative to `now` so the inbox always looks current.
 */
export function buildPreviewMailbox(demo: PreviewDemo, now: Date): PreviewMailbox {
  const h = demo.highlights;
  const at = (offsetMs: number) => new Date(now.getTime() + offsetMs).toISOString();
  let n = 0;
  const message = (from: PreviewAddress, subject: string, body: string, ageMs: number, note: string, cc: PreviewAddress[] = []): PreviewItem => {
    n++;
    return {
      itemType: "message",
      id: `demo-message-${n}`,
      internetMessageId: `<demo-${n}.${demo.tenant.toLowerCase()}@kundrytm.example>`,
      subject,
      from,
      to: [],
      cc,
      receivedAt: at(-ageMs),
      body,
      note,
    };
  };
  const unknown: PreviewAddress = { displayName: "Okänd Avsändare", emailAddress: h.unknownSender };
  const firstRep = demo.reps[0];
  const newColleague: PreviewAddress = { displayName: "Nils Nyström", emailAddress: `nils.nystrom@${h.tierC.email.slice(h.tierC.email.lastIndexOf("@") + 1)}` };

  const items: PreviewItem[] = [
    message(addr(h.tierA), `Förfrågan: reservdelar till ${h.tierA.company}`, "Hej! Kan ni skicka en offert på reservdelar till linje 2?", 20 * 60_000, "Tier A customer"),
    message(addr(h.tierC), "Leveransdatum för vår order", "Hej, när kan vi räkna med leverans?", 2 * HOUR, "Tier C customer"),
    message(addr(h.nonAscii), "Tack för besöket", "Tack för ett bra möte i går.", 5 * HOUR, "Non-ASCII address"),
    message(unknown, "Intresserad av era produkter", "Hej, vi är intresserade av en demonstration.", 7 * HOUR, "Not in the CRM"),
    message(addr(h.former), "Prisförfrågan efter lång tid", "Hej igen! Det var länge sedan vi handlade av er.", DAY + 3 * HOUR, "Former customer"),
    message(addr(h.noTier), "Möjligt samarbete", "Vi skulle vilja veta mer om ert sortiment.", DAY + 6 * HOUR, "Prospect without a tier"),
    message(addr(h.apostrophe), "Quote request", "Hi, could you send us a quote?", 2 * DAY, "Apostrophe in the address"),
    message(addr(h.tierA), `Sv: Gemensamt projekt ${h.tierA.company} / ${h.tierC.company}`, "Vi föreslår ett gemensamt möte.", 2 * DAY + 2 * HOUR, "Thread with two customers", [addr(h.tierC)]),
    // A new colleague at a customer: not in the CRM, but the domain points to the company.
    message(newColleague, "Ny kontaktperson hos oss", "Hej! Jag har tagit över inköpen efter min kollega.", 3 * DAY, "New person at a customer's domain"),
  ];

  const attendees = firstRep ? [{ displayName: firstRep.fullName, emailAddress: firstRep.email }] : [];
  items.push(
    {
      itemType: "appointment",
      id: "demo-meeting-past",
      subject: `Genomgång med ${h.tierA.company}`,
      organizer: addr(h.tierA),
      requiredAttendees: [...attendees, addr(h.tierA)],
      optionalAttendees: [],
      start: at(-DAY - 2 * HOUR),
      end: at(-DAY - HOUR),
      location: h.tierA.company,
      body: "Genomgång av årets beställningar.",
      note: "Meeting that has ended",
    },
    {
      itemType: "appointment",
      id: "demo-meeting-next",
      subject: `Besök hos ${h.tierC.company}`,
      organizer: addr(h.tierC),
      requiredAttendees: [...attendees, addr(h.tierC), addr(h.former)],
      optionalAttendees: [],
      start: at(DAY + 2 * HOUR),
      end: at(DAY + 3 * HOUR),
      location: h.tierC.company,
      body: "Besök och rundtur i fabriken.",
      note: "Upcoming meeting",
    },
  );

  return {
    tenant: demo.ownerCompany,
    reps: demo.reps.map((r) => ({ email: r.email, name: r.fullName, initials: r.initials })),
    items,
  };
}
