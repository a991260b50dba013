import { CrmError, type CrmErrorCode } from "./port";

/** The CRM's last known health, from the calls the connector made anyway and from readiness probes. */
export type CrmStatus =
  | { status: "unknown" }
  | { status: "ok"; checkedAt: string }
  | { status: "error"; checkedAt: string; code: CrmErrorCode; httpStatus: number | null; message: string };

/** Codes that say the CRM itself (or our access to it) is failing, as opposed to a single bad request. */
const FAILING: ReadonlySet<CrmErrorCode> = new Set(["CRM_UNAUTHORIZED", "CRM_FORBIDDEN", "CRM_TEMPORARY", "CRM_TIMEOUT", "CRM_UNKNOWN"]);

export interface ObservedCrm<T> {
  crm: T;
  status(): CrmStatus;
  /** True after an ordinary call failed in a way that proves nothing (a 404 may be a missing record or a wrong URL). */
  doubtful(): boolean;
  /**
   * Asks the CRM with `check`, a call that must always succeed against a healthy tenant (listing its
   * users): every failure counts, a 404 too, which from an ordinary call only means a missing record.
   */
  probe(check: (crm: T) => Promise<unknown>): Promise<CrmStatus>;
}

/** Wraps every method of a CRM client to record the outcome of its calls. */
export function observeCrm<T extends object>(crm: T, now: () => Date = () => new Date()): ObservedCrm<T> {
  let current: CrmStatus = { status: "unknown" };
  let doubt = false;
  const failed = (error: unknown): CrmStatus => ({
    status: "error",
    checkedAt: now().toISOString(),
    code: error instanceof CrmError ? error.code : "CRM_UNKNOWN",
    httpStatus: error instanceof CrmError ? (error.detail?.status ?? null) : null,
    message: error instanceof Error ? error.message : String(error),
  });
  const record = (error: unknown) => {
    if (error === undefined) current = { status: "ok", checkedAt: now().toISOString() };
    else if (!(error instanceof CrmError) || FAILING.has(error.code)) current = failed(error);
    // A record not found says nothing about the CRM's health either way, until a probe has asked.
    else if (error.code === "CRM_NOT_FOUND") doubt = true;
  };
  const proxy = new Proxy(crm, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]): unknown => {
        const result: unknown = value.apply(target, args);
        if (!(result instanceof Promise)) return result;
        return result.then(
          (ok: unknown) => {
            record(undefined);
            return ok;
          },
          (error: unknown) => {
            record(error);
            throw error;
          },
        );
      };
    },
  });
  return {
    crm: proxy,
    status: () => current,
    doubtful: () => doubt,
    async probe(check) {
      doubt = false;
      try {
        await check(crm);
        current = { status: "ok", checkedAt: now().toISOString() };
      } catch (error) {
        current = failed(error);
      }
      return current;
    },
  };
}
