import { parseSuperOfficeConfig, secretsOf } from "./config";

describe("parseSuperOfficeConfig", () => {
  it("fills defaults and trims the trailing slash of webapi_url", () => {
    const config = parseSuperOfficeConfig({ webapiUrl: "https://sod2.superoffice.com/Cust12345/api/", auth: { kind: "bearer", accessToken: "8A:x" } });
    expect(config).toMatchObject({
      webapiUrl: "https://sod2.superoffice.com/Cust12345/api",
      language: "en",
      callsPerSecond: 10,
      timeoutMs: 15_000,
      retry: { maxAttempts: 4, baseDelayMs: 250, maxDelayMs: 10_000, maxRetryAfterMs: 30_000 },
    });
    expect(config.timeZone).toBeUndefined();
  });

  it("names what is wrong and never echoes a secret", () => {
    let message = "";
    try {
      parseSuperOfficeConfig({
        webapiUrl: "not a url",
        auth: { kind: "system-user", authUrl: "https://sod.superoffice.com", contextId: "12345", applicationToken: "top-secret-app", systemToken: "sys", privateKeyPem: "no key here" },
      });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain("webapiUrl");
    expect(message).toContain("auth.contextId");
    expect(message).toContain("auth.privateKeyPem");
    expect(message).not.toContain("top-secret-app");
    expect(message).not.toContain("no key here");
  });

  it("lists every secret of each auth kind for redaction", () => {
    expect(secretsOf({ kind: "basic", username: "tje0", password: "Tje0" })).toEqual(["Tje0", "dGplMDpUamUw"]);
    expect(secretsOf({ kind: "bearer", accessToken: "8A:x" })).toEqual(["8A:x"]);
  });
});
