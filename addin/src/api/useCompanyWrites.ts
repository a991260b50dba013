import { useEffect, useState } from "react";
import type { ApiClient } from "./client";

/**
 * A number that grows with every write the pane makes on the company (an activity, also one the outbox
 * sends later, a judgement, an archived e-mail, an added person): a load that depends on it reads again.
 */
export function useCompanyWrites(api: Pick<ApiClient, "onWrite">, companyId: number | null): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (companyId === null) return undefined;
    return api.onWrite((written) => {
      if (written === companyId) setVersion((n) => n + 1);
    });
  }, [api, companyId]);
  return version;
}
