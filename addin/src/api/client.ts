import type { z } from "zod";
import { CardResponse } from "../../../shared/api/card";
import { ApiClientError } from "./errors";
import { requestJson, type FetchLike, type JsonRequest } from "./http";
import type { TokenSource } from "./auth";

export interface ApiClientOptions {
  baseUrl: string;
  tokens: TokenSource;
  fetchImpl?: FetchLike;
}

/** The pane's typed client for the connector's /api/v1; every response is parsed with the shared contract. */
export function createApiClient(options: ApiClientOptions) {
  const { baseUrl, tokens } = options;
  const fetchImpl: FetchLike = options.fetchImpl ?? ((input, init) => fetch(input, init));

  /** Authenticated call; a 401 gets one retry with a fresh token (the cached one may have been revoked). */
  async function call<S extends z.ZodType>(schema: S, request: JsonRequest): Promise<z.infer<S>> {
    for (let attempt = 0; ; attempt++) {
      const token = await tokens.getToken();
      try {
        return await requestJson(fetchImpl, baseUrl, schema, {
          ...request,
          headers: { ...request.headers, authorization: `Bearer ${token}` },
        });
      } catch (error) {
        if (error instanceof ApiClientError && error.code === "UNAUTHORIZED" && attempt === 0) {
          tokens.invalidate();
          continue;
        }
        throw error;
      }
    }
  }

  return {
    call,
    getCard(email: string, signal?: AbortSignal): Promise<CardResponse> {
      return call(CardResponse, { path: `/api/v1/card?email=${encodeURIComponent(email)}`, signal });
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
