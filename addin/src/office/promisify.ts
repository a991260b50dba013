import type { AsyncCallback, OfficeLike } from "./types";

export class OfficeCallError extends Error {
  override readonly name = "OfficeCallError";
  constructor(
    readonly operation: string,
    message: string,
    readonly officeCode?: number,
  ) {
    super(`${operation}: ${message}`);
  }
}

/**
 * Turns an Office `*Async(callback)` call into a promise that rejects when the result is Failed.
 * Nothing is thrown inside the callback: a throw there would escape every caller's try.
 */
export function officeCall<T>(office: OfficeLike, operation: string, invoke: (callback: AsyncCallback<T>) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    try {
      invoke((result) => {
        if (result.status === office.AsyncResultStatus.Succeeded) resolve(result.value);
        else reject(new OfficeCallError(operation, result.error?.message ?? "failed", result.error?.code));
      });
    } catch (error) {
      // Some hosts throw synchronously for unsupported calls instead of calling back.
      reject(new OfficeCallError(operation, error instanceof Error ? error.message : String(error)));
    }
  });
}
