import { Button, Caption1, Checkbox, Field, Input, makeStyles, MessageBar, MessageBarActions, MessageBarBody, Select, Textarea, tokens } from "@fluentui/react-components";
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from "react";
import type { CompanyCard } from "../../../../../shared/api/card";
import { ACTIVITY_TYPES } from "../../../../../shared/domain/vocabulary";
import { useServices } from "../../../app/services";
import { DateField } from "../../../components/DateField";
import { useI18n } from "../../../i18n/I18nProvider";
import { useActivityDraft, type DraftDefaults } from "../hooks/useActivityDraft";
import { useDictation } from "../hooks/useDictation";
import { useNextStepProposal } from "../hooks/useNextStepProposal";
import { draftKey, readDraft, writeDraft, type ActivityDraft } from "../utils/draft";
import { toClientError } from "../../../api/errors";
import type { ClientErrorCode } from "../../../i18n/messages";
import type { LogActivityResponse } from "../../../../../shared/api/activity";
import { formatCrmDateLong } from "../../../i18n/language";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  // Two fields side by side where they fit, one above the other in a narrow pane.
  row: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 8.5rem), 1fr))", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS },
  cell: { minWidth: 0 },
  fill: { width: "100%", minWidth: 0 },
  // The button, then what became of the last form below it, each as wide as the pane allows.
  closed: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS, minWidth: 0 },
  opener: { alignSelf: "flex-start" },
  actions: { display: "flex", columnGap: tokens.spacingHorizontalS, alignItems: "center", flexWrap: "wrap" },
  muted: { color: tokens.colorNeutralForeground3 },
});

/**
 * Log a completed activity with its next step. Every keystroke goes to a local draft (per item and
 * person); Save hands the activity to the outbox with the draft's idempotency key, so it is saved exactly
 * once even when the connector is away. The confirmation says what became of the customer's follow-up.
 */
export default function LogActivity(props: {
  card: CompanyCard;
  itemKey: string;
  onSaved: () => void;
  /** How a new draft starts, e.g. a meeting's type and date. */
  defaults?: DraftDefaults;
  /** Opens the form whenever it changes (a banner's "log it"); 0 or absent: nothing asked. */
  openRequest?: number;
}) {
  const { card, itemKey, onSaved, defaults, openRequest } = props;
  const { storage } = useServices();
  const { t } = useI18n();
  const styles = useStyles();
  const key = draftKey(itemKey, draftOwner(card));
  // A draft left from before (switching mail, a closed pane) opens the form again.
  const [open, setOpen] = useState(() => Boolean(openRequest) || readDraft(storage, key) !== null);
  // Saved: the connector's answer, or true while the outbox still has the save.
  const [saved, setSaved] = useState<LogActivityResponse | boolean>(false);
  // A draft thrown away by Cancel, held here (and nowhere on the device) until Undo or the next action.
  const [discarded, setDiscarded] = useState<ActivityDraft | null>(null);
  // Focus goes back to "Log activity" when the form closes, as it came from there.
  const opener = useRef<HTMLButtonElement>(null);
  const [returnFocus, setReturnFocus] = useState(false);
  // Focus moves into a form the rep opened; one reopened from a kept draft as the card loads leaves focus be.
  const [focusForm, setFocusForm] = useState(false);
  useEffect(() => {
    if (!openRequest) return;
    setOpen(true);
    setFocusForm(true);
  }, [openRequest]);
  useEffect(() => {
    if (open || !returnFocus) return;
    opener.current?.focus();
    setReturnFocus(false);
  }, [open, returnFocus]);
  const openForm = () => {
    setOpen(true);
    setFocusForm(true);
    setSaved(false);
    setDiscarded(null);
  };

  if (!open) {
    return (
      <div className={styles.closed}>
        <Button appearance="primary" className={styles.opener} ref={opener} onClick={openForm} data-testid="log-activity">
          {t.logActivity}
        </Button>
        {saved !== false && (
          <MessageBar intent="success" layout="multiline" data-testid="activity-saved">
            <MessageBarBody>
              {t.activitySaved}
              {typeof saved === "object" && <SavedFollowUp response={saved} />}
            </MessageBarBody>
          </MessageBar>
        )}
        {discarded && (
          <MessageBar intent="info" layout="multiline" data-testid="draft-discarded">
            <MessageBarBody>{t.draftDiscarded}</MessageBarBody>
            <MessageBarActions>
              <Button
                size="small"
                data-testid="undo-discard"
                onClick={() => {
                  writeDraft(storage, key, discarded);
                  openForm();
                }}
              >
                {t.undo}
              </Button>
            </MessageBarActions>
          </MessageBar>
        )}
      </div>
    );
  }

  return (
    <LogActivityForm
      card={card}
      itemKey={itemKey}
      defaults={defaults}
      autoFocus={focusForm}
      onClose={(result, detail) => {
        setOpen(false);
        setReturnFocus(true);
        setDiscarded(result === "discarded" ? (detail?.discarded ?? null) : null);
        if (result === "saved") {
          setSaved(detail?.response ?? true);
          onSaved();
        }
      }}
    />
  );
}

/** What became of the customer's follow-up, in the pane's language and date format. */
function SavedFollowUp({ response }: { response: LogActivityResponse }) {
  const { t, locale } = useI18n();
  const followUp = response.followUp;
  if (followUp.action === "none" || followUp.date === null) return null;
  const date = formatCrmDateLong(followUp.date, locale);
  const who = followUp.associate?.name ?? null;
  return <div data-testid="follow-up-outcome">{followUp.action === "moved" ? t.followUpMoved(date, who) : t.followUpCreated(date, who)}</div>;
}

/** Whose draft it is: the person's address, or the company for a card without a person. */
function draftOwner(card: CompanyCard): string {
  return card.person?.email ?? `company:${card.company.id}`;
}

/**
 * The form itself: focus starts in it, Escape or Cancel closes it (a draft with something typed is thrown
 * away, with an undo), Enter in a one-line field does nothing and Ctrl+Enter saves.
 */
function LogActivityForm(props: {
  card: CompanyCard;
  itemKey: string;
  defaults?: DraftDefaults;
  autoFocus: boolean;
  onClose: (result: "saved" | "queued" | "cancelled" | "discarded", detail?: { discarded?: ActivityDraft; response?: LogActivityResponse }) => void;
}) {
  const { card, itemKey, defaults, autoFocus, onClose } = props;
  const { api, outbox, storage } = useServices();
  const { t, locale, formatDate } = useI18n();
  const styles = useStyles();
  const { draft, update, discard, stored } = useActivityDraft({ storage, itemKey, email: draftOwner(card), defaults });
  // Set when the save had to go straight to the connector (nothing could be stored) and did not get there.
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<ClientErrorCode | null>(null);
  const proposal = useNextStepProposal({ api, companyId: card.company.id, after: draft.date });
  const followUpDate = draft.followUpDate || proposal?.date || "";
  const appendNotes = useCallback((text: string) => update({ notes: draft.notes ? `${draft.notes} ${text}` : text }), [update, draft.notes]);
  const dictation = useDictation({ locale, onText: appendNotes });
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (autoFocus) form.current?.querySelector<HTMLElement>("select, input, textarea")?.focus();
  }, [autoFocus]);

  const cancel = () => {
    if (!stored) return onClose("cancelled");
    const kept = draft;
    discard();
    onClose("discarded", { discarded: kept });
  };
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === "Escape") {
      e.preventDefault();
      cancel();
    } else if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      if (draft.date && !sending) void save();
    } else if (e.key === "Enter" && e.target instanceof HTMLInputElement) {
      // A one-line field is no place to send a whole activity from.
      e.preventDefault();
    }
  };

  const save = async () => {
    const request = {
      idempotencyKey: draft.idempotencyKey,
      companyId: card.company.id,
      personId: card.person?.id ?? null,
      type: draft.type,
      date: draft.date,
      notes: draft.notes,
      outcome: draft.outcome,
      nextStep: draft.followUp && followUpDate ? { date: followUpDate, text: draft.followUpText } : null,
      ...(draft.followUp && draft.separateFollowUp ? { separateFollowUp: true } : {}),
    };
    let pending: Promise<LogActivityResponse | null>;
    try {
      pending = outbox.enqueue(request, card.company.name);
    } catch {
      // This device cannot keep the save (storage full or blocked): send it now, and keep the form
      // with everything typed until the connector has it.
      setSending(true);
      setSendError(null);
      try {
        const response = await api.logActivity(request);
        discard();
        onClose("saved", { response });
      } catch (error) {
        setSendError(toClientError(error).code);
        setSending(false);
      }
      return;
    }
    // The outbox holds the activity from here on: the draft can go, nothing is lost if this fails.
    discard();
    onClose("queued");
    const response = await pending;
    if (response) onClose("saved", { response });
  };

  return (
    <form
      className={styles.form}
      aria-label={t.logActivity}
      data-testid="activity-form"
      ref={form}
      onKeyDown={onKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className={styles.row}>
        <Field label={t.activityType} className={styles.cell}>
          <Select value={draft.type} onChange={(_, d) => update({ type: ACTIVITY_TYPES.find((a) => a === d.value) ?? "meeting" })} data-testid="activity-type">
            {ACTIVITY_TYPES.map((a) => (
              <option key={a} value={a}>
                {t.activityTypes[a]}
              </option>
            ))}
          </Select>
        </Field>
        <DateField label={t.date} required value={draft.date} onChange={(date) => update({ date, followUpDate: "" })} testId="activity-date" />
      </div>
      <Field label={t.outcome}>
        <Input value={draft.outcome} maxLength={500} onChange={(_, d) => update({ outcome: d.value })} data-testid="activity-outcome" />
      </Field>
      <Field label={t.notes} hint={stored ? t.draftKept : undefined}>
        <Textarea value={draft.notes} resize="vertical" rows={4} maxLength={8000} onChange={(_, d) => update({ notes: d.value })} data-testid="activity-notes" />
      </Field>
      {dictation.supported && (
        <Button size="small" onClick={dictation.listening ? dictation.stop : dictation.start} aria-pressed={dictation.listening}>
          {dictation.listening ? t.stopDictation : t.dictate}
        </Button>
      )}
      <Checkbox label={t.createFollowUp} checked={draft.followUp} onChange={(_, d) => update({ followUp: d.checked === true })} data-testid="follow-up-toggle" />
      {draft.followUp && (
        <>
          <div className={styles.row}>
            <DateField
              label={t.followUpDate}
              hint={proposal ? t.proposedBy(proposal.intervalWeeks) : undefined}
              value={followUpDate}
              onChange={(date) => update({ followUpDate: date })}
              testId="follow-up-date"
            />
            <Field label={t.followUpText} className={styles.cell}>
              <Input className={styles.fill} value={draft.followUpText} maxLength={500} onChange={(_, d) => update({ followUpText: d.value })} data-testid="follow-up-text" />
            </Field>
          </div>
          {followUpDate && <Caption1 className={styles.muted}>{formatDate(followUpDate)}</Caption1>}
          <Checkbox
            label={t.separateFollowUp}
            checked={draft.separateFollowUp === true}
            onChange={(_, d) => update({ separateFollowUp: d.checked === true })}
            data-testid="separate-follow-up"
          />
        </>
      )}
      {sendError && (
        <MessageBar intent="error" data-testid="activity-not-saved">
          <MessageBarBody>{t.activityNotSaved(t.errors[sendError])}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={!draft.date || sending} aria-keyshortcuts="Control+Enter" data-testid="save-activity">
          {t.save}
        </Button>
        <Button onClick={cancel} data-testid="cancel-activity">
          {t.cancel}
        </Button>
      </div>
    </form>
  );
}
