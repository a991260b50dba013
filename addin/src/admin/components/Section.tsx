import { Body1, makeStyles, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, minWidth: 0 },
  heading: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase500 },
  intro: { color: tokens.colorNeutralForeground2, maxWidth: "70ch", margin: 0 },
});

/** One admin section: a heading, a line on what it does, the content. */
export function Section(props: { id: string; title: string; intro: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <section className={styles.section} aria-labelledby={`${props.id}-heading`} data-testid={`section-${props.id}`}>
      <h2 className={styles.heading} id={`${props.id}-heading`}>
        {props.title}
      </h2>
      <Body1 as="p" className={styles.intro}>
        {props.intro}
      </Body1>
      {props.children}
    </section>
  );
}

export const useTableStyles = makeStyles({
  table: {
    borderCollapse: "collapse",
    fontSize: tokens.fontSizeBase300,
    "& th, & td": {
      textAlign: "left",
      verticalAlign: "top",
      padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
      borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    },
    "& thead th": { fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground2 },
  },
  number: { fontVariantNumeric: "tabular-nums", textAlign: "right" },
  scroll: { overflowX: "auto", maxWidth: "100%" },
});

/** Rows under a line of column headings, scrolling sideways when the page is narrower than the table. */
export function DataTable({ columns, testId, children }: { columns: readonly string[]; testId?: string; children: ReactNode }) {
  const table = useTableStyles();
  return (
    <div className={table.scroll}>
      <table className={table.table} data-testid={testId}>
        <thead>
          <tr>
            {columns.map((column, i) => (
              <th key={i} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
