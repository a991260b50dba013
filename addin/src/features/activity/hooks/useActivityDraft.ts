import { useCallback, useState } from "react";
import { clearDraft, draftKey, localToday, readDraft, writeDraft, type ActivityDraft } from "../utils/draft";

const empty = (): ActivityDraft => ({ type: "meeting", date: localToday(), outcome: "", notes: "", followUp: true, followUpDate: "", followUpText: "" });

/** The log form's fields for one person on one item, kept in storage on every change. */
export function useActivityDraft({ storage, itemKey, email }: { storage: Storage; itemKey: string; email: string }) {
  const key = draftKey(itemKey, email);
  const [draft, setDraft] = useState<ActivityDraft>(() => readDraft(storage, key) ?? empty());
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
    setDraft(empty());
  }, [storage, key]);
  return { draft, update, discard, stored };
}
