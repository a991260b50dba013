import {
  Body1,
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  tokens,
} from "@fluentui/react-components";
import { AddRegular, DismissRegular } from "@fluentui/react-icons";
import { useMemo, useState } from "react";
import type { ClassificationReport } from "../../../../../shared/api/jobs";
import type { Settings } from "../../../../../shared/api/settings";
import { SEGMENT_BY } from "../../../../../shared/domain/revenue";
import { TIER_METHODS } from "../../../../../shared/domain/thresholds";
import { TIER_STATUSES, WINDOW_MONTHS } from "../../../../../shared/domain/vocabulary";
import type { AdminClient } from "../../api/adminClient";
import { BarChart } from "../../charts/BarChart";
import { ChoiceSelect } from "../../components/ChoiceSelect";
import { ErrorBar } from "../../components/ErrorBar";
import { SaveResult, type SaveState } from "../../components/SaveResult";
import { DataTable, Section } from "../../components/Section";
import { useAdminI18n } from "../../i18n";
import { useKeptDraft } from "../../keptDraft";
import { isTierDraft, tierBodyOf, tierDraftOf, type TierDraft } from "./tierDraft";

const STATUSES = [...TIER_STATUSES, "none"] as const;

const useStyles = makeStyles({
  form: { display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(240px, 1fr))", alignItems: "start", gap: tokens.spacingHorizontalL, maxWidth: "1000px" },
  amounts: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalM },
  amount: { width: "11em" },
  actions: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalM },
  report: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, maxWidth: "1000px" },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  sentence: { maxWidth: "60ch" },
  rates: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, border: "none", margin: 0, padding: 0, minWidth: 0 },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: 0, marginBottom: tokens.spacingVerticalS },
  rateRow: { display: "flex", flexWrap: "wrap", alignItems: "flex-end", gap: tokens.spacingHorizontalM },
  code: { width: "7em" },
});

type Run = { kind: "idle" } | { kind: "running"; dryRun: boolean } | { kind: "error"; error: unknown };

/** Tier method, window, margin and segments; a dry run with the distribution and the moves; apply after a confirmation. */
export function TiersSection({ client, settings, onSaved }: { client: AdminClient; settings: Settings; onSaved: (s: Settings) => void }) {
  const { t, number } = useAdminI18n();
  const m = t.tiers;
  const styles = useStyles();
  const saved = useMemo(() => tierDraftOf(settings.tiers), [settings.tiers]);
  const [draft, setDraft] = useKeptDraft<TierDraft>("tiers", saved, isTierDraft);
  const [saveState, setSaveState] = useState<SaveState>({ kind: "idle" });
  const [run, setRun] = useState<Run>({ kind: "idle" });
  const [report, setReport] = useState<ClassificationReport | null>(null);
  const [applied, setApplied] = useState<ClassificationReport | null>(null);
  const [confirming, setConfirming] = useState(false);

  const checked = useMemo(() => tierBodyOf(draft), [draft]);
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved);
  const busy = saveState.kind === "saving" || run.kind === "running";
  const update = (patch: Partial<TierDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setSaveState({ kind: "idle" });
  };

  async function save(): Promise<boolean> {
    if (!checked.body) return false;
    setSaveState({ kind: "saving" });
    try {
      const next = await client.saveSetting("tiers", checked.body);
      onSaved(next);
      setDraft(tierDraftOf(next.tiers));
      setSaveState({ kind: "saved" });
      // A dry run of the settings before this save no longer shows what Apply would do.
      setReport(null);
      return true;
    } catch (error) {
      setSaveState({ kind: "error", error });
      return false;
    }
  }

  async function classify(dryRun: boolean) {
    if (dryRun && dirty && !(await save())) return;
    setRun({ kind: "running", dryRun });
    try {
      const result = await client.classify(dryRun);
      if (dryRun) {
        setReport(result);
        setApplied(null);
      } else {
        setApplied(result);
        setReport(null);
      }
      setRun({ kind: "idle" });
    } catch (error) {
      setRun({ kind: "error", error });
    }
  }

  const fieldError = (key: keyof typeof checked.errors) => {
    const code = checked.errors[key];
    return code ? m.fieldErrors[code] : undefined;
  };
  const currency = draft.baseCurrency.trim().toUpperCase() || settings.tiers.baseCurrency;

  return (
    <Section id="tiers" title={t.sections.tiers} intro={m.intro}>
      <div className={styles.form}>
        <Field label={m.method} hint={m.methodHelp[draft.method]} validationMessage={fieldError("method")}>
          <ChoiceSelect value={draft.method} choices={TIER_METHODS} label={(method) => m.methods[method]} onChange={(method) => update({ method })} testId="tier-method" />
        </Field>
        <Field label={m.window}>
          <ChoiceSelect value={draft.windowMonths} choices={WINDOW_MONTHS} label={m.months} onChange={(windowMonths) => update({ windowMonths })} testId="tier-window" />
        </Field>
        <Field label={m.margin} hint={m.marginHelp} validationMessage={fieldError("margin")}>
          <Input inputMode="decimal" value={draft.marginPercent} onChange={(_, d) => update({ marginPercent: d.value })} data-testid="tier-margin" />
        </Field>
        <Field label={m.segments}>
          <ChoiceSelect value={draft.segmentBy} choices={SEGMENT_BY} label={(s) => m.segmentBy[s]} onChange={(segmentBy) => update({ segmentBy })} />
        </Field>
      </div>
      {draft.method !== "natural" && (
        <div className={styles.amounts}>
          {(["A", "B", "C"] as const).map((tier) => {
            const kind = draft.method === "pareto" ? "shares" : "thresholds";
            return (
              <Field key={tier} className={styles.amount} label={kind === "shares" ? m.share(tier) : m.threshold(tier, currency)} validationMessage={fieldError(tier)}>
                <Input inputMode="decimal" value={draft[kind][tier]} onChange={(_, d) => update({ [kind]: { ...draft[kind], [tier]: d.value } })} />
              </Field>
            );
          })}
        </div>
      )}
      <fieldset className={styles.rates}>
        <legend className={styles.legend}>{m.rates(currency)}</legend>
        <Field className={styles.amount} label={m.baseCurrency} validationMessage={fieldError("baseCurrency")}>
          <Input value={draft.baseCurrency} onChange={(_, d) => update({ baseCurrency: d.value })} />
        </Field>
        {draft.rates.map((row, i) => (
          <div key={i} className={styles.rateRow}>
            <Field className={styles.code} label={m.rateCurrency} validationMessage={fieldError(`code${i}`)}>
              <Input value={row.code} onChange={(_, d) => update({ rates: draft.rates.map((r, j) => (j === i ? { ...r, code: d.value } : r)) })} />
            </Field>
            <Field className={styles.amount} label={m.rateValue(row.code.trim().toUpperCase(), currency)} validationMessage={fieldError(`rate${i}`)}>
              <Input inputMode="decimal" value={row.rate} onChange={(_, d) => update({ rates: draft.rates.map((r, j) => (j === i ? { ...r, rate: d.value } : r)) })} />
            </Field>
            <Button
              appearance="subtle"
              icon={<DismissRegular />}
              aria-label={m.removeRate(row.code)}
              title={m.removeRate(row.code)}
              onClick={() => update({ rates: draft.rates.filter((_, j) => j !== i) })}
            />
          </div>
        ))}
        <div>
          <Button icon={<AddRegular />} onClick={() => update({ rates: [...draft.rates, { code: "", rate: "" }] })}>
            {m.addRate}
          </Button>
        </div>
      </fieldset>
      <div className={styles.actions}>
        <Button disabled={!dirty || !checked.body || busy} onClick={() => void save()} data-testid="save-tiers">
          {saveState.kind === "saving" ? t.saving : t.save}
        </Button>
        <Button appearance="primary" disabled={!checked.body || busy} onClick={() => void classify(true)} data-testid="dry-run">
          {run.kind === "running" && run.dryRun ? m.running : dirty ? m.saveAndDryRun : m.dryRun}
        </Button>
        {dirty && <Caption1>{t.unsaved}</Caption1>}
        {run.kind === "running" && <Spinner size="tiny" />}
      </div>
      <SaveResult state={saveState} />
      {run.kind === "error" && <ErrorBar error={run.error} />}
      {applied && (
        <MessageBar intent="success" data-testid="apply-result">
          <MessageBarBody>{m.applied(applied.writes.categories, applied.writes.tasks)}</MessageBarBody>
        </MessageBar>
      )}
      {report && (
        <div className={styles.report} data-testid="dry-run-report" aria-live="polite">
          <BarChart
            testId="distribution-chart"
            title={m.distribution}
            description={`${m.distributionIntro(report.customers, report.window.from, report.window.to)} ${m.dryRunNote}`}
            categories={STATUSES.map((s) => ({ key: s, label: m.statuses[s] }))}
            series={[
              { key: "before", label: m.before, values: STATUSES.map((s) => report.before[s] ?? 0) },
              { key: "after", label: m.after, values: STATUSES.map((s) => report.after[s] ?? 0) },
            ]}
            format={(v) => number(v, 0)}
            tableLabel={t.showTable}
          />
          {report.unconvertedLines > 0 && report.problems.length === 0 && (
            <MessageBar intent="warning">
              <MessageBarBody>{m.unconverted(report.unconvertedLines)}</MessageBarBody>
            </MessageBar>
          )}
          {report.unknownCompanies > 0 && <Body1>{m.unknownCompanies(report.unknownCompanies)}</Body1>}
          {report.problems.length > 0 && (
            <MessageBar intent="warning">
              <MessageBarBody>
                {m.problems}: {report.problems.join(" ")}
              </MessageBarBody>
            </MessageBar>
          )}
          <h3 className={styles.heading} data-testid="moves-heading">
            {report.moves.length === 0 ? m.noMoves : m.moves(report.moves.length)}
          </h3>
          {report.moves.length > 0 && (
            <DataTable columns={[m.company, m.move, m.reason]} testId="moves">
              {report.moves.map((move) => (
                <tr key={move.contactId}>
                  <th scope="row">{move.name}</th>
                  <td>
                    {move.from === null ? m.statuses.none : m.statuses[move.from]} → {move.to === null ? m.statuses.none : m.statuses[move.to]}
                  </td>
                  <td className={styles.sentence}>{move.sentence}</td>
                </tr>
              ))}
            </DataTable>
          )}
          <div className={styles.actions}>
            <Button appearance="primary" disabled={busy} onClick={() => setConfirming(true)} data-testid="apply">
              {run.kind === "running" && !run.dryRun ? m.running : m.apply}
            </Button>
          </div>
        </div>
      )}
      <Dialog open={confirming} onOpenChange={(_, d) => setConfirming(d.open)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{m.applyTitle}</DialogTitle>
            <DialogContent>{m.applyBody(report?.moves.length ?? 0)}</DialogContent>
            <DialogActions>
              <Button onClick={() => setConfirming(false)}>{m.cancel}</Button>
              <Button
                appearance="primary"
                data-testid="confirm-apply"
                onClick={() => {
                  setConfirming(false);
                  void classify(false);
                }}
              >
                {m.applyConfirm}
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </Section>
  );
}
