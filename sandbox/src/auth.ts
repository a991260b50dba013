import { createPublicKey, createVerify, randomBytes } from "node:crypto";
import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import { z } from "zod";
import { SoError } from "./errors";

/**
 * Credentials the tenant accepts (D-SU, D-SUT, SPEC-REST info): SOTicket + SO-AppToken for system users,
 * Bearer tokens, and Onsite-style Basic. System-user sign-in verifies the RSA-SHA256 signed system token
 * against the app's public key and answers with a JWT (signed by the sandbox) carrying the ticket claim.
 */

export const TICKET_CLAIM = "http://schemes.superoffice.net/identity/ticket";
const IDENTITY = "http://schemes.superoffice.net/identity/";

export interface AuthOptions {
  /** The app's client secret: SO-AppToken and ApplicationToken must equal it. */
  appToken?: string;
  /** PEM of the app's public key; system-user sign-in is refused without it. */
  systemUserPublicKeyPem?: string;
  /** The system_token the tenant issued to the app; when set, the signed token must carry it. */
  systemToken?: string;
  ticketTtlSeconds?: number;
  bearerTokens?: string[];
  basic?: { username: string; password: string };
}

/** Defaults for the embedded setup (`npm start`): the connector is given these. */
export const SANDBOX_AUTH_DEFAULTS = {
  appToken: "sandbox-app-token",
  bearerTokens: ["sandbox-bearer-token"],
  ticketTtlSeconds: 6 * 3600,
} as const;

export const AuthenticateRequest = z.object({
  SignedSystemToken: z.string().min(1),
  ApplicationToken: z.string().min(1),
  ContextIdentifier: z.string().min(1),
  ReturnTokenType: z.string().optional(),
});

export interface Principal {
  associateId: number;
  kind: "ticket" | "bearer" | "basic";
}

const unauthorized = (message: string) =>
  new SoError(401, "SoAuthenticationFailedException", message, "SuperOffice.Services.WebApi.Security");

export class TenantAuth {
  private readonly tickets = new Map<string, { expiresAt: number; associateId: number }>();
  private readonly keys: { privateKey: CryptoKey; jwk: JWK; kid: string };

  private constructor(
    private readonly options: AuthOptions & { ticketTtlSeconds: number },
    keys: { privateKey: CryptoKey; jwk: JWK; kid: string },
    private readonly tenant: string,
    private readonly systemAssociateId: number,
  ) {
    this.keys = keys;
  }

  static async create(options: AuthOptions, tenant: string, systemAssociateId: number): Promise<TenantAuth> {
    const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
    const jwk = await exportJWK(publicKey);
    const kid = randomBytes(8).toString("hex");
    return new TenantAuth({ ...options, ticketTtlSeconds: options.ticketTtlSeconds ?? SANDBOX_AUTH_DEFAULTS.ticketTtlSeconds },
      { privateKey, jwk: { ...jwk, kid, use: "sig", alg: "RS256" }, kid }, tenant, systemAssociateId);
  }

  jwks(): { keys: JWK[] } {
    return { keys: [this.keys.jwk] };
  }

  /** POST /Login/api/PartnerSystemUser/Authenticate; failures are answered IsSuccessful=false. */
  async authenticate(body: unknown, issuer: string, webapiUrl: string, nowMs: number): Promise<{ IsSuccessful: boolean; Token: string | null; ErrorMessage: string }> {
    const refuse = (ErrorMessage: string) => ({ IsSuccessful: false, Token: null, ErrorMessage });
    const parsed = AuthenticateRequest.safeParse(body);
    if (!parsed.success) return refuse("SignedSystemToken, ApplicationToken and ContextIdentifier are required");
    const req = parsed.data;
    if (!this.options.appToken || req.ApplicationToken !== this.options.appToken) return refuse("Unknown application token");
    if (req.ContextIdentifier !== this.tenant) return refuse(`Unknown context identifier ${req.ContextIdentifier}`);
    if (!this.options.systemUserPublicKeyPem) return refuse("System user sign-in is not enabled for this application");
    const lastDot = req.SignedSystemToken.lastIndexOf(".");
    const data = req.SignedSystemToken.slice(0, lastDot);
    const signature = req.SignedSystemToken.slice(lastDot + 1);
    const stampDot = data.lastIndexOf(".");
    const systemToken = data.slice(0, stampDot);
    const stamp = data.slice(stampDot + 1);
    if (lastDot < 0 || stampDot < 0 || !/^\d{12}$/.test(stamp)) return refuse("SignedSystemToken is malformed");
    if (this.options.systemToken && systemToken !== this.options.systemToken) return refuse("Unknown system token");
    const signedAt = Date.UTC(+stamp.slice(0, 4), +stamp.slice(4, 6) - 1, +stamp.slice(6, 8), +stamp.slice(8, 10), +stamp.slice(10, 12));
    if (Math.abs(nowMs - signedAt) > 15 * 60_000) return refuse("SignedSystemToken timestamp is too far from the current time");
    let valid = false;
    try {
      valid = createVerify("RSA-SHA256").update(data, "utf8").verify(createPublicKey(this.options.systemUserPublicKeyPem), signature, "base64");
    } catch {
      valid = false;
    }
    if (!valid) return refuse("SignedSystemToken signature is not valid");
    const ticket = `7T:${randomBytes(24).toString("base64")}`;
    const ttl = this.options.ticketTtlSeconds;
    this.tickets.set(ticket, { expiresAt: nowMs + ttl * 1000, associateId: this.systemAssociateId });
    const token = await new SignJWT({
      [TICKET_CLAIM]: ticket,
      [`${IDENTITY}ctx`]: this.tenant,
      [`${IDENTITY}webapi_url`]: `${webapiUrl}/`,
      [`${IDENTITY}netserver_url`]: `${webapiUrl.replace(/\/api$/, "")}/Remote/Services88/`,
      [`${IDENTITY}associateid`]: String(this.systemAssociateId),
      [`${IDENTITY}is_administrator`]: "False",
    })
      .setProtectedHeader({ alg: "RS256", kid: this.keys.kid, typ: "JWT" })
      .setIssuer(issuer)
      .setAudience(`spn:${this.tenant}`)
      .setIssuedAt(Math.floor(nowMs / 1000))
      .setNotBefore(Math.floor(nowMs / 1000) - 60)
      .setExpirationTime(Math.floor(nowMs / 1000) + ttl)
      .sign(this.keys.privateKey);
    return { IsSuccessful: true, Token: token, ErrorMessage: "" };
  }

  /** Checks a tenant API call's credentials; throws a 401 SoError when missing or invalid. */
  check(headers: Record<string, string | string[] | undefined>, nowMs: number, defaultAssociateId: number): Principal {
    const header = (name: string) => {
      const v = headers[name.toLowerCase()];
      return Array.isArray(v) ? v[0] : v;
    };
    const authorization = header("authorization");
    if (!authorization) throw unauthorized("Authorization header missing");
    const space = authorization.indexOf(" ");
    const scheme = (space < 0 ? authorization : authorization.slice(0, space)).toLowerCase();
    const credential = space < 0 ? "" : authorization.slice(space + 1).trim();
    switch (scheme) {
      case "soticket": {
        if (!this.options.appToken || header("so-apptoken") !== this.options.appToken) {
          throw unauthorized("SO-AppToken header missing or not valid for this application");
        }
        const ticket = this.tickets.get(credential);
        if (!ticket) throw unauthorized("Ticket not valid");
        if (ticket.expiresAt <= nowMs) {
          this.tickets.delete(credential);
          throw unauthorized("Ticket has expired");
        }
        return { associateId: ticket.associateId, kind: "ticket" };
      }
      case "bearer": {
        if (!(this.options.bearerTokens ?? []).includes(credential)) throw unauthorized("Bearer token not valid");
        return { associateId: defaultAssociateId, kind: "bearer" };
      }
      case "basic": {
        const basic = this.options.basic;
        const decoded = Buffer.from(credential, "base64").toString("utf8");
        const colon = decoded.indexOf(":");
        if (!basic || colon < 0 || decoded.slice(0, colon) !== basic.username || decoded.slice(colon + 1) !== basic.password) {
          throw unauthorized("Username or password not valid");
        }
        return { associateId: defaultAssociateId, kind: "basic" };
      }
      default:
        throw unauthorized(`Authorization scheme '${scheme}' is not supported`);
    }
  }

  /** Drops every issued ticket (tests use it to simulate a server-side expiry). */
  expireAllTickets(): void {
    this.tickets.clear();
  }
}
