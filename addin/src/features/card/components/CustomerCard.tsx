import { lazy, Suspense } from "react";
import { assertNever } from "../../../../../shared/domain/vocabulary";
import { useServices } from "../../../app/services";
import { useI18n } from "../../../i18n/I18nProvider";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { useCard } from "../hooks/useCard";
import { CardSkeleton } from "./CardSkeleton";
import { CustomerDetails } from "./CustomerDetails";
import { NotInCrm } from "./NotInCrm";

// Actions load after the card, beside the editing chunk, so the first paint stays small.
const ArchiveEmail = lazy(() => import(/* webpackChunkName: "edit" */ "../../archive/components/ArchiveEmail"));
const AddSender = lazy(() => import(/* webpackChunkName: "sender" */ "../../unknown-sender/components/AddSender"));

/** Loads and shows the card of one person on one item; a sender not in the CRM can be added from here. */
export function CustomerCard({
  email,
  name = "",
  itemKey,
  ...log
}: { email: string; name?: string; itemKey: string } & Pick<Parameters<typeof CustomerDetails>[0], "logDefaults" | "logRequest" | "onSaved">) {
  const { api, office } = useServices();
  const { t } = useI18n();
  const { state, reload } = useCard({ api, office, email, itemKey });
  switch (state.status) {
    case "loading":
      return <CardSkeleton />;
    case "found":
      return (
        <>
          <CustomerDetails card={state.card} itemKey={itemKey} {...log} />
          <Suspense fallback={null}>
            <ArchiveEmail itemKey={itemKey} companyId={state.card.company.id} personId={state.card.person.id} />
          </Suspense>
        </>
      );
    case "not-found":
      return (
        <>
          <NotInCrm email={state.email} />
          <Suspense fallback={null}>
            <AddSender email={email} displayName={name} onAdded={reload} />
          </Suspense>
        </>
      );
    case "error":
      return <ErrorNotice code={state.code} retryAfterSeconds={state.retryAfterSeconds} title={t.cardNotLoaded(name && name !== email ? `${name} (${email})` : email)} onRetry={reload} />;
    default:
      return assertNever(state, "card state");
  }
}
