import type { Queryable } from "./db";

/** The tenant's current webapi_url after a move, keyed by the configured one (the first guess). */
export function crmEndpointRepository(db: Queryable, configuredUrl: string) {
  return {
    async load(): Promise<string | null> {
      const { rows } = await db.query<{ webapi_url: string }>("select webapi_url from crm_endpoint where configured_url = $1", [configuredUrl]);
      return rows[0]?.webapi_url ?? null;
    },
    async save(webapiUrl: string): Promise<void> {
      await db.query(
        "insert into crm_endpoint (configured_url, webapi_url, moved_at) values ($1, $2, now()) on conflict (configured_url) do update set webapi_url = excluded.webapi_url, moved_at = now()",
        [configuredUrl, webapiUrl],
      );
    },
  };
}
