import axios, { type AxiosAdapter, type AxiosInstance, type InternalAxiosRequestConfig } from "axios";

/** One request as an in-process adapter sees it: full URL (query included), headers and parsed body. */
export interface SeenRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: unknown;
}

export type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | { networkError: string };

/**
 * An axios instance whose adapter answers in-process: for unit tests of the pipeline and operations
 * (the behaviour tests use the real sandbox over HTTP).
 */
export function scriptedAxios(answer: (req: SeenRequest) => Reply | Promise<Reply>): { axios: AxiosInstance; seen: SeenRequest[] } {
  const seen: SeenRequest[] = [];
  const adapter: AxiosAdapter = async (config: InternalAxiosRequestConfig) => {
    const url = new URL(axios.getUri(config));
    const headers = Object.fromEntries(Object.entries(config.headers.toJSON()).map(([k, v]) => [k, String(v)]));
    let body: unknown = config.data;
    if (typeof body === "string" && body !== "") body = JSON.parse(body);
    const req: SeenRequest = { method: (config.method ?? "get").toUpperCase(), url, headers, body };
    seen.push(req);
    const reply = await answer(req);
    if ("networkError" in reply) {
      throw Object.assign(new Error(`network: ${reply.networkError}`), { code: reply.networkError, config, isAxiosError: true });
    }
    return { status: reply.status, statusText: String(reply.status), headers: reply.headers ?? {}, config, data: reply.body ?? "" };
  };
  return { axios: axios.create({ adapter }), seen };
}

/** A clock whose sleeps return at once and are recorded; time advances by the slept amount. */
export function instantClock() {
  const sleeps: number[] = [];
  let t = Date.parse("2026-11-23T10:00:00Z");
  return {
    sleeps,
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
  };
}
