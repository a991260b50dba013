import { FluentProvider, makeStyles, Subtitle1, tokens, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { I18nProvider, useI18n } from "../i18n/I18nProvider";
import type { Language } from "../i18n/language";
import { SignedInAs } from "../features/account/components/SignedInAs";
import { OutboxStatus } from "../features/activity/components/OutboxStatus";
import { CardPane } from "../features/card/components/CardPane";
import { ServicesProvider, type PaneServices } from "./services";

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
  header: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS, minWidth: 0 },
});

function Shell() {
  const { t } = useI18n();
  const styles = useStyles();
  return (
    <main className={styles.shell}>
      <header className={styles.header}>
        <Subtitle1 as="h1">{t.appName}</Subtitle1>
        <SignedInAs />
      </header>
      <OutboxStatus />
      <CardPane />
    </main>
  );
}

export interface PaneAppProps {
  services: PaneServices;
  language: Language;
  displayLanguage: string;
  dark: boolean;
}

/** The whole task pane: one FluentProvider (light or dark as Outlook is), strings, services. */
export function PaneApp({ services, language, displayLanguage, dark }: PaneAppProps) {
  const styles = useStyles();
  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} className={styles.provider}>
      <I18nProvider language={language} displayLanguage={displayLanguage}>
        <ServicesProvider services={services}>
          <Shell />
        </ServicesProvider>
      </I18nProvider>
    </FluentProvider>
  );
}
