import { Button, Caption1, Input, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import type { Settings, WorkloadResponse } from "../../../../../shared/api/settings";
import type { AdminClient } from "../../api/adminClient";
import { SaveResult, type SaveState } from "../../components/SaveResult";
import { useTableStyles } from "../../components/Section";
import { useAdminI18n } from "../../i18n";
import { isStringRecord, useKeptDraft } from "../../keptDraft";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  input: { width: "5em" },
  table: { alignSelf: "flex-start" },
  error: { color: tokens.colorPaletteRedForeground1, display: "block" },
  actions: { display: "flex", gap: tokens.spacingHorizontalM, alignItems: "center" },
});

type Draft = Record<string, string>;

function parseCapacity(text: string): number | null | "invalid" {
  const trimmed = text.trim().replace(",", ".");
  if (trimmed === "") return null;
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return "invalid";
  const value = Number(trimmed);
  return value >= 0 && value <= 200 ? value : "invalid";
}

/** Every rep the workload knows, with the saved capacity or empty. */
function draftOf(workload: WorkloadResponse, capacities: Settings["capacities"]): Draft {
  const draft: Draft = {};
  for (const row of workload.reps) if (row.rep !== null) draft[row.rep] = "";
  for (const c of capacities) draft[c.rep] = String(c.personalPerWeek);
  return draft;
}

/** Capacity per rep (personal contacts a week), for the reps the workload knows. */
export function CapacityEditor(props: { client: AdminClient; workload: WorkloadResponse; capacities: Settings["capacities"]; onSaved: (s: Settings) => void }) {
  const { t } = useAdminI18n();
  const p = t.policy;
  const styles = useStyles();
  const table = useTableStyles();
  const saved = useMemo(() => draftOf(props.workload, props.capacities), [props.workload, props.capacities]);
  const [draft, setDraft] = useKeptDraft<Draft>("capacities", saved, isStringRecord);
  const [state, setState] = useState<SaveState>({ kind: "idle" });
  const names = new Map(props.workload.reps.map((r) => [String(r.rep), r.repName ?? `#${r.rep}`]));
  const reps = Object.keys({ ...saved, ...draft });
  const parsed = reps.map((rep) => ({ rep, value: parseCapacity(draft[rep] ?? saved[rep] ?? "") }));
  const invalid = parsed.some((x) => x.value === "invalid");
  const dirty = reps.some((rep) => (draft[rep] ?? "") !== (saved[rep] ?? ""));

  async function save() {
    setState({ kind: "saving" });
    const list = parsed.flatMap((x) => (typeof x.value === "number" ? [{ rep: Number(x.rep), personalPerWeek: x.value }] : []));
    try {
      const next = await props.client.saveSetting("capacities", list);
      // As the connector stored them ("5,5" reads 5.5), so the saved form is no longer an unsaved change.
      setDraft(draftOf(props.workload, next.capacities));
      setState({ kind: "saved" });
      props.onSaved(next);
    } catch (error) {
      setState({ kind: "error", error });
    }
  }

  if (reps.length === 0) return null;
  return (
    <div className={styles.root}>
      <h3 className={styles.heading}>{p.capacities}</h3>
      <Caption1>{p.capacitiesIntro}</Caption1>
      <table className={mergeClasses(table.table, styles.table)} data-testid="capacities">
        <thead>
          <tr>
            <th scope="col">{p.rep}</th>
            <th scope="col">{p.capacity}</th>
          </tr>
        </thead>
        <tbody>
          {parsed.map(({ rep, value }) => {
            const name = names.get(rep) ?? `#${rep}`;
            return (
              <tr key={rep}>
                <th scope="row">{name}</th>
                <td>
                  <Input
                    className={styles.input}
                    size="small"
                    inputMode="decimal"
                    value={draft[rep] ?? ""}
                    aria-label={p.capacityLabel(name)}
                    aria-invalid={value === "invalid" ? true : undefined}
                    onChange={(_, d) => {
                      setDraft((x) => ({ ...x, [rep]: d.value }));
                      setState({ kind: "idle" });
                    }}
                  />
                  {value === "invalid" && <Caption1 className={styles.error}>{p.capacityInvalid}</Caption1>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className={styles.actions}>
        <Button disabled={!dirty || invalid || state.kind === "saving"} onClick={() => void save()} data-testid="save-capacities">
          {state.kind === "saving" ? t.saving : t.save}
        </Button>
      </div>
      <SaveResult state={state} />
    </div>
  );
}
