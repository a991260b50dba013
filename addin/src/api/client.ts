import type { z } from "zod";
import type {
  JudgementRequest,
  JudgementResponse,
  LogActivityRequest,
  LogActivityResponse,
  NextStepProposal,
  Rhythm,
} from "../../../shared/api/activity";
import type { CardResponse, CompanyCardResponse } from "../../../shared/api/card";
import type { LoggedResponse } from "../../../shared/api/meetings";
import type { MyWeekResponse } from "../../../shared/api/my-week";
import { ApiClientError } from "./errors";
import { requestJson, type FetchLike, type JsonRequest } from "./http";
import { contract } from "./loadContracts";
import type { TokenSource } from "./auth";

export interface ApiClientOptions {
  baseUrl: string;
  tokens: TokenSource;
  fetchImpl?: FetchLike;
  /** The pane's language, sent as Accept-Language: the connector says the tier's explanation in it. */
  language?: string;
}

/**
 * The pane's typed client for the connector's /api/v1; every response is parsed with the shared
 * contract (its schemas come in their own chunk, loaded while the request is under way).
 */
export function createApiClient(options: ApiClientOptions) {
  const { baseUrl, tokens } = options;
  const fetchImpl: FetchLike = options.fetchImpl ?? ((input, init) => fetch(input, init));

  /** Authenticated call; a 401 gets one retry with a fresh token (the cached one may have been revoked). */
  async function call<S extends z.ZodType>(schema: S | Promise<S>, request: JsonRequest): Promise<z.infer<S>> {
    for (let attempt = 0; ; attempt++) {
      const token = await tokens.getToken();
      try {
        return await requestJson(fetchImpl, baseUrl, schema, {
          ...request,
          headers: { ...(options.language ? { "accept-language": options.language } : {}), ...request.headers, authorization: `Bearer ${token}` },
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

  const writeListeners = new Set<(companyId: number) => void>();
  /** After a write that changes what the company's card shows: its card and rhythm are read again. */
  const wrote = (companyId: number) => writeListeners.forEach((listener) => listener(companyId));
  const writing = async <T,>(companyId: number, write: Promise<T>): Promise<T> => {
    const result = await write;
    wrote(companyId);
    return result;
  };

  return {
    call,
    wrote,
    /** Calls `listener` with the company of every write the pane made through this client; returns the unsubscribe. */
    onWrite(listener: (companyId: number) => void): () => void {
      writeListeners.add(listener);
      return () => {
        writeListeners.delete(listener);
      };
    },
    getCard(email: string, signal?: AbortSignal): Promise<CardResponse> {
      return call(contract("CardResponse"), { path: `/api/v1/card?email=${encodeURIComponent(email)}`, signal });
    },
    getRhythm(companyId: number, signal?: AbortSignal): Promise<Rhythm> {
      return call(contract("Rhythm"), { path: `/api/v1/companies/${companyId}/rhythm`, signal });
    },
    judge(companyId: number, judgement: JudgementRequest): Promise<JudgementResponse> {
      return writing(companyId, call(contract("JudgementResponse"), { method: "PUT", path: `/api/v1/companies/${companyId}/judgement`, body: judgement }));
    },
    proposeNextStep(companyId: number, after: string, signal?: AbortSignal): Promise<NextStepProposal> {
      return call(contract("NextStepProposal"), { path: `/api/v1/companies/${companyId}/next-step?after=${encodeURIComponent(after)}`, signal });
    },
    logActivity(request: LogActivityRequest): Promise<LogActivityResponse> {
      return writing(request.companyId, call(contract("LogActivityResponse"), { method: "POST", path: "/api/v1/activities", body: request }));
    },
    getCompanyCard(companyId: number, signal?: AbortSignal): Promise<CompanyCardResponse> {
      return call(contract("CompanyCardResponse"), { path: `/api/v1/companies/${companyId}/card`, signal });
    },
    getMyWeek(signal?: AbortSignal): Promise<MyWeekResponse> {
      return call(contract("MyWeekResponse"), { path: "/api/v1/my-week", signal });
    },
    /** Whether a completed activity exists for the company on `date` (yyyy-MM-dd). */
    getLogged(companyId: number, date: string, signal?: AbortSignal): Promise<LoggedResponse> {
      return call(contract("LoggedResponse"), { path: `/api/v1/companies/${companyId}/logged?date=${encodeURIComponent(date)}`, signal });
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
