import { notFound } from "../errors";
import { documentTemplateCarrier, listItemEntity, mdoListItem } from "../entities";
import { localName } from "../request";
import type { ListItemRec } from "../model";
import type { SandboxContext } from "../context";
import type { Route } from "./entities";

/** List look-ups: Category/Task/DocumentTemplate items, MDO lists (incl. udlistN) and the Contact UDF layout. */
export function listRoutes(route: Route, ctx: SandboxContext): void {
  const { store } = ctx;
  const includeDeleted = (q: unknown) => /^true$/i.test(String((q as Record<string, unknown>)?.includeDeleted ?? ""));
  const visible = <T extends ListItemRec>(items: T[], q: unknown) => items.filter((i) => includeDeleted(q) || !i.deleted);

  route("GET", "/api/v1/List/Category/Items", (req) => visible(store.data.categories, req.query).map((i) => listItemEntity(i)));
  route("GET", "/api/v1/List/Task/Items", (req) => visible(store.data.tasks, req.query).map((t) => ({
    TaskListItemId: t.id, Value: localName(t), Direction: t.direction, Type: t.type, Tooltip: t.tooltip, Deleted: t.deleted, IntentId: 0,
    Rank: t.rank, IsDefaultAlldayEvent: false, IsDefaultFree: false, IsDefaultPublished: false, ColorIndex: "BlueAlt1",
    DefaultVideomeetingStatus: "NoChange", TableRight: null, FieldProperties: {},
  })));
  route("GET", "/api/v1/List/DocumentTemplate/Items", (req) => visible(store.data.docTemplates, req.query).map(documentTemplateCarrier));

  route("GET", "/api/v1/MDOList/{listname}", (req) => {
    const name = String((req.params as Record<string, string>).listname ?? "").toLowerCase();
    const q = String((req.query as Record<string, unknown>)?.query ?? "").toLowerCase();
    const simple = (items: ListItemRec[]) => items.filter((i) => !i.deleted).map((i) => mdoListItem(i.id, localName(i), i.tooltip, i.rank));
    let items: ReturnType<typeof mdoListItem>[];
    switch (name) {
      case "category": items = simple(store.data.categories); break;
      case "business": items = simple(store.data.businesses); break;
      case "task": items = simple(store.data.tasks); break;
      case "priority": items = simple(store.data.priorities); break;
      case "searchcat": items = simple(store.data.selectionCategories); break;
      case "currency": items = simple(store.data.currencies); break;
      case "doctmpl": items = simple(store.data.docTemplates); break;
      case "country": items = store.data.countries.map((c) => mdoListItem(c.id, c.name, c.englishName, c.rank, { ExtraInfo: c.iso2 })); break;
      case "associate":
        // Name = the associate's login (initials), FullName = the person's name, ExtraInfo = the person id.
        items = store.data.associates.map((a) => mdoListItem(a.id, a.initials, `${a.firstName} ${a.lastName}`, a.rank,
          { FullName: `${a.firstName} ${a.lastName}`, ExtraInfo: String(a.personId), Type: a.type }));
        break;
      default: {
        const udef = store.data.listUdefs.find((u) => `udlist${u.listDefinitionId}` === name);
        if (!udef) throw notFound("MDO list", name);
        items = simple(udef.items);
      }
    }
    return q ? items.filter((i) => String(i.Name).toLowerCase().includes(q)) : items;
  });

  route("GET", "/api/v1/Contact/UdefLayout/Published", () => store.data.listUdefs.map((u, index) => ({
    UDefFieldId: u.udefIdentity, ColumnId: u.columnId, FieldDefault: "", FieldHeight: 21, FieldLabel: u.label, FieldLeft: 10,
    FieldTop: 10 + index * 30, FieldType: "List", FieldWidth: 200, FormatMask: "", HideLabel: false, IsIndexed: true,
    LabelHeight: 21, LabelLeft: 0, LabelTop: 10 + index * 30, LabelWidth: 100, LastVersionId: 0, ListTableId: 136,
    IsMandatory: false, Type: "Contact", Page1LineNo: index + 1, ProgId: u.progId, IsReadOnly: false, ShortLabel: u.label,
    TabOrder: index + 1, TextLength: 0, Tooltip: u.tooltip, UdefIdentity: u.udefIdentity, UDListDefinitionId: u.listDefinitionId,
    Justification: "Default", Version: 1, TemplateVariableName: `cu${String(u.udefIdentity).padStart(2, "0")}`,
    HasBeenPublished: true, MdoListName: `udlist${u.listDefinitionId}`, TableRight: null, FieldProperties: {},
  })));
}
