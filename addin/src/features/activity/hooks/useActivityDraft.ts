import { useCallback, useState } from "react";
import { clearDraft, draftKey, localToday, readDraft, writeDraft, type ActivityDraft } from "../utils/draft";
import { newIdempotencyKey } from "../utils/uuid";

export type DraftDefaults = Partial<Pick<ActivityDraft, "type" | "date">>;

const emptyDraft = (defaults: DraftDefaults = {}): ActivityDraft => ({
  type: "meeting",
  date: localToday(),
  outcome: "",
  notes: "",
  followUp: true,
  followUpDate: "",
  followUpText: "",
  separateFollowUp: false,
  idempotencyKey: newIdempotencyKey(),
  ...defaults,
});

/** A draft kept from before keys were kept with drafts gets its key when it is read. */
const withKey = (draft: ActivityDraft): ActivityDraft & { idempotencyKey: string } => ({ ...draft, idempotencyKey: draft.idempotencyKey ?? newIdempotencyKey() });

/**
 * The log form's fields for one person (or a company without one) on one item, kept in storage on
 * every change. `defaults` start a new draft, e.g. a meeting's type and date.
 */
export function useActivityDraft({ storage, itemKey, email, defaults }: { storage: Storage; itemKey: string; email: string; defaults?: DraftDefaults }) {
  const key = draftKey(itemKey, email);
  const empty = () => emptyDraft(defaults);
  const [draft, setDraft] = useState(() => withKey(readDraft(storage, key) ?? empty()));
  const [stored, setStored] = useState(() => readDraft(storage, key) !== null);
  const update = useCallback(
    (patch: Partial<ActivityDraft>) =>
      setDraft((current) => {
        const next = { ...current, ...patch };
        writeDraft(storage, key, next);
        setStored(true);
        return next;
      }),
    [storage, key],
  );
  const discard = useCallback(() => {
    clearDraft(storage, key);
    setStored(false);
    setDraft(withKey(emptyDraft(defaults)));
  }, [storage, key, defaults]);
  return { draft, update, discard, stored };
}
