import { ArchiveResponse, ArchiveStatus, type ArchiveRequest } from "../../../../shared/api/archive";
import type { ApiClient } from "../../api/client";

/** The connector's archive routes, typed from the shared contract. */
export function archiveStatus(api: ApiClient, messageId: string, signal?: AbortSignal): Promise<ArchiveStatus> {
  return api.call(ArchiveStatus, { path: `/api/v1/archive?${new URLSearchParams({ messageId }).toString()}`, signal });
}

export async function archiveEmail(api: ApiClient, request: ArchiveRequest): Promise<ArchiveResponse> {
  const archived = await api.call(ArchiveResponse, { method: "POST", path: "/api/v1/archive", body: request });
  api.wrote(archived.companyId);
  return archived;
}
