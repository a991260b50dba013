import { Button, Caption1, Field, makeStyles, Select, tokens } from "@fluentui/react-components";
import { useState } from "react";
import type { JudgementRequest, Rhythm } from "../../../../../shared/api/activity";
import { ACCOUNT_TYPES, POTENTIALS, type AccountType, type Potential } from "../../../../../shared/domain/vocabulary";
import { toClientError, type ClientErrorCode } from "../../../api/errors";
import { useServices } from "../../../app/services";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { useI18n } from "../../../i18n/I18nProvider";
import { newIdempotencyKey } from "../utils/uuid";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS, minWidth: 0 },
  row: { display: "grid", gridTemplateColumns: "repeat(2, minmax(0, 1fr))", columnGap: tokens.spacingHorizontalS },
  actions: { display: "flex", alignItems: "center", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXS },
  muted: { color: tokens.colorNeutralForeground3 },
});

type SaveState = { status: "idle" } | { status: "saving" } | { status: "saved" } | { status: "error"; code: ClientErrorCode };

/**
 * The rep's potential (A–D) and account type (Expand/Keep), shown once on the card. A choice in either
 * list is only a choice: nothing reaches the CRM until the rep confirms it with Save (Cancel puts it back).
 */
export default function JudgementControls(props: { companyId: number; companyName: string; potential: Potential | null; accountType: AccountType | null; onRhythm: (r: Rhythm) => void }) {
  const { api } = useServices();
  const { t } = useI18n();
  const styles = useStyles();
  const [stored, setStored] = useState({ potential: props.potential, accountType: props.accountType });
  const [chosen, setChosen] = useState(stored);
  const [save, setSave] = useState<SaveState>({ status: "idle" });
  // One key per choice the rep confirms: a retry of a save whose answer was lost is the same save, never a second one.
  const [key, setKey] = useState<string | null>(null);
  const change: JudgementRequest = {
    ...(chosen.potential !== null && chosen.potential !== stored.potential ? { potential: chosen.potential } : {}),
    ...(chosen.accountType !== null && chosen.accountType !== stored.accountType ? { accountType: chosen.accountType } : {}),
  };
  const pending = change.potential !== undefined || change.accountType !== undefined;

  async function write() {
    setSave({ status: "saving" });
    const idempotencyKey = key ?? newIdempotencyKey();
    setKey(idempotencyKey);
    try {
      const result = await api.judge(props.companyId, { ...change, idempotencyKey });
      setKey(null);
      const next = { potential: result.potential, accountType: result.accountType };
      setStored(next);
      setChosen(next);
      props.onRhythm(result.rhythm);
      setSave({ status: "saved" });
    } catch (error) {
      setSave({ status: "error", code: toClientError(error).code });
    }
  }

  const choose = (patch: Partial<typeof chosen>) => {
    setChosen((c) => ({ ...c, ...patch }));
    setKey(null);
    setSave({ status: "idle" });
  };

  return (
    <section className={styles.root} aria-label={t.judgement} data-testid="judgement">
      <div className={styles.row}>
        <Field label={t.potential}>
          <Select
            value={chosen.potential ?? ""}
            disabled={save.status === "saving"}
            data-testid="potential-select"
            onChange={(_, d) => choose({ potential: POTENTIALS.find((p) => p === d.value) ?? null })}
          >
            {stored.potential === null && <option value="">{t.notJudged}</option>}
            {POTENTIALS.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t.accountType}>
          <Select
            value={chosen.accountType ?? ""}
            disabled={save.status === "saving"}
            data-testid="account-type-select"
            onChange={(_, d) => choose({ accountType: ACCOUNT_TYPES.find((a) => a === d.value) ?? null })}
          >
            {stored.accountType === null && <option value="">{t.notJudged}</option>}
            {ACCOUNT_TYPES.map((a) => (
              <option key={a} value={a}>
                {t.accountTypes[a]}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {(pending || save.status === "saving") && (
        <div className={styles.actions}>
          <Button size="small" appearance="primary" disabled={save.status === "saving"} onClick={() => void write()} data-testid="judgement-save">
            {t.judgementSave}
          </Button>
          <Button size="small" disabled={save.status === "saving"} onClick={() => choose(stored)} data-testid="judgement-cancel">
            {t.cancel}
          </Button>
          <Caption1 className={styles.muted} role="status">
            {save.status === "saving" ? t.saving : t.judgementPending}
          </Caption1>
        </div>
      )}
      {save.status === "saved" && (
        <Caption1 className={styles.muted} role="status" data-testid="judgement-saved">
          {t.judgementSaved}
        </Caption1>
      )}
      {save.status === "error" && <ErrorNotice code={save.code} title={t.judgementNotSaved(props.companyName)} onRetry={() => void write()} />}
    </section>
  );
}
