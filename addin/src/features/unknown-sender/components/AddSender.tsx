import { Button, Caption1, Field, Input, makeStyles, Radio, RadioGroup, Spinner, Subtitle2, tokens } from "@fluentui/react-components";
import { useState, type FormEvent } from "react";
import { CompanyExistsError, type NewPersonResponse, type SuggestResponse } from "../../../../../shared/api/unknown-sender";
import { toClientError, type ClientErrorCode } from "../../../api/errors";
import { useRequest } from "../../../api/useRequest";
import { useServices } from "../../../app/services";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { useI18n } from "../../../i18n/I18nProvider";
import { newIdempotencyKey } from "../../activity/utils/uuid";
import { addPerson, suggestCompanies } from "../api";
import { companyNameFromEmail, splitDisplayName } from "../utils/names";
import { clearSenderDraft, readSenderDraft, writeSenderDraft, type SenderDraft } from "../utils/senderDraft";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  form: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  names: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(120px, 1fr))", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS },
  // Fluent's Input has an intrinsic minimum width; two side by side must still fit a 320 px pane.
  input: { minWidth: 0, width: "100%" },
  option: { display: "flex", flexDirection: "column" },
  muted: { color: tokens.colorNeutralForeground3 },
  actions: { display: "flex", alignItems: "center", columnGap: tokens.spacingHorizontalS },
});

const NEW = "new";

function reasonOf(t: ReturnType<typeof useI18n>["t"], s: SuggestResponse["companies"][number]): string {
  return s.colleagues > 0 ? t.unknownSender.colleagues(s.colleagues) : t.unknownSender.matchedByAddress;
}

/**
 * The sender is not in the CRM: companies suggested by the e-mail domain, and a small form that adds
 * the person to one of them or creates both. What the rep typed is kept on this device until it is saved.
 */
export default function AddSender({ email, displayName, onAdded }: { email: string; displayName: string; onAdded: (result: NewPersonResponse) => void }) {
  const { api, storage } = useServices();
  const { t } = useI18n();
  const styles = useStyles();
  // Companies suggested by the sender's e-mail domain.
  const { state: suggestions, reload: retry } = useRequest((signal) => suggestCompanies(api, email, signal), [api, email]);
  const [form, setForm] = useState<SenderDraft & { idempotencyKey: string }>(() => {
    const draft = readSenderDraft(storage, email) ?? { ...splitDisplayName(displayName, email), title: "", picked: null, companyName: companyNameFromEmail(email) };
    return { ...draft, idempotencyKey: draft.idempotencyKey ?? newIdempotencyKey() };
  });
  const update = (patch: Partial<SenderDraft>) =>
    setForm((current) => {
      const next = { ...current, ...patch };
      writeSenderDraft(storage, email, next);
      return next;
    });
  const { firstName, lastName, title, picked, companyName, idempotencyKey } = form;
  const [submitted, setSubmitted] = useState(false);
  const [save, setSave] = useState<{ status: "idle" } | { status: "saving" } | { status: "error"; code: ClientErrorCode }>({ status: "idle" });
  // Companies the connector named when it refused a new company on their domain.
  const [matches, setMatches] = useState<SuggestResponse | null>(null);

  const offered = matches ?? (suggestions.status === "ready" ? suggestions.value : null);
  const companies = offered?.companies ?? [];
  // A company picked earlier (a kept draft) counts only while it is still suggested.
  const stillOffered = picked === NEW || companies.some((c) => String(c.id) === picked);
  // Preselected only from a list that loaded: after a failed look-up or a refusal the rep chooses, so one
  // click never creates a company the CRM already has.
  const preselect = suggestions.status === "ready" && matches === null;
  const choice = stillOffered ? picked : !preselect ? null : companies[0] ? String(companies[0].id) : NEW;
  const nameMissing = firstName.trim() === "" && lastName.trim() === "";
  const companyMissing = choice === null || (choice === NEW && companyName.trim() === "");

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (nameMissing || companyMissing || choice === null) return;
    setSave({ status: "saving" });
    // Kept before the call: a retry after a timeout or a closed pane sends the same key.
    writeSenderDraft(storage, email, form);
    try {
      const result = await addPerson(api, {
        idempotencyKey,
        // The rep picked a new company with the domain's companies in front of them.
        ...(choice === NEW && companies.length > 0 ? { confirmNewDespiteMatches: true } : {}),
        firstName: firstName.trim(),
        lastName: lastName.trim(),
        email,
        ...(title.trim() ? { title: title.trim() } : {}),
        company: choice === NEW ? { kind: "new", name: companyName.trim() } : { kind: "existing", id: Number(choice) },
      });
      clearSenderDraft(storage, email);
      onAdded(result);
    } catch (error) {
      const failure = toClientError(error);
      const refused = CompanyExistsError.safeParse(failure.body);
      if (refused.success) {
        setMatches(refused.data.error.suggestions);
        update({ picked: null });
      }
      setSave({ status: "error", code: failure.code });
    }
  }

  const saving = save.status === "saving";
  return (
    <section className={styles.root} aria-label={t.unknownSender.addTitle} data-testid="add-sender">
      <Subtitle2 as="h2">{t.unknownSender.addTitle}</Subtitle2>
      <form className={styles.form} onSubmit={(e) => void submit(e)} noValidate>
        <div className={styles.names}>
          <Field label={t.unknownSender.firstName} validationMessage={submitted && nameMissing ? t.unknownSender.nameRequired : undefined}>
            <Input className={styles.input} value={firstName} onChange={(_, d) => update({ firstName: d.value })} maxLength={50} disabled={saving} data-testid="sender-first-name" />
          </Field>
          <Field label={t.unknownSender.lastName}>
            <Input className={styles.input} value={lastName} onChange={(_, d) => update({ lastName: d.value })} maxLength={50} disabled={saving} data-testid="sender-last-name" />
          </Field>
        </div>
        <Field label={t.unknownSender.email}>
          <Input className={styles.input} value={email} readOnly data-testid="sender-email" />
        </Field>
        <Field label={t.unknownSender.jobTitle}>
          <Input className={styles.input} value={title} onChange={(_, d) => update({ title: d.value })} maxLength={100} disabled={saving} data-testid="sender-title" />
        </Field>
        <Field
          label={t.unknownSender.company}
          validationMessage={submitted && companyMissing ? t.unknownSender.companyRequired : undefined}
          hint={
            offered
              ? offered.publicDomain
                ? t.unknownSender.publicDomain(offered.domain)
                : companies.length === 0
                  ? t.unknownSender.noSuggestions(offered.domain)
                  : t.unknownSender.suggestions
              : undefined
          }
        >
          <RadioGroup value={choice ?? ""} onChange={(_, d) => update({ picked: d.value })} disabled={saving} data-testid="company-choice">
            {companies.map((c) => (
              <Radio
                key={c.id}
                value={String(c.id)}
                data-testid={`suggested-company-${c.id}`}
                label={
                  <span className={styles.option}>
                    <span>{c.name}</span>
                    <Caption1 className={styles.muted}>{reasonOf(t, c)}</Caption1>
                  </span>
                }
              />
            ))}
            <Radio value={NEW} label={t.unknownSender.newCompany} data-testid="new-company" />
          </RadioGroup>
        </Field>
        {suggestions.status === "loading" && <Spinner size="tiny" labelPosition="after" label={t.unknownSender.loadingSuggestions} />}
        {suggestions.status === "error" && matches === null && <ErrorNotice code={suggestions.code} onRetry={retry} />}
        {choice === NEW && (
          <Field label={t.unknownSender.newCompanyName} required>
            <Input className={styles.input} value={companyName} onChange={(_, d) => update({ companyName: d.value })} maxLength={200} disabled={saving} data-testid="new-company-name" />
          </Field>
        )}
        {save.status === "error" && <ErrorNotice code={save.code} />}
        <div className={styles.actions}>
          <Button type="submit" appearance="primary" disabled={saving} data-testid="add-sender-submit">
            {saving ? t.unknownSender.adding : t.unknownSender.add}
          </Button>
          {saving && <Spinner size="tiny" aria-hidden />}
        </div>
      </form>
    </section>
  );
}
