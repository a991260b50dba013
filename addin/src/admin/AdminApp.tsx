import { Body1, Field, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Select, Spinner, Tab, TabList, tokens } from "@fluentui/react-components";
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from "react";
import { ClientConfig } from "../../../shared/api/client-config";
import { PreviewMailbox, type PreviewRep } from "../../../shared/api/preview";
import type { Settings } from "../../../shared/api/settings";
import { createTokenSource } from "../api/auth";
import { toClientError } from "../api/errors";
import { requestJson, type FetchLike } from "../api/http";
import { LANGUAGES, type Language } from "../i18n/language";
import { createAdminClient, type AdminClient } from "./api/adminClient";
import { createRedirectTokenSource } from "./auth/redirect";
import { ErrorBar } from "./components/ErrorBar";
import { PolicySection } from "./features/policy/PolicySection";
import type { Loadable } from "./features/policy/useWorkload";
import { AdminI18nProvider, useAdminI18n } from "./i18n";

// The policy opens first; the other sections load when their tab is opened.
const TiersSection = lazy(() => import(/* webpackChunkName: "admin-tiers" */ "./features/tiers/TiersSection").then((m) => ({ default: m.TiersSection })));
const ImportsSection = lazy(() => import(/* webpackChunkName: "admin-imports" */ "./features/imports/ImportsSection").then((m) => ({ default: m.ImportsSection })));
const WeeklyListsSection = lazy(() =>
  import(/* webpackChunkName: "admin-weekly-lists" */ "./features/weekly-lists/WeeklyListsSection").then((m) => ({ default: m.WeeklyListsSection })),
);

export const SECTIONS = ["policy", "tiers", "imports", "weeklyLists"] as const;
export type SectionKey = (typeof SECTIONS)[number];

const LANGUAGE_NAMES: Record<Language, string> = { en: "English", sv: "Svenska", nb: "Norsk (bokmål)" };

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
  tabs: { padding: `0 ${tokens.spacingHorizontalL}`, backgroundColor: tokens.colorNeutralBackground1, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  main: {
    margin: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL}`,
    padding: tokens.spacingHorizontalXL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow4,
    "@media (max-width: 900px)": { margin: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`, padding: tokens.spacingHorizontalM },
  },
  account: { color: tokens.colorNeutralForeground2, marginTop: 0 },
});

export interface AdminAppProps {
  baseUrl: string;
  fetchImpl?: FetchLike;
  /** Entra ID sends the browser back here after sign-in. */
  redirectUri: string;
  initial: { language: Language; rep: string | null; section: SectionKey };
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
  const [identity, setIdentity] = useState<Loadable<Identity>>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    document.documentElement.lang = language;
    props.onNavigate?.({ language, rep, section });
  }, [language, rep, section, props.onNavigate]);

  useEffect(() => {
    let live = true;
    (async (): Promise<Identity> => {
      const config = await requestJson(fetchImpl, props.baseUrl, ClientConfig, { path: "/api/v1/client-config" });
      if (config.auth === "entra") return { kind: "entra" };
      // The embedded demo signs in as a rep of the demo tenant, picked like the preview does.
      const mailbox = await requestJson(fetchImpl, props.baseUrl, PreviewMailbox, { path: "/preview/mailbox.json" });
      return { kind: "embedded", reps: mailbox.reps };
    })().then(
      (value) => live && setIdentity({ status: "ready", value }),
      (error: unknown) => live && setIdentity({ status: "error", error }),
    );
    return () => {
      live = false;
    };
  }, [fetchImpl, props.baseUrl, attempt]);

  const embeddedReps = identity.status === "ready" && identity.value.kind === "embedded" ? identity.value.reps : null;
  const repEmail = embeddedReps ? (embeddedReps.find((r) => r.email === rep) ?? embeddedReps[0])?.email ?? null : null;

  const tokens_ = useMemo(
    () =>
      identity.status === "ready"
        ? createTokenSource({ fetchImpl, baseUrl: props.baseUrl, mailboxEmail: repEmail ?? "", entra: (cfg) => createRedirectTokenSource(cfg, { redirectUri: props.redirectUri }) })
        : null,
    [identity.status, fetchImpl, props.baseUrl, props.redirectUri, repEmail],
  );
  const client = useMemo(() => (tokens_ ? createAdminClient({ baseUrl: props.baseUrl, tokens: tokens_, fetchImpl }) : null), [tokens_, props.baseUrl, fetchImpl]);

  return (
    <AdminI18nProvider language={language}>
      <Shell
        language={language}
        onLanguage={setLanguage}
        reps={embeddedReps}
        rep={repEmail}
        onRep={setRep}
      >
        {identity.status === "loading" && <Spinner label="…" />}
        {identity.status === "error" && <ErrorBar error={identity.error} onRetry={() => setAttempt((a) => a + 1)} />}
        {client && (
          <SignedIn
            key={repEmail ?? "entra"}
            client={client}
            section={section}
            onSection={setSection}
            who={() => tokens_?.account()?.username ?? repEmail ?? ""}
            showWho={embeddedReps === null}
          />
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
            <Select value={props.language} onChange={(_, d) => props.onLanguage(LANGUAGES.find((l) => l === d.value) ?? "en")} data-testid="language-picker">
              {LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {LANGUAGE_NAMES[l]}
                </option>
              ))}
            </Select>
          </Field>
        </div>
      </header>
      {props.children}
    </div>
  );
}

function SignedIn(props: { client: AdminClient; section: SectionKey; onSection: (s: SectionKey) => void; who: () => string; showWho: boolean }) {
  const { t } = useAdminI18n();
  const styles = useStyles();
  const [settings, setSettings] = useState<Loadable<Settings>>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  // Sections stay mounted once opened, so switching tabs keeps what the admin typed.
  const [visited, setVisited] = useState<ReadonlySet<SectionKey>>(() => new Set([props.section]));
  useEffect(() => setVisited((v) => (v.has(props.section) ? v : new Set([...v, props.section]))), [props.section]);
  const retry = useCallback(() => setAttempt((a) => a + 1), []);

  useEffect(() => {
    const abort = new AbortController();
    setSettings({ status: "loading" });
    props.client.getSettings(abort.signal).then(
      (value) => setSettings({ status: "ready", value }),
      (error: unknown) => !abort.signal.aborted && setSettings({ status: "error", error }),
    );
    return () => abort.abort();
  }, [props.client, attempt]);

  if (settings.status === "loading") {
    return (
      <main className={styles.main}>
        <Spinner label={t.loading} />
      </main>
    );
  }
  if (settings.status === "error") {
    const forbidden = toClientError(settings.error).code === "FORBIDDEN";
    return (
      <main className={styles.main}>
        {forbidden ? (
          <MessageBar intent="warning" data-testid="not-admin">
            <MessageBarBody>
              <MessageBarTitle>{t.notAdmin}</MessageBarTitle>
              {t.notAdminDetail(props.who())}
            </MessageBarBody>
          </MessageBar>
        ) : (
          <ErrorBar error={settings.error} onRetry={retry} />
        )}
      </main>
    );
  }
  const onSaved = (value: Settings) => setSettings({ status: "ready", value });
  const current = settings.value;
  return (
    <>
      <nav className={styles.tabs}>
        <TabList selectedValue={props.section} onTabSelect={(_, d) => props.onSection(d.value as SectionKey)} aria-label={t.title}>
          {SECTIONS.map((s) => (
            <Tab key={s} value={s} data-testid={`tab-${s}`}>
              {t.sections[s]}
            </Tab>
          ))}
        </TabList>
      </nav>
      <main className={styles.main}>
        {props.showWho && (
          <Body1 as="p" className={styles.account} data-testid="signed-in-as">
            {t.signedInAccount(props.who())}
          </Body1>
        )}
        {SECTIONS.filter((s) => visited.has(s)).map((s) => (
          <div key={s} hidden={s !== props.section}>
            <Suspense fallback={<Spinner label={t.loading} />}>
              {s === "policy" && <PolicySection client={props.client} settings={current} onSaved={onSaved} />}
              {s === "tiers" && <TiersSection client={props.client} settings={current} onSaved={onSaved} />}
              {s === "imports" && <ImportsSection client={props.client} />}
              {s === "weeklyLists" && <WeeklyListsSection client={props.client} settings={current} onSaved={onSaved} />}
            </Suspense>
          </div>
        ))}
      </main>
    </>
  );
}
