import { useEffect, useState, type Dispatch, type SetStateAction } from "react";

const PREFIX = "kundrytm.admin.draft.";

/** The tab's session storage, or null where the browser blocks it (the drafts then live in memory only). */
function sessionStore(): Storage | null {
  try {
    return typeof sessionStorage === "undefined" ? null : sessionStorage;
  } catch {
    return null;
  }
}

export function readKeptDraft<T>(key: string, isDraft: (value: unknown) => value is T, storage: Storage | null = sessionStore()): T | null {
  try {
    const raw = storage?.getItem(PREFIX + key);
    if (!raw) return null;
    const value: unknown = JSON.parse(raw);
    return isDraft(value) ? value : null;
  } catch {
    return null;
  }
}

/**
 * A section's unsaved edits, kept in the tab's session storage while they differ from what is saved.
 * Signing in again leaves the page for Entra ID (a full-page redirect, possibly in the middle of a Save):
 * the edits come back when the page loads again, still unsaved, instead of being lost with React's state.
 */
export function useKeptDraft<T>(key: string, saved: T, isDraft: (value: unknown) => value is T): [T, Dispatch<SetStateAction<T>>] {
  const [draft, setDraft] = useState<T>(() => readKeptDraft(key, isDraft) ?? saved);
  useEffect(() => {
    const storage = sessionStore();
    try {
      if (JSON.stringify(draft) === JSON.stringify(saved)) storage?.removeItem(PREFIX + key);
      else storage?.setItem(PREFIX + key, JSON.stringify(draft));
    } catch {
      // Storage full or blocked: the edits stay on the page as before.
    }
  }, [key, draft, saved]);
  return [draft, setDraft];
}

export const isStringRecord = (value: unknown): value is Record<string, string> =>
  typeof value === "object" && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === "string");
