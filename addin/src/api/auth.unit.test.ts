import { waitFor } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { memoryStorage } from "../testing/memoryStorage";
import { createTokenSource } from "./auth";

const BASE = "http://connector.test";
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function deferred() {
  let release!: () => void;
  const promise = new Promise<void>((r) => (release = r));
  return { promise, release };
}

describe("client config kept between starts", () => {
  it("signs in on the kept config without waiting for the connector's answer", async () => {
    const configAnswered = deferred();
    const order: string[] = [];
    server.use(
      http.get(`${BASE}/api/v1/client-config`, async () => {
        await configAnswered.promise;
        order.push("config");
        return HttpResponse.json({ auth: "embedded" });
      }),
      http.post(`${BASE}/dev/token`, () => {
        order.push("token");
        return HttpResponse.json({ access_token: "t1", expires_in: 3600 });
      }),
    );
    const storage = memoryStorage({ "kundrytm.client-config.v1": JSON.stringify({ auth: "embedded" }) });
    const tokens = createTokenSource({ fetchImpl: (i, init) => fetch(i, init), baseUrl: BASE, mailboxEmail: "anna@nordvent.se", now: () => 0, configStorage: storage });
    await expect(tokens.getToken()).resolves.toBe("t1");
    configAnswered.release();
    await waitFor(() => expect(order).toEqual(["token", "config"]));
  });

  it("asks the connector first when nothing is kept, and keeps its answer", async () => {
    server.use(
      http.get(`${BASE}/api/v1/client-config`, () => HttpResponse.json({ auth: "embedded" })),
      http.post(`${BASE}/dev/token`, () => HttpResponse.json({ access_token: "t1", expires_in: 3600 })),
    );
    const storage = memoryStorage({ "kundrytm.client-config.v1": "{not json" });
    const tokens = createTokenSource({ fetchImpl: (i, init) => fetch(i, init), baseUrl: BASE, mailboxEmail: "anna@nordvent.se", now: () => 0, configStorage: storage });
    await expect(tokens.getToken()).resolves.toBe("t1");
    expect(JSON.parse(storage.map.get("kundrytm.client-config.v1")!)).toEqual({ auth: "embedded" });
  });

  it("follows a changed setup from the next token on", async () => {
    server.use(
      http.get(`${BASE}/api/v1/client-config`, () => HttpResponse.json({ auth: "entra", clientId: "c", authority: "https://login.example/t", scope: "api://x/Crm.ReadWrite" })),
      http.post(`${BASE}/dev/token`, () => HttpResponse.json({ access_token: "dev", expires_in: 3600 })),
    );
    const storage = memoryStorage({ "kundrytm.client-config.v1": JSON.stringify({ auth: "embedded" }) });
    const entra = jest.fn(() => ({ getToken: async () => "entra-token", invalidate: () => undefined, account: () => ({ username: "anna@nordvent.se", name: null }) }));
    const tokens = createTokenSource({ fetchImpl: (i, init) => fetch(i, init), baseUrl: BASE, mailboxEmail: "anna@nordvent.se", now: () => 0, configStorage: storage, entra });
    await expect(tokens.getToken()).resolves.toBe("dev");
    // The connector's answer, fetched in the background, is kept for the next token.
    await waitFor(() => expect(JSON.parse(storage.map.get("kundrytm.client-config.v1")!)).toMatchObject({ auth: "entra" }));
    await expect(tokens.getToken()).resolves.toBe("entra-token");
    expect(entra).toHaveBeenCalledWith(expect.objectContaining({ auth: "entra", clientId: "c" }));
    expect(JSON.parse(storage.map.get("kundrytm.client-config.v1")!)).toMatchObject({ auth: "entra" });
  });

  it("a kept config from an earlier sign-in mode that fails is replaced by the connector's answer, and sign-in tried once more", async () => {
    const configAnswered = deferred();
    server.use(
      http.get(`${BASE}/api/v1/client-config`, async () => {
        await configAnswered.promise;
        return HttpResponse.json({ auth: "embedded" });
      }),
      http.post(`${BASE}/dev/token`, () => HttpResponse.json({ access_token: "dev", expires_in: 3600 })),
    );
    const storage = memoryStorage({
      "kundrytm.client-config.v1": JSON.stringify({ auth: "entra", clientId: "c", authority: "https://login.example/t", scope: "api://x/Crm.ReadWrite" }),
    });
    const entra = jest.fn(() => ({
      getToken: async () => {
        // Entra ID answers before the connector does: this app registration is gone.
        setTimeout(() => configAnswered.release(), 0);
        throw new Error("AADSTS700016: application not found");
      },
      invalidate: () => undefined,
      account: () => null,
    }));
    const tokens = createTokenSource({ fetchImpl: (i, init) => fetch(i, init), baseUrl: BASE, mailboxEmail: "anna@nordvent.se", now: () => 0, configStorage: storage, entra });
    await expect(tokens.getToken()).resolves.toBe("dev");
    expect(entra).toHaveBeenCalledTimes(1);
    expect(JSON.parse(storage.map.get("kundrytm.client-config.v1")!)).toEqual({ auth: "embedded" });
  });

  it("a failure on a kept config the connector still confirms is reported, not retried", async () => {
    let tokenCalls = 0;
    server.use(
      http.get(`${BASE}/api/v1/client-config`, () => HttpResponse.json({ auth: "embedded" })),
      http.post(`${BASE}/dev/token`, () => {
        tokenCalls++;
        return HttpResponse.json({ error: { code: "UNAUTHORIZED", message: "unknown mailbox" } }, { status: 401 });
      }),
    );
    const storage = memoryStorage({ "kundrytm.client-config.v1": JSON.stringify({ auth: "embedded" }) });
    const tokens = createTokenSource({ fetchImpl: (i, init) => fetch(i, init), baseUrl: BASE, mailboxEmail: "anna@nordvent.se", now: () => 0, configStorage: storage });
    await expect(tokens.getToken()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(tokenCalls).toBe(1);
  });
});

describe("storage that refuses", () => {
  it("signs in when the browser's storage is full or blocked", async () => {
    server.use(
      http.get(`${BASE}/api/v1/client-config`, () => HttpResponse.json({ auth: "embedded" })),
      http.post(`${BASE}/dev/token`, () => HttpResponse.json({ access_token: "t1", expires_in: 3600 })),
    );
    const refusing = {
      getItem: () => {
        throw new DOMException("The operation is insecure.", "SecurityError");
      },
      setItem: () => {
        throw new DOMException("Quota exceeded", "QuotaExceededError");
      },
    };
    const tokens = createTokenSource({ fetchImpl: (i, init) => fetch(i, init), baseUrl: BASE, mailboxEmail: "anna@nordvent.se", now: () => 0, configStorage: refusing });
    await expect(tokens.getToken()).resolves.toBe("t1");
  });
});
