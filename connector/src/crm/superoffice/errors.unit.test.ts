import { CrmError } from "../port";
import { isRetryable, redact, toCrmError } from "./errors";

const so = (ErrorType: string, ErrorMessage: string) => ({ Error: true, ErrorType, ErrorMessage, ErrorSource: "SuperOffice.Services.Implementation" });

describe("toCrmError", () => {
  it.each([
    [400, "CRM_BAD_REQUEST"],
    [401, "CRM_UNAUTHORIZED"],
    [403, "CRM_FORBIDDEN"],
    [404, "CRM_NOT_FOUND"],
    [409, "CRM_CONFLICT"],
    [412, "CRM_CONFLICT"],
    [421, "CRM_UNKNOWN"],
    [429, "CRM_TEMPORARY"],
    [500, "CRM_UNKNOWN"],
    [502, "CRM_TEMPORARY"],
    [503, "CRM_TEMPORARY"],
    [504, "CRM_TEMPORARY"],
  ] as const)("maps HTTP %i to %s", (status, code) => {
    const error = toCrmError({ kind: "http", status, body: null }, "read contact");
    expect(error).toBeInstanceOf(CrmError);
    expect(error.code).toBe(code);
    expect(error.detail?.status).toBe(status);
  });

  it("keeps SuperOffice's error text for logs and lets ErrorType refine a 500", () => {
    const error = toCrmError({ kind: "http", status: 500, body: so("SoNotFoundException", "Contact id 99999 not found") }, "read contact");
    expect(error.code).toBe("CRM_NOT_FOUND");
    expect(error.detail).toEqual({ status: 500, crmType: "SoNotFoundException", crmMessage: "Contact id 99999 not found" });
    expect(error.message).toContain("read contact");
    expect(error.message).not.toContain("99999");
  });

  it("does not let ErrorType override a clear status", () => {
    expect(toCrmError({ kind: "http", status: 503, body: so("SoNotFoundException", "x") }, "x").code).toBe("CRM_TEMPORARY");
  });

  it("mentions the sub-domain on 421", () => {
    expect(toCrmError({ kind: "http", status: 421, body: "Wrong subdomain used to access tenant" }, "x").message).toContain("webapi_url");
  });

  it("maps network timeouts to CRM_TIMEOUT, resets to CRM_TEMPORARY and unknown network failures to CRM_UNKNOWN", () => {
    expect(toCrmError({ kind: "network", code: "ETIMEDOUT", message: "timeout" }, "x").code).toBe("CRM_TIMEOUT");
    expect(toCrmError({ kind: "network", code: "ECONNABORTED", message: "timeout of 100ms exceeded" }, "x").code).toBe("CRM_TIMEOUT");
    expect(toCrmError({ kind: "network", code: "ECONNRESET", message: "socket hang up" }, "x").code).toBe("CRM_TEMPORARY");
    expect(toCrmError({ kind: "network", code: "ERR_TLS_CERT_ALTNAME_INVALID", message: "cert" }, "x").code).toBe("CRM_UNKNOWN");
    expect(toCrmError({ kind: "invalid-response", message: "value: expected array" }, "x").code).toBe("CRM_UNKNOWN");
  });

  it("redacts secrets from the kept text", () => {
    const error = toCrmError({ kind: "http", status: 400, body: so("SoException", "bad ticket 7T:secret-ticket-1234") }, "x", ["7T:secret-ticket-1234"]);
    expect(error.detail?.crmMessage).toBe("bad ticket [redacted]");
    expect(redact("a s3cr3t b s3cr3t", ["s3cr3t"])).toBe("a [redacted] b [redacted]");
  });
});

describe("isRetryable", () => {
  it("retries throttling, gateway trouble and timeouts only", () => {
    for (const status of [429, 502, 503, 504]) expect(isRetryable({ kind: "http", status, body: null })).toBe(true);
    for (const status of [400, 401, 403, 404, 409, 412, 421, 500]) expect(isRetryable({ kind: "http", status, body: null })).toBe(false);
    expect(isRetryable({ kind: "network", code: "ECONNRESET", message: "" })).toBe(true);
    expect(isRetryable({ kind: "network", code: null, message: "" })).toBe(false);
    expect(isRetryable({ kind: "invalid-response", message: "" })).toBe(false);
  });
});
