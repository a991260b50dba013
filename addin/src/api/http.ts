import type { z } from "zod";
import { ApiClientError, errorFromResponse } from "./errors";
import { contract } from "./loadContracts";

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface JsonRequest {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  body?: unknown;
  /** Sent as is instead of a JSON body (an uploaded file), with its content type. */
  file?: { data: Blob; type: string };
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/**
 * One JSON call: network failures, error bodies and unexpected shapes all become ApiClientError.
 * The schema may still be loading (the contracts chunk): the request does not wait for it.
 */
export async function requestJson<S extends z.ZodType>(
  fetchImpl: FetchLike,
  baseUrl: string,
  schema: S | Promise<S>,
  request: JsonRequest,
): Promise<z.infer<S>> {
  const headers: Record<string, string> = { accept: "application/json", ...request.headers };
  if (request.file) headers["content-type"] = request.file.type;
  else if (request.body !== undefined) headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await fetchImpl(new URL(request.path, baseUrl).toString(), {
      method: request.method ?? "GET",
      headers,
      body: request.file ? request.file.data : request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: request.signal,
      cache: "no-store",
    });
  } catch (error) {
    if (request.signal?.aborted) throw error;
    throw new ApiClientError("NETWORK", error instanceof Error ? error.message : "fetch failed");
  }
  let body: unknown = undefined;
  const text = await response.text().catch(() => "");
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  if (!response.ok) throw errorFromResponse(response.status, body, await contract("ApiError").catch(() => null), response.headers.get("retry-after"));
  const parsed = (await schema).safeParse(body);
  if (!parsed.success) throw new ApiClientError("BAD_RESPONSE", `Unexpected response for ${request.path}`, response.status);
  return parsed.data;
}
