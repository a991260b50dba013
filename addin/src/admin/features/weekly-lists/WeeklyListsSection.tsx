import { Body1, Button, Checkbox, Field, Input, makeStyles, MessageBar, MessageBarBody, Spinner, Switch, tokens } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import type { WeeklyListsReport } from "../../../../../shared/api/jobs";
import { ScheduleBody, type Settings } from "../../../../../shared/api/settings";
import { EXPLANATION_LOCALES } from "../../../../../shared/domain/explain";
import { formatIsoWeek, isoWeekOf, IsoWeekSchema } from "../../../../../shared/domain/iso-week";
import { COUNTRIES } from "../../../../../shared/domain/vocabulary";
import type { AdminClient } from "../../api/adminClient";
import { ChoiceSelect } from "../../components/ChoiceSelect";
import { ErrorBar } from "../../components/ErrorBar";
import { SaveResult, type SaveState } from "../../components/SaveResult";
import { DataTable, Section, useTableStyles } from "../../components/Section";
import { useAdminI18n } from "../../i18n";
import { useKeptDraft } from "../../keptDraft";
import { localToday } from "../../../features/activity/utils/localDate";
import { LANGUAGE_NAMES } from "../../../i18n/language";

const useStyles = makeStyles({
  groups: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(280px, 1fr))", gap: tokens.spacingHorizontalXXL, maxWidth: "1000px" },
  group: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, border: "none", margin: 0, padding: 0, minWidth: 0 },
  legend: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, padding: 0, marginBottom: tokens.spacingVerticalS },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalM },
  time: { width: "7em" },
  actions: { display: "flex", flexWrap: "wrap", alignItems: "flex-end", gap: tokens.spacingHorizontalM },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  block: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, maxWidth: "1000px" },
});

type Schedule = Settings["schedule"];

/** A kept draft has the saved schedule's groups and fields, each of the same kind (its values may be half-typed). */
function sameShape(value: unknown, like: Schedule): boolean {
  if (typeof value !== "object" || value === null) return false;
  return Object.entries(like).every(([group, fields]) => {
    const kept = (value as Record<string, unknown>)[group];
    if (typeof kept !== "object" || kept === null) return false;
    return Object.entries(fields).every(([field, v]) => typeof (kept as Record<string, unknown>)[field] === typeof v);
  });
}

/** When the Monday lists (and the nightly classification) run, and a run on demand with a dry run. */
export function WeeklyListsSection({ client, settings, onSaved }: { client: AdminClient; settings: Settings; onSaved: (s: Settings) => void }) {
  const { t } = useAdminI18n();
  const m = t.weekly;
  const styles = useStyles();
  const table = useTableStyles();
  const [draft, setDraft] = useKeptDraft<Schedule>("schedule", settings.schedule, (v): v is Schedule => sameShape(v, settings.schedule));
  const [saveState, setSaveState] = useState<SaveState>({ kind: "idle" });
  const [week, setWeek] = useState("");
  const [dryRun, setDryRun] = useState(true);
  const [run, setRun] = useState<{ kind: "idle" | "running" } | { kind: "done"; report: WeeklyListsReport } | { kind: "error"; error: unknown }>({ kind: "idle" });

  const checked = useMemo(() => ScheduleBody.safeParse(draft), [draft]);
  const problemAt = (group: keyof Schedule, field: string) => (checked.success ? undefined : checked.error.issues.find((i) => i.path[0] === group && i.path[1] === field)?.message);
  const dirty = JSON.stringify(draft) !== JSON.stringify(settings.schedule);
  const weekValid = week.trim() === "" || IsoWeekSchema.safeParse(week.trim()).success;
  const set = <G extends keyof Schedule>(group: G, patch: Partial<Schedule[G]>) => {
    setDraft((d) => ({ ...d, [group]: { ...d[group], ...patch } }));
    setSaveState({ kind: "idle" });
  };

  async function save() {
    if (!checked.success) return;
    setSaveState({ kind: "saving" });
    try {
      const next = await client.saveSetting("schedule", checked.data);
      onSaved(next);
      setDraft(next.schedule);
      setSaveState({ kind: "saved" });
    } catch (error) {
      setSaveState({ kind: "error", error });
    }
  }

  async function runNow() {
    setRun({ kind: "running" });
    try {
      setRun({ kind: "done", report: await client.weeklyLists({ dryRun, ...(week.trim() ? { week: week.trim() } : {}) }) });
    } catch (error) {
      setRun({ kind: "error", error });
    }
  }

  const timeFields = (group: "weeklyLists" | "classification") => (
    <div className={styles.row}>
      <Field label={m.time} validationMessage={problemAt(group, "time") ? m.timeInvalid : undefined}>
        <Input className={styles.time} value={draft[group].time} onChange={(_, d) => set(group, { time: d.value })} />
      </Field>
      <Field label={m.timeZone} validationMessage={problemAt(group, "timeZone") ? m.timeZoneInvalid : undefined}>
        <Input value={draft[group].timeZone} onChange={(_, d) => set(group, { timeZone: d.value })} />
      </Field>
    </div>
  );
  const languageSelect = (group: "weeklyLists" | "classification", label: string) => (
    <Field label={label}>
      <ChoiceSelect value={draft[group].language} choices={EXPLANATION_LOCALES} label={(l) => LANGUAGE_NAMES[l]} onChange={(language) => set(group, { language })} />
    </Field>
  );

  return (
    <Section id="weeklyLists" title={t.sections.weeklyLists} intro={m.intro}>
      <div className={styles.groups}>
        <fieldset className={styles.group}>
          <legend className={styles.legend}>{m.schedule}</legend>
          <Switch label={m.enabled} checked={draft.weeklyLists.enabled} onChange={(_, d) => set("weeklyLists", { enabled: d.checked })} />
          {timeFields("weeklyLists")}
          {languageSelect("weeklyLists", m.listLanguage)}
          <Switch label={m.createTasks} checked={draft.weeklyLists.createTasks} onChange={(_, d) => set("weeklyLists", { createTasks: d.checked })} />
          <Field label={m.defaultCountry}>
            <ChoiceSelect value={draft.weeklyLists.defaultCountry} choices={COUNTRIES} label={(c) => m.countries[c]} onChange={(defaultCountry) => set("weeklyLists", { defaultCountry })} />
          </Field>
        </fieldset>
        <fieldset className={styles.group}>
          <legend className={styles.legend}>{m.nightly}</legend>
          <Switch label={m.nightlyEnabled} checked={draft.classification.enabled} onChange={(_, d) => set("classification", { enabled: d.checked })} />
          {timeFields("classification")}
          {languageSelect("classification", m.noticeLanguage)}
        </fieldset>
      </div>
      <div className={styles.actions}>
        <Button appearance="primary" disabled={!dirty || !checked.success || saveState.kind === "saving"} onClick={() => void save()} data-testid="save-schedule">
          {saveState.kind === "saving" ? t.saving : t.save}
        </Button>
        {dirty && <Body1>{t.unsaved}</Body1>}
      </div>
      <SaveResult state={saveState} />

      <div className={styles.block}>
        <h3 className={styles.heading}>{m.runNow}</h3>
        <div className={styles.actions}>
          <Field label={m.week} validationMessage={weekValid ? undefined : m.weekInvalid}>
            <Input value={week} placeholder={formatIsoWeek(isoWeekOf(localToday()))} onChange={(_, d) => setWeek(d.value)} data-testid="week" />
          </Field>
          <Checkbox label={m.dryRun} checked={dryRun} onChange={(_, d) => setDryRun(d.checked === true)} data-testid="weekly-dry-run" />
          <Button appearance="primary" disabled={!weekValid || run.kind === "running"} onClick={() => void runNow()} data-testid="run-weekly">
            {run.kind === "running" ? m.running : m.run}
          </Button>
          {run.kind === "running" && <Spinner size="tiny" />}
        </div>
        {run.kind === "error" && <ErrorBar error={run.error} />}
        {run.kind === "done" && (
          <div className={styles.block} data-testid="weekly-report" aria-live="polite">
            <MessageBar intent={run.report.dryRun ? "info" : "success"}>
              <MessageBarBody>{m.result(run.report.week, run.report.dryRun)}</MessageBarBody>
            </MessageBar>
            {run.report.reps.length === 0 ? (
              <Body1>{m.noReps}</Body1>
            ) : (
              <DataTable columns={[m.rep, m.selection, m.customers, m.added, m.removed, m.tasks]}>
                {run.report.reps.map((r) => (
                  <tr key={r.rep}>
                    <th scope="row">{r.initials}</th>
                    <td>{r.selectionName}</td>
                    <td className={table.number}>{r.customers}</td>
                    <td className={table.number}>{r.added}</td>
                    <td className={table.number}>{r.removed}</td>
                    <td className={table.number}>{r.tasksCreated}</td>
                  </tr>
                ))}
              </DataTable>
            )}
            {run.report.skipped.length > 0 && (
              <div data-testid="weekly-skipped">
                <Body1>{m.skipped(run.report.skipped.length)}</Body1>
                <DataTable columns={[m.company, m.reason]}>
                  {run.report.skipped.map((c) => (
                    <tr key={c.companyId}>
                      <th scope="row">{c.name}</th>
                      <td>{c.reason}</td>
                    </tr>
                  ))}
                </DataTable>
              </div>
            )}
          </div>
        )}
      </div>
    </Section>
  );
}
