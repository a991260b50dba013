import type { CrmAssociate } from "../../port";
import { mapUserRow } from "../mappers";
import { RawUserRow, USER_COLUMNS } from "../raw";
import { fetchAllRows, type SoContext } from "./context";

/**
 * Users (associates) with their e-mail, from the AllUsers archive (GET /v1/User). Users marked
 * inactive are left out: they cannot own customers or sign in to the pane.
 */
export async function listAssociates(ctx: SoContext): Promise<CrmAssociate[]> {
  const rows = await fetchAllRows(ctx, { path: "/v1/User", what: "list users", query: { select: USER_COLUMNS, orderBy: "associateDbId" } }, RawUserRow);
  const byId = new Map<number, CrmAssociate>();
  for (const row of rows) {
    if (row.associateDbId <= 0 || row.isActive === false || byId.has(row.associateDbId)) continue;
    byId.set(row.associateDbId, mapUserRow(row));
  }
  return [...byId.values()];
}
