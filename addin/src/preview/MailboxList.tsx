import { Caption1, makeStyles, mergeClasses, Text, tokens } from "@fluentui/react-components";
import type { PreviewItem } from "../../../shared/api/preview";

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column" },
  item: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    rowGap: tokens.spacingVerticalXXS,
    width: "100%",
    textAlign: "left",
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    border: "none",
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    cursor: "pointer",
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  selected: { backgroundColor: tokens.colorBrandBackground2, ":hover": { backgroundColor: tokens.colorBrandBackground2Hover } },
  muted: { color: tokens.colorNeutralForeground3 },
});

function senderOf(item: PreviewItem): string {
  return item.itemType === "message" ? item.from.displayName : item.organizer.displayName;
}

/** The simulated inbox: one button per item; the selected one is what Outlook would show. */
export function MailboxList(props: { items: PreviewItem[]; selected: string | null; meetingLabel: string; label: string; locale: string; onSelect: (id: string) => void }) {
  const styles = useStyles();
  const when = new Intl.DateTimeFormat(props.locale, { dateStyle: "medium", timeStyle: "short" });
  return (
    <ul className={styles.list} aria-label={props.label}>
      {props.items.map((item) => {
        const selected = item.id === props.selected;
        const date = item.itemType === "message" ? item.receivedAt : item.start;
        return (
          <li key={item.id}>
            <button
              type="button"
              className={mergeClasses(styles.item, selected && styles.selected)}
              aria-pressed={selected}
              data-item-id={item.id}
              onClick={() => props.onSelect(item.id)}
            >
              <Text weight="semibold">{senderOf(item)}</Text>
              <Text>
                {item.itemType === "appointment" ? `${props.meetingLabel}: ` : ""}
                {item.subject}
              </Text>
              <Caption1 className={styles.muted}>
                {when.format(new Date(date))}
                {item.note ? ` · ${item.note}` : ""}
              </Caption1>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
