import type { ContactId } from "../../../../../shared/domain/vocabulary";
import { CrmError, type CrmSelection, type NewSelection } from "../../port";
import { mapSelection } from "../mappers";
import { odataString } from "../odata";
import { RawSelectionEntity, RawSelectionMemberRow, RawSelectionRow, SELECTION_COLUMNS, SELECTION_MEMBER_COLUMNS, odataPage } from "../raw";
import { fetchRows, type SoContext } from "./context";

/** Members go to SuperOffice in batches of this size. */
const MEMBER_BATCH = 500;

export async function getSelection(ctx: SoContext, id: number): Promise<CrmSelection> {
  const raw = await ctx.http.json({ method: "GET", path: `/v1/Selection/${id}`, what: "read selection" }, RawSelectionEntity);
  return mapSelection(raw);
}

/** The selection with exactly this name (SuperOffice's match may be looser; the name is compared again). */
export async function findSelectionByName(ctx: SoContext, name: string): Promise<CrmSelection | null> {
  const wanted = name.trim();
  if (wanted === "") throw new CrmError("CRM_BAD_REQUEST", "A selection name is needed");
  const rows = await fetchRows(
    ctx,
    "/v1/Selection",
    "find selection by name",
    { select: SELECTION_COLUMNS, filter: `name eq ${odataString(wanted)}`, orderBy: "selectionId", top: 20 },
    RawSelectionRow,
  );
  const row = rows.find((r) => (r.name ?? "").trim() === wanted);
  return row ? getSelection(ctx, row.selectionId) : null;
}

/** A static company selection owned by a rep (e.g. "Follow-ups week 48 — AB"). */
export async function createStaticSelection(ctx: SoContext, selection: NewSelection): Promise<CrmSelection> {
  const name = selection.name.trim();
  if (name === "") throw new CrmError("CRM_BAD_REQUEST", "A selection name is needed");
  const body = {
    Name: name,
    Description: selection.description ?? "",
    Associate: { AssociateId: selection.ownerId },
    SelectionType: "Static",
    TargetTableNumber: 5,
    TargetTableName: "contact",
    MainProviderName: "ContactPersonStaticSelectionV2",
    CompanyUnique: true,
    IncludePerson: 0,
    VisibleFor: [{ VisibleId: 0, Visibility: "All" }],
  };
  const raw = await ctx.http.json({ method: "POST", path: "/v1/Selection", what: "create selection", body }, RawSelectionEntity);
  return mapSelection(raw);
}

function memberBody(contactIds: readonly number[]) {
  return contactIds.map((ContactId) => ({ ContactId, PersonId: 0 }));
}

async function changeMembers(ctx: SoContext, selectionId: number, action: "AddPerson" | "RemovePerson", contactIds: readonly number[]): Promise<void> {
  for (let i = 0; i < contactIds.length; i += MEMBER_BATCH) {
    await ctx.http.empty({
      method: "POST",
      path: `/v1/Selection/${selectionId}/Members/${action}`,
      what: action === "AddPerson" ? "add selection members" : "remove selection members",
      body: memberBody(contactIds.slice(i, i + MEMBER_BATCH)),
      // Adding or removing the same members twice leaves the selection as intended.
      idempotent: true,
    });
  }
}

function checkIds(contactIds: readonly number[]): number[] {
  const bad = contactIds.filter((id) => !Number.isSafeInteger(id) || id <= 0);
  if (bad.length > 0) throw new CrmError("CRM_BAD_REQUEST", `Not company ids: ${bad.slice(0, 5).join(", ")}`);
  return [...new Set(contactIds)];
}

export async function addSelectionMembers(ctx: SoContext, selectionId: number, contactIds: readonly ContactId[]): Promise<void> {
  await changeMembers(ctx, selectionId, "AddPerson", checkIds(contactIds));
}

/** The company ids that are members of the selection. */
export async function listSelectionCompanies(ctx: SoContext, selectionId: number): Promise<Set<number>> {
  const page = await ctx.http.json(
    { method: "GET", path: `/v1/Selection/${selectionId}/Members`, what: "read selection members", query: { $select: SELECTION_MEMBER_COLUMNS.join(",") } },
    odataPage(RawSelectionMemberRow),
  );
  return new Set(page.value.map((r) => r.contactId ?? 0).filter((id) => id > 0));
}

export async function setSelectionMembers(ctx: SoContext, selectionId: number, contactIds: readonly ContactId[]): Promise<{ added: number; removed: number }> {
  const wanted = new Set(checkIds(contactIds));
  const current = await listSelectionCompanies(ctx, selectionId);
  const toAdd = [...wanted].filter((id) => !current.has(id));
  const toRemove = [...current].filter((id) => !wanted.has(id));
  await changeMembers(ctx, selectionId, "AddPerson", toAdd);
  await changeMembers(ctx, selectionId, "RemovePerson", toRemove);
  return { added: toAdd.length, removed: toRemove.length };
}
