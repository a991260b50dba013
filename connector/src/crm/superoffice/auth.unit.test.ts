import { createVerify, generateKeyPairSync } from "node:crypto";
import axios, { type AxiosAdapter } from "axios";
import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair } from "jose";
import { CrmError } from "../port";
import { SystemUserAuthenticator, TICKET_CLAIM, createAuthenticator, signSystemToken } from "./auth";

const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
const privateKeyPem = rsa.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const publicKeyPem = rsa.publicKey.export({ type: "spki", format: "pem" }).toString();

describe("signSystemToken", () => {
  it("appends the UTC minute and an RSA-SHA256 signature of both", () => {
    const signed = signSystemToken("sys-token", privateKeyPem, new Date("2026-11-23T09:05:59Z"));
    const [token, stamp, signature] = signed.split(".");
    expect(token).toBe("sys-token");
    expect(stamp).toBe("202611230905");
    expect(createVerify("RSA-SHA256").update("sys-token.202611230905").verify(publicKeyPem, signature!, "base64")).toBe(true);
  });
});

describe("SystemUserAuthenticator", () => {
  const authUrl = "https://sod.superoffice.com";
  const now = () => new Date();

  async function setup(options: { issuer?: string; failFirst?: boolean } = {}) {
    const { publicKey, privateKey } = await generateKeyPair("RS256");
    const jwk = { ...(await exportJWK(publicKey)), kid: "k1", alg: "RS256" };
    const jwks = createLocalJWKSet({ keys: [jwk] });
    const bodies: Record<string, unknown>[] = [];
    let issued = 0;
    const adapter: AxiosAdapter = async (config) => {
      bodies.push(JSON.parse(String(config.data)) as Record<string, unknown>);
      issued += 1;
      if (options.failFirst && issued === 1) {
        return { status: 200, statusText: "OK", headers: {}, config, data: { IsSuccessful: false, Token: null, ErrorMessage: "Signature expired" } };
      }
      const token = await new SignJWT({ [TICKET_CLAIM]: `7T:ticket-${issued}` })
        .setProtectedHeader({ alg: "RS256", kid: "k1" })
        .setIssuer(options.issuer ?? authUrl)
        .setIssuedAt()
        .setExpirationTime("1h")
        .sign(privateKey);
      return { status: 200, statusText: "OK", headers: {}, config, data: { IsSuccessful: true, Token: token, ErrorMessage: "" } };
    };
    const auth = new SystemUserAuthenticator(
      { kind: "system-user", authUrl, contextId: "Cust12345", applicationToken: "app-secret", systemToken: "sys-token", privateKeyPem },
      { http: axios.create({ adapter }), now, jwks, timeoutMs: 1000 },
    );
    return { auth, bodies };
  }

  it("exchanges the signed token once for concurrent callers and sends SOTicket + SO-AppToken", async () => {
    const { auth, bodies } = await setup();
    const headers = await Promise.all(Array.from({ length: 20 }, () => auth.headers()));
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toMatchObject({ ApplicationToken: "app-secret", ContextIdentifier: "Cust12345", ReturnTokenType: "JWT" });
    expect(String(bodies[0]!.SignedSystemToken)).toMatch(/^sys-token\.\d{12}\./);
    for (const h of headers) expect(h).toEqual({ Authorization: "SOTicket 7T:ticket-1", "SO-AppToken": "app-secret" });
  });

  it("renews once when many callers report the same stale ticket", async () => {
    const { auth, bodies } = await setup();
    const stale = await auth.headers();
    const renewed = await Promise.all(Array.from({ length: 10 }, () => auth.renewAfterUnauthorized(stale)));
    expect(renewed.every(Boolean)).toBe(true);
    expect(bodies).toHaveLength(2);
    expect((await auth.headers()).Authorization).toBe("SOTicket 7T:ticket-2");
  });

  it("refuses a JWT from another issuer", async () => {
    const { auth } = await setup({ issuer: "https://evil.example.com" });
    await expect(auth.headers()).rejects.toMatchObject({ code: "CRM_UNAUTHORIZED" });
  });

  it("reports a refused sign-in without caching it", async () => {
    const { auth, bodies } = await setup({ failFirst: true });
    const error = await auth.headers().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmError);
    expect((error as CrmError).detail?.crmMessage).toBe("Signature expired");
    expect((await auth.headers()).Authorization).toBe("SOTicket 7T:ticket-2");
    expect(bodies).toHaveLength(2);
  });
});

describe("static credentials", () => {
  const deps = { http: axios.create(), now: () => new Date(), timeoutMs: 1000 };
  it("sends Bearer (with SO-AppToken when given) and Basic, and never renews", async () => {
    const bearer = createAuthenticator({ kind: "bearer", accessToken: "8A:Cust1.abc", applicationToken: "app" }, deps);
    expect(await bearer.headers()).toEqual({ Authorization: "Bearer 8A:Cust1.abc", "SO-AppToken": "app" });
    expect(await bearer.renewAfterUnauthorized({})).toBe(false);
    const basic = createAuthenticator({ kind: "basic", username: "tje0", password: "Tje0" }, deps);
    expect(await basic.headers()).toEqual({ Authorization: "Basic dGplMDpUamUw" });
  });
});
