import { buildPlainEml, emlFileName, encodeHeaderText, rfc5322Date } from "./eml";

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString("utf8");

describe("the .eml written when Outlook gives only subject, body and metadata", () => {
  it("has the headers of an e-mail and the body in base64", () => {
    const eml = text(
      buildPlainEml({
        messageId: "<abc.1@kund.example>",
        subject: "Offert: ventiler",
        from: { name: "Kari Nordmann", email: "kari@fjordstal.no" },
        to: [{ name: "Anna Lind", email: "anna@nordvent.se" }, { name: "", email: "sales@nordvent.se" }],
        cc: [{ name: "Åsa Öberg", email: "asa@exempel.se" }],
        date: "2026-11-20T09:15:00+01:00",
        body: "Hei!\nKan dere sende et tilbud?",
      }),
    );
    const [head, body] = eml.split("\r\n\r\n") as [string, string];
    expect(head.split("\r\n")).toEqual([
      'From: "Kari Nordmann" <kari@fjordstal.no>',
      'To: "Anna Lind" <anna@nordvent.se>, <sales@nordvent.se>',
      `Cc: =?UTF-8?B?${Buffer.from("Åsa Öberg").toString("base64")}?= <asa@exempel.se>`,
      "Subject: Offert: ventiler",
      "Date: Fri, 20 Nov 2026 09:15:00 +0100",
      "Message-ID: <abc.1@kund.example>",
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: base64",
    ]);
    expect(Buffer.from(body.replace(/\r\n/g, ""), "base64").toString("utf8")).toBe("Hei!\r\nKan dere sende et tilbud?");
    expect(body.split("\r\n").every((line) => line.length <= 76)).toBe(true);
  });

  it("never lets a line break in a name or subject start a header of its own", () => {
    const eml = text(
      buildPlainEml({
        messageId: "<x@y>",
        subject: "Hello\r\nBcc: victim@example.com",
        from: { name: 'Eve "the" \n Sender', email: "eve@example.com" },
        to: [],
        cc: [],
        date: "2026-11-20T09:15:00Z",
        body: "",
      }),
    );
    const headers = eml.split("\r\n\r\n")[0]!.split("\r\n");
    expect(headers.some((h) => h.startsWith("Bcc:"))).toBe(false);
    expect(headers).toContain('From: "Eve \\"the\\" Sender" <eve@example.com>');
    expect(headers).toContain("Subject: Hello Bcc: victim@example.com");
    expect(headers.some((h) => h.startsWith("To:"))).toBe(false);
  });

  it("writes dates in the offset they were given and encodes non-ASCII header text", () => {
    expect(rfc5322Date("2026-01-04T23:30:00-05:00")).toBe("Sun, 04 Jan 2026 23:30:00 -0500");
    expect(rfc5322Date("2026-11-20T08:15:00.000Z")).toBe("Fri, 20 Nov 2026 08:15:00 +0000");
    expect(encodeHeaderText("Plain")).toBe("Plain");
    expect(encodeHeaderText("Förfrågan")).toBe(`=?UTF-8?B?${Buffer.from("Förfrågan").toString("base64")}?=`);
  });

  it("names the file after the subject, safely", () => {
    expect(emlFileName("Re: Offert 12/2026 <brådskande>")).toBe("Re_ Offert 12_2026 _brådskande_.eml");
    expect(emlFileName("  ")).toBe("e-mail.eml");
    expect(emlFileName("...")).toBe("e-mail.eml");
    expect(emlFileName("x".repeat(300))).toBe(`${"x".repeat(100)}.eml`);
  });
});
