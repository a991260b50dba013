import { Body1, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Spinner, tokens } from "@fluentui/react-components";
import { lazy, Suspense, useEffect, useMemo, useState } from "react";
import type { Settings } from "../../../shared/api/settings";
import type { TokenSource } from "../api/auth";
import { toClientError } from "../api/errors";
import type { FetchLike } from "../api/http";
import { createAdminClient } from "./api/adminClient";
import { SECTIONS, type SectionKey } from "./sections";
import { ErrorBar } from "./components/ErrorBar";
import { SectionTabs } from "./components/SectionTabs";
import { PolicySection } from "./features/policy/PolicySection";
import { useAdminI18n } from "./i18n";
import { useLoad } from "../api/useLoad";

// The policy opens first; the other sections load when their tab is opened.
const TiersSection = lazy(() => import(/* webpackChunkName: "admin-tiers" */ "./features/tiers/TiersSection").then((m) => ({ default: m.TiersSection })));
const ImportsSection = lazy(() => import(/* webpackChunkName: "admin-imports" */ "./features/imports/ImportsSection").then((m) => ({ default: m.ImportsSection })));
const WeeklyListsSection = lazy(() =>
  import(/* webpackChunkName: "admin-weekly-lists" */ "./features/weekly-lists/WeeklyListsSection").then((m) => ({ default: m.WeeklyListsSection })),
);

const useStyles = makeStyles({
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

export interface SignedInProps {
  baseUrl: string;
  fetchImpl: FetchLike;
  tokens: TokenSource;
  section: SectionKey;
  onSection: (s: SectionKey) => void;
  who: () => string;
  showWho: boolean;
}

/** Everything behind the sign-in: the admin's settings, then the sections (a 403 says who is not an admin). */
export function SignedIn(props: SignedInProps) {
  const { t } = useAdminI18n();
  const styles = useStyles();
  const client = useMemo(() => createAdminClient({ baseUrl: props.baseUrl, tokens: props.tokens, fetchImpl: props.fetchImpl }), [props.baseUrl, props.tokens, props.fetchImpl]);
  const { state: settings, setState: setSettings, reload: retry } = useLoad((signal) => client.getSettings(signal), [client]);
  // Sections stay mounted once opened, so switching tabs keeps what the admin typed.
  const [visited, setVisited] = useState<ReadonlySet<SectionKey>>(() => new Set([props.section]));
  useEffect(() => setVisited((v) => (v.has(props.section) ? v : new Set([...v, props.section]))), [props.section]);

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
        <SectionTabs sections={SECTIONS} selected={props.section} label={(s) => t.sections[s]} onSelect={props.onSection} ariaLabel={t.title} />
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
              {s === "policy" && <PolicySection client={client} settings={current} onSaved={onSaved} />}
              {s === "tiers" && <TiersSection client={client} settings={current} onSaved={onSaved} />}
              {s === "imports" && <ImportsSection client={client} />}
              {s === "weeklyLists" && <WeeklyListsSection client={client} settings={current} onSaved={onSaved} />}
            </Suspense>
          </div>
        ))}
      </main>
    </>
  );
}
