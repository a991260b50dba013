import { Caption1, Field, Input, makeStyles, tokens } from "@fluentui/react-components";
import { ColumnMappingSchema, CUSTOMER_KEY_KINDS, type ColumnMapping, type ColumnMappingInput, type CustomerKeyKind } from "../../../../../shared/api/imports";
import { ChoiceSelect } from "../../components/ChoiceSelect";
import { useAdminI18n } from "../../i18n";

export const COLUMN_FIELDS = ["date", "amount", "currency", "productLine", "country", "orderNumber", "orderLine"] as const;
type ColumnField = (typeof COLUMN_FIELDS)[number];
const REQUIRED = new Set<string>(["customerKey", "date", "amount"]);

/** The mapping as typed: every column a string, empty meaning "not in the file" for the optional ones. */
export interface MappingDraft {
  keyKind: CustomerKeyKind;
  customerKey: string;
  columns: Record<ColumnField, string>;
  defaultCurrency: string;
}

export function mappingDraftOf(input: ColumnMappingInput): MappingDraft {
  const columns = Object.fromEntries(COLUMN_FIELDS.map((f) => [f, input[f] ?? ""])) as Record<ColumnField, string>;
  return { keyKind: input.customerKey.kind, customerKey: input.customerKey.column, columns, defaultCurrency: input.defaultCurrency ?? "SEK" };
}

/** The draft as the API's mapping, or the fields that are wrong. */
export function mappingOf(draft: MappingDraft): { mapping: ColumnMapping | null; errors: Partial<Record<"customerKey" | ColumnField | "defaultCurrency", "column" | "currency">> } {
  const optional = Object.fromEntries(COLUMN_FIELDS.flatMap((f) => (draft.columns[f].trim() === "" && !REQUIRED.has(f) ? [] : [[f, draft.columns[f]]])));
  const parsed = ColumnMappingSchema.safeParse({
    customerKey: { kind: draft.keyKind, column: draft.customerKey },
    ...optional,
    defaultCurrency: draft.defaultCurrency.trim().toUpperCase(),
  });
  if (parsed.success) return { mapping: parsed.data, errors: {} };
  const errors: ReturnType<typeof mappingOf>["errors"] = {};
  for (const issue of parsed.error.issues) {
    const head = String(issue.path[0]);
    if (head === "customerKey") errors.customerKey = "column";
    else if (head === "defaultCurrency") errors.defaultCurrency = "currency";
    else if ((COLUMN_FIELDS as readonly string[]).includes(head)) errors[head as ColumnField] = "column";
  }
  return { mapping: null, errors };
}

const useStyles = makeStyles({
  grid: { display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(190px, 1fr))", gap: tokens.spacingHorizontalM, alignItems: "start" },
  summary: { cursor: "pointer", color: tokens.colorBrandForegroundLink, fontSize: tokens.fontSizeBase300 },
  body: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, paddingTop: tokens.spacingVerticalS },
});

/** Which column of the export holds what; starts at the demo ERP's layout. */
export function MappingEditor({ draft, onChange }: { draft: MappingDraft; onChange: (d: MappingDraft) => void }) {
  const { t } = useAdminI18n();
  const m = t.imports;
  const styles = useStyles();
  const { errors } = mappingOf(draft);
  const message = (code: "column" | "currency" | undefined) => (code === "column" ? m.columnNeeded : code === "currency" ? m.currencyInvalid : undefined);
  return (
    <details data-testid="mapping">
      <summary className={styles.summary}>{m.mapping}</summary>
      <div className={styles.body}>
        <Caption1>{m.mappingHelp}</Caption1>
        <div className={styles.grid}>
          <Field label={m.keyKind}>
            <ChoiceSelect value={draft.keyKind} choices={CUSTOMER_KEY_KINDS} label={(k) => m.keyKinds[k]} onChange={(keyKind) => onChange({ ...draft, keyKind })} />
          </Field>
          <Field label={m.columns.customerKey} validationMessage={message(errors.customerKey)}>
            <Input value={draft.customerKey} onChange={(_, d) => onChange({ ...draft, customerKey: d.value })} />
          </Field>
          {COLUMN_FIELDS.map((f) => (
            <Field key={f} label={m.columns[f]} validationMessage={message(errors[f])}>
              <Input value={draft.columns[f]} onChange={(_, d) => onChange({ ...draft, columns: { ...draft.columns, [f]: d.value } })} />
            </Field>
          ))}
          <Field label={m.defaultCurrency} validationMessage={message(errors.defaultCurrency)}>
            <Input value={draft.defaultCurrency} onChange={(_, d) => onChange({ ...draft, defaultCurrency: d.value })} />
          </Field>
        </div>
      </div>
    </details>
  );
}
