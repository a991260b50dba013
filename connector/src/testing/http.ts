import type { FastifyInstance } from "fastify";

/** Tests that want the app over real HTTP (sockets, streaming, closing connections) listen on an ephemeral port. */
export interface TestResponse {
  status: number;
  headers: Headers;
  body: string;
  json<T = unknown>(): T;
}

export interface TestClient {
  origin: string;
  request(method: string, path: string, options?: { headers?: Record<string, string>; json?: unknown; redirect?: RequestRedirect }): Promise<TestResponse>;
}

export async function listen(app: FastifyInstance): Promise<TestClient> {
  const address = await app.listen({ host: "127.0.0.1", port: 0 });
  return {
    origin: address,
    async request(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.json !== undefined) headers["content-type"] = "application/json";
      const res = await fetch(`${address}${path}`, {
        method,
        headers,
        body: options.json === undefined ? undefined : JSON.stringify(options.json),
        redirect: options.redirect ?? "manual",
      });
      const body = await res.text();
      return { status: res.status, headers: res.headers, body, json: <T>() => JSON.parse(body) as T };
    },
  };
}
