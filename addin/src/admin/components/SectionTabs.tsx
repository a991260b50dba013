import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { useRef, type KeyboardEvent } from "react";

const useStyles = makeStyles({
  list: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalXS },
  tab: {
    position: "relative",
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    border: "none",
    background: "none",
    cursor: "pointer",
    color: tokens.colorNeutralForeground2,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    borderRadius: tokens.borderRadiusMedium,
    ":hover": { color: tokens.colorNeutralForeground1, backgroundColor: tokens.colorSubtleBackgroundHover },
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  selected: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    "::after": {
      content: '""',
      position: "absolute",
      left: tokens.spacingHorizontalM,
      right: tokens.spacingHorizontalM,
      bottom: 0,
      height: tokens.strokeWidthThicker,
      borderRadius: tokens.borderRadiusCircular,
      backgroundColor: tokens.colorCompoundBrandStroke,
    },
  },
});

/**
 * The admin page's sections as a tab list (one Tab stop, arrow keys, Home and End move between tabs),
 * built on plain buttons: Fluent's TabList adds hidden focus placeholders that screen readers and axe trip over.
 */
export function SectionTabs<K extends string>(props: { sections: readonly K[]; selected: K; label: (k: K) => string; onSelect: (k: K) => void; ariaLabel: string }) {
  const { sections, selected, onSelect } = props;
  const styles = useStyles();
  const buttons = useRef(new Map<K, HTMLButtonElement>());
  const move = (e: KeyboardEvent, from: K) => {
    const i = sections.indexOf(from);
    const next =
      e.key === "ArrowRight" ? sections[(i + 1) % sections.length] : e.key === "ArrowLeft" ? sections[(i - 1 + sections.length) % sections.length] : e.key === "Home" ? sections[0] : e.key === "End" ? sections[sections.length - 1] : undefined;
    if (next === undefined) return;
    e.preventDefault();
    onSelect(next);
    buttons.current.get(next)?.focus();
  };
  return (
    <div role="tablist" aria-label={props.ariaLabel} className={styles.list}>
      {sections.map((s) => (
        <button
          key={s}
          type="button"
          role="tab"
          ref={(el) => {
            if (el) buttons.current.set(s, el);
            else buttons.current.delete(s);
          }}
          aria-selected={s === selected}
          tabIndex={s === selected ? 0 : -1}
          className={mergeClasses(styles.tab, s === selected && styles.selected)}
          onClick={() => onSelect(s)}
          onKeyDown={(e) => move(e, s)}
          data-testid={`tab-${s}`}
        >
          {props.label(s)}
        </button>
      ))}
    </div>
  );
}
