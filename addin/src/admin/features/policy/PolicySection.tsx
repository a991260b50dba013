import { Body1, Button, Caption1, Input, makeStyles, mergeClasses, MessageBar, MessageBarBody, Spinner, tokens } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import type { Settings } from "../../../../../shared/api/settings";
import { ACCOUNT_TYPES, POTENTIALS, TIERS } from "../../../../../shared/domain/vocabulary";
import { problemsOf, type AdminClient } from "../../api/adminClient";
import { ErrorBar } from "../../components/ErrorBar";
import { SaveResult } from "../../components/SaveResult";
import { Section, useTableStyles } from "../../components/Section";
import { useAdminI18n } from "../../i18n";
import { isStringRecord, useKeptDraft } from "../../keptDraft";
import { CapacityEditor } from "./CapacityEditor";
import { cellKey, checkDraft, CHANNEL_FIELDS, draftOf, errorsByInput, policyOf, type PolicyDraft } from "./policyDraft";
import { useWhatIf, useWorkload } from "./useWorkload";
import { WorkloadChart } from "./WorkloadChart";

const useStyles = makeStyles({
  layout: {
    display: "grid",
    gridTemplateColumns: "minmax(0, max-content) minmax(280px, 1fr)",
    gap: tokens.spacingHorizontalXL,
    alignItems: "start",
    "@media (max-width: 760px)": { gridTemplateColumns: "minmax(0, 1fr)" },
  },
  column: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, minWidth: 0 },
  // The chart stays in view while the admin scrolls through the matrix.
  chartColumn: { position: "sticky", top: tokens.spacingVerticalS, "@media (max-width: 760px)": { position: "static" } },
  input: { width: "4.5em", minWidth: 0 },
  cell: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, maxWidth: "7.5em" },
  cellError: { color: tokens.colorPaletteRedForeground1 },
  tierHead: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400 },
  groupStart: { borderTop: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke1}` },
  actions: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalM },
  dirty: { color: tokens.colorNeutralForeground2 },
});

/** The frequency matrix, edited as typed, with its workload now and with the edits, and capacity per rep. */
export function PolicySection({ client, settings, onSaved }: { client: AdminClient; settings: Settings; onSaved: (s: Settings) => void }) {
  const { t, number } = useAdminI18n();
  const p = t.policy;
  const styles = useStyles();
  const table = useTableStyles();
  const saved = useMemo(() => draftOf(settings.policy), [settings.policy]);
  const [draft, setDraft] = useKeptDraft<PolicyDraft>("policy", saved, isStringRecord);
  const [serverErrors, setServerErrors] = useState<ReturnType<typeof errorsByInput>>(new Map());
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<{ kind: "saved" } | { kind: "error"; error: unknown } | null>(null);
  const workload = useWorkload(client);

  const checked = useMemo(() => checkDraft(draft), [draft]);
  const dirty = useMemo(() => Object.keys(saved).some((k) => saved[k] !== draft[k]), [saved, draft]);
  const whatIf = useWhatIf(client, dirty ? checked.policy : null);

  const edit = (key: string, value: string) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setServerErrors((e) => {
      if (!e.has(key)) return e;
      const next = new Map(e);
      next.delete(key);
      return next;
    });
    setOutcome(null);
  };

  function discard() {
    setDraft(saved);
    setServerErrors(new Map());
    setOutcome(null);
  }

  async function save() {
    setSaving(true);
    setOutcome(null);
    try {
      const next = await client.savePolicy(policyOf(draft));
      setServerErrors(new Map());
      onSaved(next);
      setDraft(draftOf(next.policy));
      setOutcome({ kind: "saved" });
      workload.reload();
    } catch (error) {
      const problems = problemsOf(error);
      if (problems) setServerErrors(errorsByInput(problems));
      setOutcome({ kind: "error", error });
    } finally {
      setSaving(false);
    }
  }

  const errorCount = new Set([...checked.errors.keys(), ...serverErrors.keys()].map((k) => k.split(".").slice(0, 3).join("."))).size;

  return (
    <Section id="policy" title={t.sections.policy} intro={p.intro}>
      <div className={styles.layout}>
        <div className={styles.column}>
          <div className={table.scroll}>
            <table className={table.table} data-testid="policy-matrix">
              <thead>
                <tr>
                  <th scope="col" rowSpan={2}>
                    {t.tier}
                  </th>
                  <th scope="col" rowSpan={2}>
                    {t.potential}
                  </th>
                  {ACCOUNT_TYPES.map((type) => (
                    <th key={type} scope="colgroup" colSpan={2}>
                      {t.accountTypes[type]}
                    </th>
                  ))}
                </tr>
                <tr>
                  {ACCOUNT_TYPES.flatMap((type) => [
                    <th key={`${type}-p`} scope="col">
                      {p.personal}
                    </th>,
                    <th key={`${type}-d`} scope="col">
                      {p.digital}
                    </th>,
                  ])}
                </tr>
              </thead>
              <tbody>
                {TIERS.flatMap((tier) =>
                  POTENTIALS.map((potential, pi) => (
                    <tr key={`${tier}${potential}`} className={pi === 0 ? styles.groupStart : undefined}>
                      {pi === 0 && (
                        <th scope="rowgroup" rowSpan={POTENTIALS.length} className={styles.tierHead}>
                          {tier}
                        </th>
                      )}
                      <th scope="row">{potential}</th>
                      {ACCOUNT_TYPES.flatMap((type) =>
                        CHANNEL_FIELDS.map((field) => {
                          const key = cellKey(tier, potential, type, field);
                          const error = serverErrors.get(key) ?? checked.errors.get(key);
                          const errorId = `err-${key.replaceAll(".", "-")}`;
                          return (
                            <td key={key}>
                              <div className={styles.cell}>
                                <Input
                                  className={styles.input}
                                  size="small"
                                  inputMode="numeric"
                                  value={draft[key] ?? ""}
                                  onChange={(_, d) => edit(key, d.value)}
                                  aria-label={p.cellLabel(tier, potential, t.accountTypes[type], field === "personalWeeks" ? p.personalLong : p.digitalLong)}
                                  aria-invalid={error ? true : undefined}
                                  aria-describedby={error ? errorId : undefined}
                                  data-cell={key}
                                />
                                {error && (
                                  <Caption1 id={errorId} className={styles.cellError} title={error.message}>
                                    {error.code ? p.cellErrors[error.code] : error.message}
                                  </Caption1>
                                )}
                              </div>
                            </td>
                          );
                        }),
                      )}
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </div>
          <div className={styles.actions}>
            <Button appearance="primary" disabled={!dirty || saving || checked.policy === null} onClick={() => void save()} data-testid="save-policy">
              {saving ? t.saving : t.save}
            </Button>
            <Button disabled={!dirty || saving} onClick={discard}>
              {t.discard}
            </Button>
            {dirty && <Caption1 className={styles.dirty}>{t.unsaved}</Caption1>}
          </div>
          {errorCount > 0 && (
            <MessageBar intent="warning">
              <MessageBarBody>{p.invalid(errorCount)}</MessageBarBody>
            </MessageBar>
          )}
          <SaveResult state={outcome ?? { kind: "idle" }} testId="policy-saved" />
        </div>
        <div className={mergeClasses(styles.column, styles.chartColumn)} aria-live="polite">
          {workload.state.status === "loading" && <Spinner size="small" label={p.workloadLoading} />}
          {workload.state.status === "error" && <ErrorBar error={workload.state.error} onRetry={workload.reload} />}
          {workload.state.status === "ready" &&
            (workload.state.value.reps.length === 0 && workload.state.value.unassigned.customers === 0 ? (
              <Body1>{p.noReps}</Body1>
            ) : (
              <WorkloadChart workload={workload.state.value} whatIf={whatIf?.status === "ready" ? whatIf.value : null} />
            ))}
          {whatIf?.status === "loading" && <Spinner size="tiny" label={p.whatIfLoading} />}
          {whatIf?.status === "error" && <ErrorBar error={whatIf.error} />}
          {whatIf?.status === "ready" && (
            <Caption1 data-testid="what-if-totals">
              {p.whatIfTotals(
                number(whatIf.value.totals.currentPersonalPerWeek),
                number(whatIf.value.totals.proposedPersonalPerWeek),
                whatIf.value.totals.repsOverCapacityNow,
                whatIf.value.totals.repsOverCapacityProposed,
              )}
            </Caption1>
          )}
          {workload.state.status === "ready" && (
            <CapacityEditor
              client={client}
              workload={workload.state.value}
              capacities={settings.capacities}
              onSaved={(next) => {
                onSaved(next);
                workload.reload();
              }}
            />
          )}
        </div>
      </div>
    </Section>
  );
}
