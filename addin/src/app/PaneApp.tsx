import { FluentProvider, makeStyles, Text, ToggleButton, tokens, webLightTheme, type Theme } from "@fluentui/react-components";
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from "react";
import { I18nProvider, useI18n, useMessages } from "../i18n/I18nProvider";
import type { Language } from "../i18n/language";
import { SignedInAs } from "../features/account/components/SignedInAs";
import { OutboxStatus } from "../features/activity/components/OutboxStatus";
import { CardPane } from "../features/card/components/CardPane";
import { ServicesProvider, type PaneServices } from "./services";

// "My week" loads when first opened: the pane's first download is for the selected item's card.
const MyWeekView = lazy(() => import(/* webpackChunkName: "week" */ "../features/my-week/components/MyWeekView"));

type View = "item" | "week";

const useStyles = makeStyles({
  provider: { minHeight: "100%", backgroundColor: tokens.colorNeutralBackground1 },
  shell: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    boxSizing: "border-box",
    minWidth: 0,
  },
  // One compact row: the product's name and the two views; the customer comes right below.
  header: { display: "flex", alignItems: "center", columnGap: tokens.spacingHorizontalS, minWidth: 0 },
  name: { flexShrink: 0, margin: 0 },
  views: { display: "flex", columnGap: tokens.spacingHorizontalXXS, minWidth: 0, marginInlineStart: "auto" },
  view: { minWidth: 0, paddingInline: tokens.spacingHorizontalS, whiteSpace: "nowrap" },
  footer: { minWidth: 0, paddingTop: tokens.spacingVerticalS, borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
});

function Shell() {
  const { t } = useI18n();
  const styles = useStyles();
  const [view, setView] = useState<View>("item");
  // Once opened, the week stays mounted (hidden) so switching back and forth keeps it as it was.
  const [weekOpened, setWeekOpened] = useState(false);
  const select = (next: View) => {
    setView(next);
    if (next === "week") setWeekOpened(true);
  };
  // A newly selected Outlook item always wins over a customer opened from the week: the pane shows it at once.
  const [itemKey, setItemKey] = useState<string | null>(null);
  const shownItem = useRef<string | null>(null);
  const onItem = useCallback((key: string | null) => {
    if (key !== null && key !== shownItem.current) setView("item");
    shownItem.current = key;
    setItemKey(key);
  }, []);
  return (
    <main className={styles.shell}>
      <header className={styles.header} data-testid="pane-header">
        <Text as="h1" weight="semibold" className={styles.name}>
          {t.appName}
        </Text>
        {/* Two toggle buttons rather than a tab list: the same choice, without a tab list's code in the first download. */}
        <div role="group" aria-label={t.week.tabs} className={styles.views}>
          <ToggleButton size="small" appearance="subtle" className={styles.view} checked={view === "item"} onClick={() => select("item")} data-testid="tab-item">
            {t.week.thisItem}
          </ToggleButton>
          <ToggleButton size="small" appearance="subtle" className={styles.view} checked={view === "week"} onClick={() => select("week")} data-testid="tab-week">
            {t.week.myWeek}
          </ToggleButton>
        </div>
      </header>
      <SignedInAs part="warning" />
      <OutboxStatus />
      <div hidden={view !== "item"}>
        <CardPane onItem={onItem} />
      </div>
      {weekOpened && (
        <div hidden={view !== "week"}>
          <Suspense fallback={<Text role="status">{t.week.loading}</Text>}>
            <MyWeekView itemKey={itemKey} />
          </Suspense>
        </div>
      )}
      <footer className={styles.footer}>
        <SignedInAs part="who" />
      </footer>
    </main>
  );
}

export interface PaneAppProps {
  services: PaneServices;
  language: Language;
  displayLanguage: string;
  dark: boolean;
}

/** Outlook's theme: light at once; dark once its chunk is in (null until then, so light never flashes). */
function useTheme(dark: boolean): Theme | null {
  const [darkTheme, setDarkTheme] = useState<Theme | null>(null);
  useEffect(() => {
    if (!dark || darkTheme) return;
    let live = true;
    import(/* webpackChunkName: "dark" */ "./darkTheme").then(
      (m) => live && setDarkTheme(m.default),
      // Without its chunk the pane still works, in the light theme.
      () => live && setDarkTheme(webLightTheme),
    );
    return () => {
      live = false;
    };
  }, [dark, darkTheme]);
  return dark ? darkTheme : webLightTheme;
}

/** The whole task pane: one FluentProvider (light or dark as Outlook is), strings, services. */
export function PaneApp({ services, language, displayLanguage, dark }: PaneAppProps) {
  const styles = useStyles();
  const theme = useTheme(dark);
  // Like the dark theme, a Swedish or Norwegian pane shows once its strings are in: never English first.
  const messages = useMessages(language);
  if (!theme || !messages) return null;
  return (
    <FluentProvider theme={theme} className={styles.provider}>
      <I18nProvider language={language} displayLanguage={displayLanguage} messages={messages}>
        <ServicesProvider services={services}>
          <Shell />
        </ServicesProvider>
      </I18nProvider>
    </FluentProvider>
  );
}
