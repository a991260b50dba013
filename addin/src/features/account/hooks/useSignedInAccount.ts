import { useSyncExternalStore } from "react";
import type { PaneTokenSource, SignedInAccount } from "../../../api/auth";

/** The account the connector's tokens are issued to; null until the first sign-in finished. */
export function useSignedInAccount({ tokens }: { tokens: PaneTokenSource }): SignedInAccount | null {
  return useSyncExternalStore(
    (onChange) => tokens.onAccountChange(onChange),
    () => tokens.account(),
  );
}
