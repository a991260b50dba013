import { assertNever } from "../../../../../shared/domain/vocabulary";
import { useServices } from "../../../app/services";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { useCard } from "../hooks/useCard";
import { CardSkeleton } from "./CardSkeleton";
import { CustomerDetails } from "./CustomerDetails";
import { NotInCrm } from "./NotInCrm";

/** Loads and shows the card of one person on one item. */
export function CustomerCard({ email, itemKey }: { email: string; itemKey: string }) {
  const { api, office } = useServices();
  const { state, reload } = useCard({ api, office, email, itemKey });
  switch (state.status) {
    case "loading":
      return <CardSkeleton />;
    case "found":
      return <CustomerDetails card={state.card} itemKey={itemKey} />;
    case "not-found":
      return <NotInCrm email={state.email} />;
    case "error":
      return <ErrorNotice code={state.code} onRetry={reload} />;
    default:
      return assertNever(state, "card state");
  }
}
