import {
  Body1,
  Button,
  Field,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Select,
  Spinner,
  Switch,
  Title3,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { LANGUAGE_NAMES, LANGUAGES, pickLocale } from "../i18n/language";
import { MailboxList } from "./MailboxList";
import { PaneHost } from "./PaneHost";
import { DISPLAY_LANGUAGE, PREVIEW_MESSAGES } from "./previewMessages";
import { useMailbox } from "./useMailbox";
import { PANE_WIDTHS, readSettings, writeSettings, type PaneWidth, type PreviewSettings } from "./urlState";


const useStyles = makeStyles({
  page: { display: "flex", height: "100vh", backgroundColor: tokens.colorNeutralBackground2, color: tokens.colorNeutralForeground1 },
  side: { flex: "1 1 auto", minWidth: "260px", display: "flex", flexDirection: "column", overflow: "hidden" },
  controls: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "flex-end",
    gap: tokens.spacingHorizontalM,
    padding: tokens.spacingHorizontalM,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  intro: { padding: `0 ${tokens.spacingHorizontalM}`, color: tokens.colorNeutralForeground2 },
  header: { padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM} 0` },
  inbox: { flex: "1 1 auto", overflowY: "auto" },
  pane: { backgroundColor: tokens.colorNeutralBackground1 },
});

export function PreviewPage({ mailboxUrl }: { mailboxUrl: string }) {
  const styles = useStyles();
  const [settings, setSettings] = useState<PreviewSettings>(() => readSettings(window.location.search));
  const { state, retry } = useMailbox({ url: mailboxUrl });
  const m = PREVIEW_MESSAGES[settings.language];
  const update = (patch: Partial<PreviewSettings>) => setSettings((s) => ({ ...s, ...patch }));

  useEffect(() => writeSettings(settings), [settings]);
  useEffect(() => {
    document.documentElement.lang = settings.language;
  }, [settings.language]);

  if (state.status === "loading") return <Spinner label={m.title} />;
  if (state.status === "error") {
    return (
      <MessageBar intent="error">
        <MessageBarBody>
          {m.loadFailed} ({state.message})
        </MessageBarBody>
        <MessageBarActions>
          <Button onClick={retry}>{m.retry}</Button>
        </MessageBarActions>
      </MessageBar>
    );
  }

  const { mailbox } = state;
  const rep = mailbox.reps.find((r) => r.email === settings.rep) ?? mailbox.reps[0]!;
  const item = mailbox.items.find((i) => i.id === settings.item) ?? null;
  const locale = pickLocale(settings.language, DISPLAY_LANGUAGE[settings.language]);

  return (
    <div className={styles.page}>
      <div className={styles.side}>
        <div className={styles.header}>
          <Title3 as="h1">{m.title}</Title3>
        </div>
        <Body1 as="p" className={styles.intro}>
          {m.intro}
        </Body1>
        <div className={styles.controls}>
          <Field label={m.signedInAs}>
            <Select value={rep.email} onChange={(_, d) => update({ rep: d.value })} data-testid="rep-picker">
              {mailbox.reps.map((r) => (
                <option key={r.email} value={r.email}>
                  {r.name} ({r.initials})
                </option>
              ))}
            </Select>
          </Field>
          <Field label={m.language}>
            <Select
              value={settings.language}
              onChange={(_, d) => update({ language: LANGUAGES.find((l) => l === d.value) ?? "en" })}
              data-testid="language-picker"
            >
              {LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {LANGUAGE_NAMES[l]}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={m.paneWidth}>
            <Select
              value={String(settings.width)}
              onChange={(_, d) => update({ width: PANE_WIDTHS.find((w) => String(w) === d.value) ?? (320 as PaneWidth) })}
            >
              {PANE_WIDTHS.map((w) => (
                <option key={w} value={w}>
                  {w} px
                </option>
              ))}
            </Select>
          </Field>
          <Switch label={m.darkTheme} checked={settings.dark} onChange={(_, d) => update({ dark: d.checked })} />
          <Switch label={m.dropEvents} checked={settings.dropEvents} onChange={(_, d) => update({ dropEvents: d.checked })} />
        </div>
        <nav className={styles.inbox} aria-label={m.inbox}>
          <MailboxList
            items={mailbox.items}
            selected={item?.id ?? null}
            label={m.inbox}
            meetingLabel={m.meeting}
            locale={locale}
            onSelect={(id) => update({ item: id })}
          />
        </nav>
      </div>
      <div className={styles.pane}>
        <PaneHost
          rep={rep}
          language={settings.language}
          dark={settings.dark}
          dropEvents={settings.dropEvents}
          mailbox={settings.mailbox}
          width={settings.width}
          item={item}
        />
      </div>
    </div>
  );
}
