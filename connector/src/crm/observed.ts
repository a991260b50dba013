import { CrmError, type CrmErrorCode } from "./port";

/** The CRM's last known health, from the calls the connector made anyway (no probe on every /health). */
export type CrmStatus =
  | { status: "unknown" }
  | { status: "ok"; checkedAt: string }
  | { status: "error"; checkedAt: string; code: CrmErrorCode };

/** Codes that say the CRM itself (or our access to it) is failing, as opposed to a single bad request. */
const FAILING: ReadonlySet<CrmErrorCode> = new Set(["CRM_UNAUTHORIZED", "CRM_FORBIDDEN", "CRM_TEMPORARY", "CRM_UNKNOWN"]);

/** Wraps every method of a CRM client to record the outcome of its calls. */
export function observeCrm<T extends object>(crm: T, now: () => Date = () => new Date()): { crm: T; status: () => CrmStatus } {
  let current: CrmStatus = { status: "unknown" };
  const record = (error: unknown) => {
    const checkedAt = now().toISOString();
    if (error === undefined || (error instanceof CrmError && !FAILING.has(error.code))) current = { status: "ok", checkedAt };
    else current = { status: "error", checkedAt, code: error instanceof CrmError ? error.code : "CRM_UNKNOWN" };
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
  return { crm: proxy, status: () => current };
}
