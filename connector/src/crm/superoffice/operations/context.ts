import type { z } from "zod";
import type { SuperOfficeConfig } from "../config";
import type { SoHttp } from "../http";
import { odataPage } from "../raw";
import { odataParams, type ODataQuery } from "../odata";
import type { ListCache } from "../ttl-cache";

/** What every operation needs: the HTTP pipeline, the parsed config and the list cache. */
export interface SoContext {
  http: SoHttp;
  config: SuperOfficeConfig;
  cache: ListCache;
}

/** The $skip a nextLink asks for, if it carries one. */
function nextSkip(nextLink: string | null | undefined): number | null {
  if (!nextLink) return null;
  try {
    const skip = new URL(nextLink, "http://base.invalid").searchParams.get("$skip");
    return skip !== null && /^\d+$/.test(skip) ? Number(skip) : null;
  } catch {
    return null;
  }
}

export interface PagedQuery {
  path: string;
  what: string;
  query: Omit<ODataQuery, "top" | "skip">;
  pageSize?: number;
  /** Refuse to read more than this many rows (a guard against runaway filters). */
  maxRows?: number;
}

/**
 * Reads every row of an archive query, page by page with $top/$skip. A page's odata.nextLink, when
 * present, decides the next $skip; without one a short page ends the read.
 */
export async function fetchAllRows<Row extends z.ZodType>(ctx: SoContext, paged: PagedQuery, row: Row): Promise<z.output<Row>[]> {
  const pageSize = paged.pageSize ?? 200;
  const maxRows = paged.maxRows ?? 100_000;
  const schema = odataPage(row);
  const rows: z.output<Row>[] = [];
  let skip = 0;
  for (;;) {
    const page = await ctx.http.json(
      { method: "GET", path: paged.path, what: paged.what, query: odataParams({ ...paged.query, top: pageSize, skip }) },
      schema,
    );
    rows.push(...(page.value as z.output<Row>[]));
    if (rows.length > maxRows) throw new Error(`${paged.what}: more than ${maxRows} rows; narrow the query`);
    const linked = nextSkip(page["odata.nextLink"]);
    if (page.value.length === 0) break;
    if (linked !== null && linked > skip) {
      skip = linked;
      continue;
    }
    if (page.value.length < pageSize) break;
    skip += page.value.length;
  }
  return rows;
}

/** One page of an archive query (for "first N" look-ups). */
export async function fetchRows<Row extends z.ZodType>(ctx: SoContext, path: string, what: string, query: ODataQuery, row: Row): Promise<z.output<Row>[]> {
  const page = await ctx.http.json({ method: "GET", path, what, query: odataParams(query) }, odataPage(row));
  return page.value as z.output<Row>[];
}
