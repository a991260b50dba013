import { makeStyles, tokens, ToggleButton } from "@fluentui/react-components";
import type { Counterpart } from "../../../office/counterparts";
import { useI18n } from "../../../i18n/I18nProvider";

const useStyles = makeStyles({
  list: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS, listStyleType: "none", margin: 0, padding: 0 },
  person: { maxWidth: "100%", overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
});

/** Several people on a thread or meeting: a compact list, the selected one is expanded below. */
export function PeopleList(props: { people: Counterpart[]; selected: string; onSelect: (email: string) => void }) {
  const { t } = useI18n();
  const styles = useStyles();
  return (
    <ul className={styles.list} aria-label={t.peopleOnItem}>
      {props.people.map((p) => (
        <li key={p.email}>
          <ToggleButton
            size="small"
            shape="circular"
            className={styles.person}
            checked={p.email === props.selected}
            title={p.email}
            onClick={() => props.onSelect(p.email)}
          >
            {p.name}
          </ToggleButton>
        </li>
      ))}
    </ul>
  );
}
