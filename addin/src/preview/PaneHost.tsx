import { makeStyles, MessageBar, MessageBarBody, tokens } from "@fluentui/react-components";
import { useEffect, useMemo, useState } from "react";
import type { PreviewItem, PreviewRep } from "../../../shared/api/preview";
import { createPaneProps } from "../app/bootstrap";
import { PaneApp } from "../app/PaneApp";
import type { Language } from "../i18n/language";
import { DISPLAY_LANGUAGE } from "./previewMessages";
import { createSimulatedOffice, type InfoBarMessage, type SimulatedOffice } from "./simulatedOffice";

const useStyles = makeStyles({
  host: { display: "flex", flexDirection: "column", height: "100%", flexShrink: 0 },
  infoBar: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXXS, padding: tokens.spacingVerticalXS },
  frame: {
    flex: "1 1 auto",
    minHeight: 0,
    overflowY: "auto",
    borderLeft: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    boxSizing: "content-box",
  },
});

export interface PaneHostProps {
  rep: PreviewRep;
  language: Language;
  dark: boolean;
  dropEvents: boolean;
  /** Mailbox requirement set of the simulated host; null: the newest (1.14). */
  mailbox?: string | null;
  width: number;
  item: PreviewItem | null;
}

/**
 * The real pane (the same component tree as taskpane.html) on a simulated Office. A new Outlook
 * session starts when the rep, language or theme changes; a new selection only moves the item.
 */
export function PaneHost({ rep, language, dark, dropEvents, mailbox, width, item }: PaneHostProps) {
  const styles = useStyles();
  const session = useMemo(() => {
    const sim = createSimulatedOffice({
      rep,
      displayLanguage: DISPLAY_LANGUAGE[language],
      dark,
      dropItemChanged: dropEvents,
      ...(mailbox ? { mailboxVersion: mailbox } : {}),
    });
    sim.select(item);
    return { sim, props: createPaneProps(sim.office, { baseUrl: window.location.origin }) };
    // The selected item is applied by the effect below; a new session must not start per selection.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rep, language, dark, dropEvents, mailbox]);

  useEffect(() => {
    session.sim.select(item);
  }, [session, item]);
  // A replaced session stops retrying; its queued saves stay in storage for the next one.
  useEffect(() => () => session.props.services.outbox.dispose(), [session]);

  const infoBar = useInfoBar(session.sim, item?.id ?? null);

  return (
    <div className={styles.host}>
      {infoBar.length > 0 && (
        // Outlook shows these above the item; the preview has no reading pane, so they sit above the pane.
        <div className={styles.infoBar} style={{ width }} role="status" aria-label="Outlook" data-testid="outlook-info-bar">
          {infoBar.map((m) => (
            <MessageBar key={m.key} intent="info" data-key={m.key}>
              <MessageBarBody>{m.message}</MessageBarBody>
            </MessageBar>
          ))}
        </div>
      )}
      <div className={styles.frame} style={{ width }} data-testid="pane-frame">
        <PaneApp {...session.props} />
      </div>
    </div>
  );
}

/** The selected item's info bar in the simulated Outlook, kept current. */
function useInfoBar(sim: SimulatedOffice, itemId: string | null): InfoBarMessage[] {
  const [messages, setMessages] = useState<InfoBarMessage[]>([]);
  useEffect(() => {
    const read = () => setMessages(itemId ? sim.infoBar(itemId) : []);
    read();
    return sim.onInfoBarChange(read);
  }, [sim, itemId]);
  return messages;
}
