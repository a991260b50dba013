/**
 * OData query building for SuperOffice archive endpoints (GET /v1/Person, /v1/Appointment, …).
 * Every literal placed in a $filter goes through `odataString`.
 */

/** A string literal for $filter: quoted, apostrophes doubled, everything else (unicode included) kept. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A date or date-time literal for $filter, e.g. '2026-11-23' or '2026-11-23T15:00:00'. */
export function odataDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$/.test(value)) {
    throw new Error(`Not an ISO date or local date-time: ${value}`);
  }
  return `'${value}'`;
}

/** An integer literal; refuses anything that is not a safe integer so ids never smuggle text in. */
export function odataInt(value: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`Not an integer: ${value}`);
  return String(value);
}

/** E-mail addresses are compared lower-cased (SuperOffice's own case sensitivity is unconfirmed). */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export interface ODataQuery {
  select: readonly string[];
  filter?: string;
  orderBy?: string;
  entities?: readonly string[];
  top?: number;
  skip?: number;
  /** "Full" returns each cell as {DisplayValue, RawValue, …} (list columns then carry their ids). */
  mode?: "Full";
}

/** The query-string parameters SuperOffice's archive endpoints take, named as SuperOffice names them. */
export function odataParams(query: ODataQuery): Record<string, string> {
  const params: Record<string, string> = { $select: query.select.join(",") };
  if (query.filter !== undefined) params.$filter = query.filter;
  if (query.orderBy !== undefined) params.$orderBy = query.orderBy;
  if (query.entities !== undefined && query.entities.length > 0) params.$entities = query.entities.join(",");
  if (query.mode !== undefined) params.$mode = query.mode;
  if (query.top !== undefined) params.$top = odataInt(query.top);
  if (query.skip !== undefined && query.skip > 0) params.$skip = odataInt(query.skip);
  return params;
}

/**
 * Serialises query parameters with RFC 3986 percent-encoding (spaces as %20, '+' as %2B), keeping the
 * `$` of OData option names readable. Values are encoded exactly once.
 */
export function serialiseQuery(params: Record<string, string | number | boolean>): string {
  return Object.entries(params)
    .map(([key, value]) => `${encodeURIComponent(key).replace(/^%24/, "$")}=${encodeURIComponent(String(value))}`)
    .join("&");
}
