import { ArchiveResponse, ArchiveStatus, type ArchiveRequest } from "../../../../shared/api/archive";
import type { ApiClient } from "../../api/client";

/** The connector's archive routes, typed from the shared contract. */
export function archiveStatus(api: ApiClient, query: { messageId: string; companyId: number; date: string }, signal?: AbortSignal): Promise<ArchiveStatus> {
  const q = new URLSearchParams({ messageId: query.messageId, companyId: String(query.companyId), date: query.date });
  return api.call(ArchiveStatus, { path: `/api/v1/archive?${q.toString()}`, signal });
}

export function archiveEmail(api: ApiClient, request: ArchiveRequest): Promise<ArchiveResponse> {
  return api.call(ArchiveResponse, { method: "POST", path: "/api/v1/archive", body: request });
}
