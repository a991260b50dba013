import { Field, makeStyles, Select, Spinner, tokens } from "@fluentui/react-components";
import { lazy, Suspense, useEffect, useMemo, useState } from "react";
import { ClientConfig } from "../../../shared/api/client-config";
import { PreviewMailbox, type PreviewRep } from "../../../shared/api/preview";
import { createTokenSource, type TokenSource } from "../api/auth";
import { requestJson, type FetchLike } from "../api/http";
import { LANGUAGE_NAMES, LANGUAGES, type Language } from "../i18n/language";
import { createRedirectTokenSource } from "./auth/redirect";
import { ChoiceSelect } from "./components/ChoiceSelect";
import { ErrorBar } from "./components/ErrorBar";
import { AdminI18nProvider, useAdminI18n } from "./i18n";
import { useLoad, type Loadable } from "../api/useLoad";
import type { SectionKey } from "./sections";

// The page's frame signs in first; the settings and their sections load in a chunk of their own.
const SignedIn = lazy(() => import(/* webpackChunkName: "admin-signed-in" */ "./SignedIn").then((m) => ({ default: m.SignedIn })));

export { SECTIONS, type SectionKey } from "./sections";


const useStyles = makeStyles({
  page: { minHeight: "100vh", backgroundColor: tokens.colorNeutralBackground2, color: tokens.colorNeutralForeground1 },
  header: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "flex-end",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase600, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase600 },
  controls: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalM, alignItems: "flex-end" },
  status: { margin: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL}` },
});

export interface AdminAppProps {
  baseUrl: string;
  fetchImpl?: FetchLike;
  /** Entra ID sends the browser back here after sign-in. */
  redirectUri: string;
  initial: { language: Language; rep: string | null; section: SectionKey };
  /** Entra ID sign-in; by default MSAL's redirect flow back to `redirectUri`. */
  entra?: (config: Extract<ClientConfig, { auth: "entra" }>) => TokenSource;
  /** Told whenever the language, rep or section changes (the page keeps them in its address). */
  onNavigate?: (state: { language: Language; rep: string | null; section: SectionKey }) => void;
}

type Identity = { kind: "embedded"; reps: PreviewRep[] } | { kind: "entra" };

/** The admin page: how to sign in (client-config), then the settings, then the four sections. */
export function AdminApp(props: AdminAppProps) {
  const [language, setLanguage] = useState<Language>(props.initial.language);
  const [rep, setRep] = useState<string | null>(props.initial.rep);
  const [section, setSection] = useState<SectionKey>(props.initial.section);
  const fetchImpl = useMemo<FetchLike>(() => props.fetchImpl ?? ((input, init) => fetch(input, init)), [props.fetchImpl]);

  useEffect(() => {
    document.documentElement.lang = language;
    props.onNavigate?.({ language, rep, section });
  }, [language, rep, section, props.onNavigate]);

  const { state: identity, reload: retry } = useLoad(
    async (signal): Promise<Identity> => {
      const config = await requestJson(fetchImpl, props.baseUrl, ClientConfig, { path: "/api/v1/client-config", signal });
      if (config.auth === "entra") return { kind: "entra" };
      // The embedded demo signs in as a rep of the demo tenant, picked like the preview does.
      const mailbox = await requestJson(fetchImpl, props.baseUrl, PreviewMailbox, { path: "/preview/mailbox.json", signal });
      return { kind: "embedded", reps: mailbox.reps };
    },
    [fetchImpl, props.baseUrl],
  );

  const embeddedReps = identity.status === "ready" && identity.value.kind === "embedded" ? identity.value.reps : null;
  const repEmail = embeddedReps ? (embeddedReps.find((r) => r.email === rep) ?? embeddedReps[0])?.email ?? null : null;

  const tokenSource = useMemo(
    () =>
      identity.status === "ready"
        ? createTokenSource({ fetchImpl, baseUrl: props.baseUrl, mailboxEmail: repEmail ?? "", entra: props.entra ?? ((cfg) => createRedirectTokenSource(cfg, { redirectUri: props.redirectUri })) })
        : null,
    [identity.status, fetchImpl, props.baseUrl, props.redirectUri, props.entra, repEmail],
  );

  return (
    <AdminI18nProvider language={language}>
      <Shell language={language} onLanguage={setLanguage} reps={embeddedReps} rep={repEmail} onRep={setRep}>
        <Status identity={identity} onRetry={retry} />
        {tokenSource && (
          <Suspense fallback={null}>
            <SignedIn
              key={repEmail ?? "entra"}
              baseUrl={props.baseUrl}
              fetchImpl={fetchImpl}
              tokens={tokenSource}
              section={section}
              onSection={setSection}
              who={() => tokenSource.account()?.username ?? repEmail ?? ""}
              showWho={embeddedReps === null}
            />
          </Suspense>
        )}
      </Shell>
    </AdminI18nProvider>
  );
}

function Shell(props: {
  language: Language;
  onLanguage: (l: Language) => void;
  reps: PreviewRep[] | null;
  rep: string | null;
  onRep: (email: string) => void;
  children: React.ReactNode;
}) {
  const { t } = useAdminI18n();
  const styles = useStyles();
  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <h1 className={styles.title}>{t.title}</h1>
        <div className={styles.controls}>
          {props.reps && (
            <Field label={t.signedInAs}>
              <Select value={props.rep ?? ""} onChange={(_, d) => props.onRep(d.value)} data-testid="rep-picker">
                {props.reps.map((r) => (
                  <option key={r.email} value={r.email}>
                    {r.name} ({r.initials})
                  </option>
                ))}
              </Select>
            </Field>
          )}
          <Field label={t.language}>
            <ChoiceSelect value={props.language} choices={LANGUAGES} label={(l) => LANGUAGE_NAMES[l]} onChange={props.onLanguage} testId="language-picker" />
          </Field>
        </div>
      </header>
      {props.children}
    </div>
  );
}

function Status({ identity, onRetry }: { identity: Loadable<unknown>; onRetry: () => void }) {
  const { t } = useAdminI18n();
  const styles = useStyles();
  if (identity.status === "loading") return <Spinner className={styles.status} label={t.loading} />;
  if (identity.status === "error") {
    return (
      <div className={styles.status}>
        <ErrorBar error={identity.error} onRetry={onRetry} />
      </div>
    );
  }
  return null;
}
