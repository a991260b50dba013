import Fastify from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { PreviewMailbox } from "../../../../shared/api/preview";
import { buildPreviewMailbox, type PreviewDemo } from "./mailbox";
import { listen } from "../../testing/http";
import { previewRoutes } from "./routes";

const person = (email: string, name: string, company: string) => ({ email, name, company });
const demo: PreviewDemo = {
  tenant: "Cust00001",
  ownerCompany: "Nordvent AB",
  reps: [
    { initials: "AL", fullName: "Anna Lind", email: "anna.lind@nordvent.se" },
    { initials: "PH", fullName: "Per Holm", email: "per.holm@nordvent.se" },
  ],
  highlights: {
    tierA: person("a@alfa.se", "Alma Alfa", "Alfa AB"),
    tierC: person("c@ceta.no", "Cato Ceta", "Ceta AS"),
    former: person("f@forr.se", "Frida Förr", "Förr AB"),
    noTier: person("p@prospekt.se", "Pia Prospekt", "Prospekt AB"),
    apostrophe: person("o'brien@example.com", "Sean O'Brien", "Irish Ltd"),
    nonAscii: person("åsa.öberg@exempel.se", "Åsa Öberg", "Exempel AB"),
    unknownSender: "okand.avsandare@example.org",
  },
};
const now = new Date("2026-11-23T10:00:00Z");

describe("preview mailbox", () => {
  it("has one message per demo highlight, a thread and two meetings, valid against the contract", () => {
    const mailbox = PreviewMailbox.parse(buildPreviewMailbox(demo, now));
    expect(mailbox.tenant).toBe("Nordvent AB");
    expect(mailbox.reps.map((r) => r.email)).toEqual(["anna.lind@nordvent.se", "per.holm@nordvent.se"]);
    const senders = mailbox.items.flatMap((i) => (i.itemType === "message" ? [i.from.emailAddress] : []));
    for (const email of ["a@alfa.se", "c@ceta.no", "f@forr.se", "p@prospekt.se", "o'brien@example.com", "åsa.öberg@exempel.se", "okand.avsandare@example.org", "nils.nystrom@ceta.no"]) {
      expect(senders).toContain(email);
    }
    const ids = mailbox.items.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    const meetings = mailbox.items.filter((i) => i.itemType === "appointment");
    expect(meetings.map((m) => m.itemType === "appointment" && new Date(m.end) < now)).toEqual([true, false]);
    expect(mailbox.items.some((i) => i.itemType === "message" && i.cc.length > 0)).toBe(true);
  });

  it("is served without a token at /preview/mailbox.json", async () => {
    const app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    previewRoutes(app, { demo: async () => demo, now: () => now });
    const client = await listen(app);
    const response = await client.request("GET", "/preview/mailbox.json");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-cache");
    expect(PreviewMailbox.parse(response.json()).items.length).toBe(11);
    await app.close();
  });
});
