import { useEffect, useState } from "react";
import type { NextStepProposal } from "../../../../../shared/api/activity";
import type { ApiClient } from "../../../api/client";

/** The policy's follow-up date after a contact on `after`; null while unknown or when the policy proposes none. */
export function useNextStepProposal({ api, companyId, after }: { api: ApiClient; companyId: number; after: string }) {
  const [proposal, setProposal] = useState<NextStepProposal["proposal"]>(null);
  useEffect(() => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(after)) return;
    const controller = new AbortController();
    api.proposeNextStep(companyId, after, controller.signal).then(
      (r) => setProposal(r.proposal),
      () => setProposal(null),
    );
    return () => controller.abort();
  }, [api, companyId, after]);
  return proposal;
}
