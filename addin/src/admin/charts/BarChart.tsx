import { Caption1, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { useEffect, useId, useRef, useState } from "react";

export interface BarSeries {
  key: string;
  label: string;
  /** One value per category; null draws no bar (e.g. no proposal yet). */
  values: readonly (number | null)[];
}

export interface BarCategory {
  key: string;
  label: string;
  /** A reference line on this category's bars, e.g. the rep's capacity. */
  marker?: number | null;
  /** Draws the category's last series in the warning colour, with `flagLabel` read out. */
  flagged?: boolean;
}

export interface BarChartProps {
  title: string;
  description?: string;
  categories: readonly BarCategory[];
  series: readonly BarSeries[];
  markerLabel?: string;
  flagLabel?: string;
  format: (value: number) => string;
  /** "Show as table": the same numbers as a table, for screen readers and for copying. */
  tableLabel: string;
  testId?: string;
}

const MAX_WIDTH = 640;
const MIN_WIDTH = 260;
const BAR = 14;
const GAP = 12;

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  title: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase400 },
  legend: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalL, margin: 0, padding: 0, listStyleType: "none" },
  legendItem: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalXS, fontSize: tokens.fontSizeBase200 },
  swatch: { width: "12px", height: "12px", borderRadius: tokens.borderRadiusSmall, display: "inline-block" },
  markerSwatch: { width: "2px", height: "14px", display: "inline-block", backgroundColor: tokens.colorNeutralForeground1 },
  svg: { display: "block", overflow: "visible" },
  text: { fill: tokens.colorNeutralForeground1, fontSize: "12px", fontFamily: tokens.fontFamilyBase },
  muted: { fill: tokens.colorNeutralForeground3, fontSize: "11px", fontFamily: tokens.fontFamilyBase },
  s0: { fill: tokens.colorNeutralForeground3, backgroundColor: tokens.colorNeutralForeground3 },
  s1: { fill: tokens.colorBrandBackground, backgroundColor: tokens.colorBrandBackground },
  s2: { fill: tokens.colorPaletteTealBackground2, backgroundColor: tokens.colorPaletteTealBackground2 },
  flagged: { fill: tokens.colorPaletteRedBackground3 },
  marker: { stroke: tokens.colorNeutralForeground1, strokeWidth: 2 },
  axis: { stroke: tokens.colorNeutralStroke2, strokeWidth: 1 },
  table: { borderCollapse: "collapse", fontSize: tokens.fontSizeBase200, "& th, & td": { textAlign: "left", padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` }, "& td": { fontVariantNumeric: "tabular-nums" } },
  summary: { cursor: "pointer", fontSize: tokens.fontSizeBase200, color: tokens.colorBrandForegroundLink },
});

/**
 * Horizontal grouped bars: one group per category, one bar per series, an optional reference line per
 * category. The SVG is an image with a text description; the table under "Show as table" carries the numbers.
 */
export function BarChart(props: BarChartProps) {
  const styles = useStyles();
  const measured = useWidth();
  // Drawn at the width it gets, so the text keeps its size; labels take at most a third.
  const width = Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, measured.value));
  const labelWidth = Math.round(Math.min(170, width * 0.34));
  const valueSpace = props.flagLabel ? 110 : 60;
  const titleId = useId();
  const descId = useId();
  const seriesClass = [styles.s0, styles.s1, styles.s2];
  const colourOf = (i: number) => seriesClass[props.series.length === 1 ? 1 : i % seriesClass.length];
  const values = props.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const markers = props.categories.map((c) => c.marker).filter((m): m is number => typeof m === "number");
  const max = Math.max(1e-9, ...values, ...markers);
  const plot = width - labelWidth - valueSpace;
  const x = (v: number) => labelWidth + (Math.max(0, v) / max) * plot;
  const groupHeight = props.series.length * BAR + GAP;
  const height = Math.max(groupHeight, props.categories.length * groupHeight);
  const hasMarker = markers.length > 0;

  return (
    <figure className={styles.root} style={{ margin: 0 }} data-testid={props.testId} ref={measured.ref}>
      <figcaption>
        <h3 className={styles.title} id={titleId}>
          {props.title}
        </h3>
        {props.description && <Caption1 id={descId}>{props.description}</Caption1>}
      </figcaption>
      <ul className={styles.legend}>
        {props.series.map((s, i) => (
          <li key={s.key} className={styles.legendItem}>
            <span className={mergeClasses(styles.swatch, colourOf(i))} aria-hidden="true" />
            {s.label}
          </li>
        ))}
        {hasMarker && props.markerLabel && (
          <li className={styles.legendItem}>
            <span className={styles.markerSwatch} aria-hidden="true" />
            {props.markerLabel}
          </li>
        )}
      </ul>
      <svg className={styles.svg} width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={titleId} aria-describedby={props.description ? descId : undefined}>
        <line className={styles.axis} x1={labelWidth} x2={labelWidth} y1={0} y2={height} />
        {props.categories.map((category, ci) => {
          const top = ci * groupHeight + GAP / 2;
          return (
            <g key={category.key} data-category={category.key}>
              <text className={styles.text} x={labelWidth - 8} y={top + (props.series.length * BAR) / 2 + 4} textAnchor="end">
                {truncate(category.label, Math.floor(labelWidth / 7))}
              </text>
              {props.series.map((s, si) => {
                const value = s.values[ci];
                if (value === null || value === undefined) return null;
                const flagged = category.flagged && si === props.series.length - 1;
                const y = top + si * BAR;
                return (
                  <g key={s.key}>
                    <rect
                      className={flagged ? styles.flagged : colourOf(si)}
                      x={labelWidth}
                      y={y + 1}
                      width={Math.max(value > 0 ? 1 : 0, x(value) - labelWidth)}
                      height={BAR - 2}
                      data-series={s.key}
                      data-value={value}
                    >
                      <title>{`${category.label} — ${s.label}: ${props.format(value)}`}</title>
                    </rect>
                    <text className={styles.muted} x={x(value) + 4} y={y + BAR - 3}>
                      {props.format(value)}
                      {flagged && props.flagLabel ? ` · ${props.flagLabel}` : ""}
                    </text>
                  </g>
                );
              })}
              {typeof category.marker === "number" && (
                <line className={styles.marker} x1={x(category.marker)} x2={x(category.marker)} y1={top - 3} y2={top + props.series.length * BAR + 3} data-marker={category.marker}>
                  <title>{`${category.label} — ${props.markerLabel ?? ""}: ${props.format(category.marker)}`}</title>
                </line>
              )}
            </g>
          );
        })}
      </svg>
      <details>
        <summary className={styles.summary}>{props.tableLabel}</summary>
        <table className={styles.table}>
          <caption style={{ textAlign: "left" }}>{props.title}</caption>
          <thead>
            <tr>
              <th scope="col" />
              {props.series.map((s) => (
                <th key={s.key} scope="col">
                  {s.label}
                </th>
              ))}
              {hasMarker && <th scope="col">{props.markerLabel}</th>}
            </tr>
          </thead>
          <tbody>
            {props.categories.map((category, ci) => (
              <tr key={category.key}>
                <th scope="row">{category.label}</th>
                {props.series.map((s) => {
                  const value = s.values[ci];
                  return <td key={s.key}>{value === null || value === undefined ? "–" : props.format(value)}</td>;
                })}
                {hasMarker && <td>{typeof category.marker === "number" ? props.format(category.marker) : "–"}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/** The element's content width, followed as it changes (the full width where nothing measures, e.g. jsdom). */
function useWidth() {
  const ref = useRef<HTMLElement>(null);
  const [value, setValue] = useState(MAX_WIDTH);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => {
      if (element.clientWidth > 0) setValue(element.clientWidth);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, value };
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
