import { Body1, Button, Caption1, Field, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Radio, RadioGroup, Spinner, tokens } from "@fluentui/react-components";
import { useId, useState } from "react";
import { JOB_NAMES, type ImportReport, type JobName } from "../../../../../shared/api/jobs";
import { uploadTypeOf, type AdminClient } from "../../api/adminClient";
import { DEFAULT_COLUMN_MAPPING } from "../../../../../shared/api/imports";
import { ChoiceSelect } from "../../components/ChoiceSelect";
import { ErrorBar } from "../../components/ErrorBar";
import { DataTable, Section, useTableStyles } from "../../components/Section";
import { useAdminI18n } from "../../i18n";
import { useLoad } from "../../../api/useLoad";
import { MappingEditor, mappingDraftOf, mappingOf, type MappingDraft } from "./MappingEditor";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, maxWidth: "640px" },
  file: {
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    color: tokens.colorNeutralForeground1,
    "::file-selector-button": {
      marginRight: tokens.spacingHorizontalM,
      padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
      border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
      borderRadius: tokens.borderRadiusMedium,
      backgroundColor: tokens.colorNeutralBackground1,
      color: tokens.colorNeutralForeground1,
      fontFamily: tokens.fontFamilyBase,
      cursor: "pointer",
    },
  },
  actions: { display: "flex", gap: tokens.spacingHorizontalM, alignItems: "center" },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  block: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, maxWidth: "1000px" },
  jobBar: { display: "flex", gap: tokens.spacingHorizontalM, alignItems: "flex-end", flexWrap: "wrap" },
  summary: { maxWidth: "40ch", overflowWrap: "anywhere", color: tokens.colorNeutralForeground2 },
});

type Upload = { kind: "idle" } | { kind: "uploading" } | { kind: "done"; report: ImportReport } | { kind: "error"; error: unknown } | { kind: "invalid"; message: string };

/** Upload an ERP export (CSV/XLSX) with the choice what a bad row does, its report, and the job log. */
export function ImportsSection({ client }: { client: AdminClient }) {
  const { t } = useAdminI18n();
  const m = t.imports;
  const styles = useStyles();
  const table = useTableStyles();
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [onError, setOnError] = useState<"stop" | "skip">("stop");
  const [upload, setUpload] = useState<Upload>({ kind: "idle" });
  const [mapping, setMapping] = useState<MappingDraft>(() => mappingDraftOf(DEFAULT_COLUMN_MAPPING));
  const checkedMapping = mappingOf(mapping);

  async function submit() {
    if (!file) return setUpload({ kind: "invalid", message: m.noFile });
    const type = uploadTypeOf(file.name);
    if (!type) return setUpload({ kind: "invalid", message: m.wrongType });
    if (!checkedMapping.mapping) return;
    setUpload({ kind: "uploading" });
    try {
      setUpload({ kind: "done", report: await client.importOrders(file, { name: file.name, type, onError, mapping: checkedMapping.mapping }) });
    } catch (error) {
      setUpload({ kind: "error", error });
    }
  }

  return (
    <Section id="imports" title={t.sections.imports} intro={m.intro}>
      <div className={styles.form}>
        <Field label={{ children: m.file, htmlFor: fileId }} hint={m.fileHelp} validationMessage={upload.kind === "invalid" ? upload.message : undefined}>
          <input
            id={fileId}
            className={styles.file}
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            data-testid="order-file"
            onChange={(e) => {
              setFile(e.currentTarget.files?.[0] ?? null);
              setUpload({ kind: "idle" });
            }}
          />
        </Field>
        <MappingEditor draft={mapping} onChange={setMapping} />
        <Field label={m.onError}>
          <RadioGroup value={onError} onChange={(_, d) => setOnError(d.value === "skip" ? "skip" : "stop")}>
            <Radio value="stop" label={m.onErrorStop} />
            <Radio value="skip" label={m.onErrorSkip} />
          </RadioGroup>
        </Field>
        <div className={styles.actions}>
          <Button appearance="primary" disabled={upload.kind === "uploading" || !checkedMapping.mapping} onClick={() => void submit()} data-testid="upload">
            {upload.kind === "uploading" ? m.uploading : m.upload}
          </Button>
          {upload.kind === "uploading" && <Spinner size="tiny" />}
          {!checkedMapping.mapping && <Caption1 data-testid="mapping-blocks-upload">{m.mappingBlocksUpload}</Caption1>}
        </div>
      </div>
      {upload.kind === "error" && <ErrorBar error={upload.error} />}
      {upload.kind === "done" && reportView(upload.report)}
      <JobLog client={client} />
    </Section>
  );

  function reportView(report: ImportReport) {
    return (
      <div className={styles.block} data-testid="import-report" aria-live="polite">
        <h3 className={styles.heading}>{m.report}</h3>
        <MessageBar intent={!report.written ? "error" : report.bad.length > 0 ? "warning" : "success"}>
          <MessageBarBody>
            {!report.written && <MessageBarTitle>{m.refused}</MessageBarTitle>}
            {report.fileError ? `${m.fileError}: ${report.fileError}` : m.summary(report.rows, report.good, report.inserted, report.alreadyImported)}
          </MessageBarBody>
        </MessageBar>
        {report.warnings.length > 0 && (
          <MessageBar intent="warning" data-testid="import-warnings">
            <MessageBarBody>
              <MessageBarTitle>{m.fileWarnings}</MessageBarTitle>
              {report.warnings.map((w, i) => (
                <div key={i}>{w}</div>
              ))}
            </MessageBarBody>
          </MessageBar>
        )}
        {report.changed > 0 && <Body1 data-testid="changed-lines">{m.changed(report.changed, report.updated)}</Body1>}
        {report.bad.length > 0 && (
          <>
            <Body1>{m.badRows(report.bad.length)}</Body1>
            <DataTable columns={[m.line, m.column, m.reason]} testId="bad-rows">
              {report.bad.map((row, i) => (
                <tr key={`${row.line}-${i}`}>
                  <td className={table.number}>{row.line}</td>
                  <td>{row.column ?? "–"}</td>
                  <td>{row.reason}</td>
                </tr>
              ))}
            </DataTable>
          </>
        )}
      </div>
    );
  }
}

/** The last runs of one job, newest first. */
function JobLog({ client }: { client: AdminClient }) {
  const { t, dateTime } = useAdminI18n();
  const m = t.imports;
  const styles = useStyles();
  const [job, setJob] = useState<JobName>("classify");
  const { state: runs, reload: refresh } = useLoad((signal) => client.jobs(job, signal), [client, job]);

  return (
    <div className={styles.block}>
      <h3 className={styles.heading}>{m.jobs}</h3>
      <div className={styles.jobBar}>
        <Field label={m.job}>
          <ChoiceSelect value={job} choices={JOB_NAMES} label={(name) => m.jobNames[name]} onChange={setJob} testId="job-picker" />
        </Field>
        <Button onClick={refresh}>{m.refresh}</Button>
      </div>
      {runs.status === "loading" && <Spinner size="tiny" label={t.loading} />}
      {runs.status === "error" && <ErrorBar error={runs.error} onRetry={refresh} />}
      {runs.status === "ready" && runs.value.length === 0 && <Body1>{m.noRuns}</Body1>}
      {runs.status === "ready" && runs.value.length > 0 && (
        <DataTable columns={[m.started, m.finished, m.status, m.key, m.instance]} testId="job-log">
          {runs.value.map((run) => (
            <tr key={run.id}>
              <td>{dateTime(run.startedAt)}</td>
              <td>{run.finishedAt ? dateTime(run.finishedAt) : "–"}</td>
              <td>{m.jobStatuses[run.status]}</td>
              <td>
                {run.key}
                {run.summary !== null && run.summary !== undefined && <Caption1 as="p" className={styles.summary}>{summaryText(run.summary)}</Caption1>}
              </td>
              <td>{run.instance}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}

/** A run's summary is the job's own report; its counts are what an admin scans for. */
function summaryText(summary: unknown): string {
  if (typeof summary !== "object" || summary === null) return String(summary);
  return Object.entries(summary)
    .filter(([, v]) => typeof v === "number" || typeof v === "string" || typeof v === "boolean")
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(", ");
}
