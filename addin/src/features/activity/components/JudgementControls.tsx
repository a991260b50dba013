import { Caption1, Field, makeStyles, Select, tokens } from "@fluentui/react-components";
import { useState } from "react";
import type { JudgementRequest, Rhythm } from "../../../../../shared/api/activity";
import { ACCOUNT_TYPES, POTENTIALS, type AccountType, type Potential } from "../../../../../shared/domain/vocabulary";
import { toClientError, type ClientErrorCode } from "../../../api/errors";
import { useServices } from "../../../app/services";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { useI18n } from "../../../i18n/I18nProvider";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  row: { display: "grid", gridTemplateColumns: "1fr 1fr", columnGap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground3 },
});

type SaveState = { status: "idle" } | { status: "saving" } | { status: "saved" } | { status: "error"; code: ClientErrorCode };

/** The rep sets potential (A–D) and account type (Expand/Keep); each change is written to the CRM at once. */
export default function JudgementControls(props: { companyId: number; potential: Potential | null; accountType: AccountType | null; onRhythm: (r: Rhythm) => void }) {
  const { api } = useServices();
  const { t } = useI18n();
  const styles = useStyles();
  const [potential, setPotential] = useState(props.potential);
  const [accountType, setAccountType] = useState(props.accountType);
  const [save, setSave] = useState<SaveState>({ status: "idle" });

  async function write(change: JudgementRequest) {
    setSave({ status: "saving" });
    try {
      const result = await api.judge(props.companyId, change);
      setPotential(result.potential);
      setAccountType(result.accountType);
      props.onRhythm(result.rhythm);
      setSave({ status: "saved" });
    } catch (error) {
      setSave({ status: "error", code: toClientError(error).code });
    }
  }

  return (
    <section className={styles.root} aria-label={t.judgement}>
      <div className={styles.row}>
        <Field label={t.potential}>
          <Select
            value={potential ?? ""}
            disabled={save.status === "saving"}
            data-testid="potential-select"
            onChange={(_, d) => {
              const value = POTENTIALS.find((p) => p === d.value);
              if (value) void write({ potential: value });
            }}
          >
            {potential === null && <option value="">{t.notJudged}</option>}
            {POTENTIALS.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t.accountType}>
          <Select
            value={accountType ?? ""}
            disabled={save.status === "saving"}
            data-testid="account-type-select"
            onChange={(_, d) => {
              const value = ACCOUNT_TYPES.find((a) => a === d.value);
              if (value) void write({ accountType: value });
            }}
          >
            {accountType === null && <option value="">{t.notJudged}</option>}
            {ACCOUNT_TYPES.map((a) => (
              <option key={a} value={a}>
                {t.accountTypes[a]}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {save.status === "saving" && <Caption1 className={styles.muted}>{t.saving}</Caption1>}
      {save.status === "saved" && (
        <Caption1 className={styles.muted} data-testid="judgement-saved">
          {t.judgementSaved}
        </Caption1>
      )}
      {save.status === "error" && <ErrorNotice code={save.code} />}
    </section>
  );
}
