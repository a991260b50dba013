import { NewPersonResponse, SuggestResponse, type NewPersonRequest } from "../../../../shared/api/unknown-sender";
import type { ApiClient } from "../../api/client";

/** The connector's unknown-sender routes, typed from the shared contract. */
export function suggestCompanies(api: ApiClient, email: string, signal?: AbortSignal): Promise<SuggestResponse> {
  return api.call(SuggestResponse, { path: `/api/v1/companies/suggest?email=${encodeURIComponent(email)}`, signal });
}

export async function addPerson(api: ApiClient, request: NewPersonRequest): Promise<NewPersonResponse> {
  const added = await api.call(NewPersonResponse, { method: "POST", path: "/api/v1/persons", body: request });
  api.wrote(added.companyId);
  return added;
}
