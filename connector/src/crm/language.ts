import { AsyncLocalStorage } from "node:async_hooks";
import type { ExplanationLocale } from "../../../shared/domain/explain";

/**
 * The rep's language for what the CRM returns while one pane request is served: SuperOffice's list
 * items (activity types, categories) and the display values in archive rows come back in it. Outside a
 * pane request (jobs, the CLI) the CRM client's configured language applies.
 */
const current = new AsyncLocalStorage<ExplanationLocale>();

/** Runs `work` with CRM answers in `language`; null keeps the configured language. */
export function inCrmLanguage<T>(language: ExplanationLocale | null, work: () => T): T {
  return language === null ? work() : current.run(language, work);
}

export function currentCrmLanguage(): ExplanationLocale | undefined {
  return current.getStore();
}
