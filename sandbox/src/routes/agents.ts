import { z } from "zod";
import { badRequest, notFound } from "../errors";
import { documentEntity } from "../entities";
import { nowUtc, type SandboxContext } from "../context";
import { blankContact, type Route } from "./entities";

const UpsertRequest = z.object({
  TableName: z.string(),
  Columns: z.array(z.string()),
  Keys: z.array(z.string()),
  Data: z.array(z.array(z.string())),
  NomatchAction: z.enum(["NoChange", "ZeroColumns", "DeleteRow"]).optional(),
  ReturnRowStatus: z.boolean().optional(),
});

const SetDocumentStreamFromIdRequest = z.object({
  DocumentId: z.number().int().positive(),
  Stream: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, "base64"),
});

const positiveInt = (text: string) => (/^\d+$/.test(text) && Number(text) > 0 ? Number(text) : null);

/**
 * The Agents operations the connector uses. DatabaseTable Upsert, for table `contact` keyed by
 * `contact_id` with column `category_idx`. Anything else this agent can do in SuperOffice is refused
 * with 400 here, so a client that builds something else finds out in tests. A key that matches no
 * company is inserted as a bare row, as the agent documents ("insert or update").
 */
export function agentRoutes(route: Route, ctx: SandboxContext): void {
  const { store } = ctx;
  // Document agent: the content as base64 in JSON, for where the raw-bytes PUT is refused.
  route("POST", "/api/v1/Agents/Document/SetDocumentStreamFromId", async (req) => {
    const parsed = SetDocumentStreamFromIdRequest.safeParse(req.body);
    if (!parsed.success) throw badRequest("Body must be a SetDocumentStreamFromIdRequest {DocumentId, Stream}", "ArgumentNullException");
    const d = store.documents.get(parsed.data.DocumentId);
    if (!d) throw notFound("Document", parsed.data.DocumentId);
    const bytes = Buffer.from(parsed.data.Stream, "base64");
    if (bytes.length === 0) throw badRequest("Document content is empty", "ArgumentNullException");
    d.contentBase64 = bytes.toString("base64");
    d.updatedDate = nowUtc(ctx);
    await store.commit();
    return documentEntity(store, d, null);
  });
  route("POST", "/api/v1/Agents/DatabaseTable/Upsert", async (req) => {
    const parsed = UpsertRequest.safeParse(req.body);
    if (!parsed.success) throw badRequest("Body must be an UpsertRequest {TableName, Columns, Keys, Data, NomatchAction, ReturnRowStatus}", "ArgumentNullException");
    const r = parsed.data;
    const columns = r.Columns.map((c) => c.toLowerCase());
    if (r.TableName.toLowerCase() !== "contact") throw badRequest(`The sandbox upserts table contact only, not ${r.TableName}`);
    if (r.Keys.length !== 1 || r.Keys[0]!.toLowerCase() !== "contact_id") throw badRequest("The sandbox upserts contact by the key contact_id only");
    const idAt = columns.indexOf("contact_id");
    const categoryAt = columns.indexOf("category_idx");
    if (idAt < 0) throw badRequest("The key column contact_id must be among Columns");
    const unknown = columns.filter((c) => c !== "contact_id" && c !== "category_idx");
    if (unknown.length > 0) throw badRequest(`The sandbox upserts contact.category_idx only, not ${unknown.join(", ")}`);
    if ((r.NomatchAction ?? "NoChange") !== "NoChange") throw badRequest(`NomatchAction ${r.NomatchAction} would change every other company; the sandbox supports NoChange only`);
    // Check every row before writing any: a bad row changes nothing.
    const rows = r.Data.map((data, i) => {
      if (data.length !== columns.length) throw badRequest(`Data row ${i} has ${data.length} values for ${columns.length} columns`);
      const id = positiveInt(data[idAt]!);
      if (id === null) throw badRequest(`Data row ${i}: contact_id "${data[idAt]}" is not an id`);
      let categoryId: number | null = null;
      if (categoryAt >= 0) {
        categoryId = /^\d+$/.test(data[categoryAt]!) ? Number(data[categoryAt]) : null;
        if (categoryId === null || (categoryId !== 0 && !store.data.categories.some((c) => c.id === categoryId))) {
          throw badRequest(`Data row ${i}: category_idx "${data[categoryAt]}" is not a category id`);
        }
      }
      return { id, categoryId, key: data[idAt]! };
    });
    const now = nowUtc(ctx);
    let inserts = 0;
    let updates = 0;
    const status: { PrimaryKey: number; Action: string; RowKeys: string[]; TableRight: null }[] = [];
    for (const row of rows) {
      const existing = store.contacts.get(row.id);
      let action: string;
      if (!existing) {
        const c = blankContact(ctx, 0);
        c.id = row.id;
        if (row.categoryId !== null) c.categoryId = row.categoryId;
        if (store.data.nextIds.contact <= row.id) store.data.nextIds.contact = row.id + 1;
        store.addContact(c);
        inserts++;
        action = "Inserted";
      } else if (row.categoryId === null || existing.categoryId === row.categoryId) {
        action = "NoUpdateNeeded";
      } else {
        existing.categoryId = row.categoryId;
        existing.updatedDate = now;
        updates++;
        action = "Updated";
      }
      status.push({ PrimaryKey: row.id, Action: action, RowKeys: [row.key], TableRight: null });
    }
    await store.commit();
    return {
      Success: true,
      Message: `contact: ${inserts} inserted, ${updates} updated`,
      Inserts: inserts,
      Updates: updates,
      Deletes: 0,
      RowStatus: r.ReturnRowStatus ? status : null,
    };
  });
}
