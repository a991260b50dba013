import { z } from "zod";
import { assertNever, type WindowMonths } from "./vocabulary";
import { addMonths, dayNumberOf, daysInMonth, fromDayNumber, toDayNumber, type LocalDate } from "./dates";

/** One order line as the rules see it; the ERP reader produces these. Negative amounts are credit notes. */
export interface OrderLine {
  customerKey: string;
  date: LocalDate;
  amount: number;
  /** ISO 4217 code, upper case. */
  currency: string;
  productLine: string | null;
  country: string | null;
  /** Line number in the source file, for reports. */
  sourceLine?: number;
  /**
   * A small number a reader gives each distinct customer key text it meets (0, 1, 2, …), so the
   * aggregation finds the customer by index instead of hashing the key. Only a hint: it is checked
   * against `customerKey`, and a line without one is looked up by its key.
   */
  keyId?: number;
  /** `date` as a day number (dates.ts `dayNumberOf`), when the reader already has it: saves parsing the text again. */
  dayNumber?: number;
}

export const SEGMENT_BY = ["none", "country", "productLine"] as const;
export type SegmentBy = (typeof SEGMENT_BY)[number];

export interface RevenueSettings {
  /** Last day of the window (inclusive). */
  asOf: LocalDate;
  windowMonths: WindowMonths;
  /** Currency revenue is expressed in, e.g. "SEK". */
  baseCurrency: string;
  /** Units of base currency per one unit of each other currency, e.g. { EUR: 11.5, NOK: 0.98 }. */
  rates: Readonly<Record<string, number>>;
  segmentBy: SegmentBy;
}

export const CurrencyRatesSchema = z.record(z.string().regex(/^[A-Z]{3}$/, "currency codes are three capital letters"), z.number().positive().finite());

export interface RevenueWindow {
  months: WindowMonths;
  /** First day in the window (inclusive). */
  from: LocalDate;
  /** Last day in the window (inclusive). */
  to: LocalDate;
}

/** A rolling window of N months ending on `asOf`: 12 months to 2026-11-23 is 2025-11-24 … 2026-11-23. */
export function revenueWindow(asOf: LocalDate, months: WindowMonths): RevenueWindow {
  return { months, from: fromDayNumber(toDayNumber(addMonths(asOf, -months)) + 1), to: asOf };
}

export interface CustomerRevenue {
  customerKey: string;
  /** Segment value (country or product line) when segmenting, else null. */
  segment: string | null;
  /** Net revenue in the window, in base currency; credit notes reduce it and can make it ≤ 0. */
  revenue: number;
  /** Lines in the window (orders and credit notes). */
  windowLines: number;
  /** At least one positive line in the window. */
  boughtInWindow: boolean;
  /** At least one positive line before the window. */
  boughtBefore: boolean;
  /** Date of the latest positive line up to the window's end, if any. */
  lastPurchase: LocalDate | null;
}

/** A line whose currency has no rate: reported with its source line, never folded into revenue. */
export interface UnconvertedLine {
  customerKey: string;
  date: LocalDate;
  amount: number;
  currency: string;
  sourceLine: number | null;
}

export interface RevenueSummary {
  window: RevenueWindow;
  baseCurrency: string;
  segmentBy: SegmentBy;
  customers: CustomerRevenue[];
  unconverted: UnconvertedLine[];
  /** Lines counted in the window, before it (history only) and after `asOf` (ignored). */
  lines: { inWindow: number; beforeWindow: number; afterWindow: number; unconverted: number };
}

/** The running totals of one customer (in one segment); plain data, so partial results can cross threads. */
export interface RevenueAcc {
  customerKey: string;
  segment: string | null;
  revenue: number;
  windowLines: number;
  boughtInWindow: boolean;
  boughtBefore: boolean;
  lastPurchaseDay: number;
}

/** An accumulator's state as plain data: what a worker sends back to be merged. */
export interface RevenuePartial {
  accs: RevenueAcc[];
  unconverted: UnconvertedLine[];
  inWindow: number;
  beforeWindow: number;
  afterWindow: number;
}

const MAX_KEY_IDS = 1 << 22;

/**
 * Streaming revenue aggregation: `add` one line at a time (an ERP file of millions of lines never has
 * to sit in memory), then `summary()`. Lines after `asOf` are counted and ignored; lines before the
 * window only tell whether the customer bought before (former customer).
 */
export class RevenueAccumulator {
  readonly window: RevenueWindow;
  private readonly fromDay: number;
  private readonly toDay: number;
  private readonly accs = new Map<string, RevenueAcc>();
  private readonly unconverted: UnconvertedLine[] = [];
  private readonly rateOf: Map<string, number>;
  private inWindow = 0;
  private beforeWindow = 0;
  private afterWindow = 0;

  constructor(private readonly settings: RevenueSettings) {
    this.window = revenueWindow(settings.asOf, settings.windowMonths);
    this.fromDay = toDayNumber(this.window.from);
    this.toDay = toDayNumber(this.window.to);
    this.rateOf = new Map(Object.entries(settings.rates));
    this.rateOf.set(settings.baseCurrency, 1);
  }

  add(line: OrderLine): void {
    const day = line.dayNumber ?? this.dayOf(line.date);
    if (day > this.toDay) {
      this.afterWindow++;
      return;
    }
    // Most lines share one currency: the last look-up usually answers.
    let rate = this.lastRate;
    if (line.currency !== this.lastCurrency) {
      rate = this.rateOf.get(line.currency);
      this.lastCurrency = line.currency;
      this.lastRate = rate;
    }
    if (rate === undefined) {
      this.unconverted.push({ customerKey: line.customerKey, date: line.date, amount: line.amount, currency: line.currency, sourceLine: line.sourceLine ?? null });
      return;
    }
    const segment = this.segmentOf(line);
    const id = segment === null ? line.keyId : undefined;
    let acc = id !== undefined ? this.byKeyId[id] : undefined;
    if (acc === undefined || acc.customerKey !== line.customerKey) {
      acc = this.accOf(line.customerKey, segment);
      if (id !== undefined && id >= 0 && id < MAX_KEY_IDS) {
        while (this.byKeyId.length <= id) this.byKeyId.push(undefined);
        this.byKeyId[id] = acc;
      }
    }
    const amount = line.amount * rate;
    if (day >= this.fromDay) {
      this.inWindow++;
      acc.revenue += amount;
      acc.windowLines++;
      if (amount > 0) acc.boughtInWindow = true;
    } else {
      this.beforeWindow++;
      if (amount > 0) acc.boughtBefore = true;
    }
    if (amount > 0 && day > acc.lastPurchaseDay) acc.lastPurchaseDay = day;
  }

  // By the readers' key ids (segmentBy "none" only); filled by push so the array stays dense.
  private readonly byKeyId: (RevenueAcc | undefined)[] = [];

  private accOf(customerKey: string, segment: string | null): RevenueAcc {
    const key = segment === null ? customerKey : `${segment}\u0000${customerKey}`;
    let acc = this.accs.get(key);
    if (acc === undefined) {
      acc = { customerKey, segment, revenue: 0, windowLines: 0, boughtInWindow: false, boughtBefore: false, lastPurchaseDay: Number.NEGATIVE_INFINITY };
      this.accs.set(key, acc);
    }
    return acc;
  }

  private lastCurrency: string | null = null;
  private lastRate: number | undefined = undefined;

  // Readers share one string per date, so a million lines look up a few thousand dates here.
  private readonly days = new Map<string, number>();

  private dayOf(date: LocalDate): number {
    let day = this.days.get(date);
    if (day === undefined) {
      day = parseDayFast(date);
      if (this.days.size < 100_000) this.days.set(date, day);
    }
    return day;
  }

  private segmentOf(line: OrderLine): string | null {
    switch (this.settings.segmentBy) {
      case "none":
        return null;
      case "country":
        return line.country ?? "";
      case "productLine":
        return line.productLine ?? "";
      default:
        return assertNever(this.settings.segmentBy, "segmentBy");
    }
  }

  /** The state so far, for `merge` into another accumulator with the same settings. */
  partial(): RevenuePartial {
    return { accs: [...this.accs.values()], unconverted: [...this.unconverted], inWindow: this.inWindow, beforeWindow: this.beforeWindow, afterWindow: this.afterWindow };
  }

  /**
   * Adds another accumulator's partial result (e.g. from a worker that read part of a file).
   * `sourceLineOffset` shifts the source lines of its unconverted lines into this file's numbering.
   */
  merge(partial: RevenuePartial, sourceLineOffset = 0): void {
    for (const other of partial.accs) {
      const key = other.segment === null ? other.customerKey : `${other.segment}\u0000${other.customerKey}`;
      const acc = this.accs.get(key);
      if (acc === undefined) {
        this.accs.set(key, { ...other });
        continue;
      }
      acc.revenue += other.revenue;
      acc.windowLines += other.windowLines;
      acc.boughtInWindow ||= other.boughtInWindow;
      acc.boughtBefore ||= other.boughtBefore;
      if (other.lastPurchaseDay > acc.lastPurchaseDay) acc.lastPurchaseDay = other.lastPurchaseDay;
    }
    for (const u of partial.unconverted) this.unconverted.push({ ...u, sourceLine: u.sourceLine === null ? null : u.sourceLine + sourceLineOffset });
    this.inWindow += partial.inWindow;
    this.beforeWindow += partial.beforeWindow;
    this.afterWindow += partial.afterWindow;
  }

  summary(): RevenueSummary {
    const customers: CustomerRevenue[] = [];
    for (const acc of this.accs.values()) {
      customers.push({
        customerKey: acc.customerKey,
        segment: acc.segment,
        revenue: acc.revenue,
        windowLines: acc.windowLines,
        boughtInWindow: acc.boughtInWindow,
        boughtBefore: acc.boughtBefore,
        lastPurchase: Number.isFinite(acc.lastPurchaseDay) ? fromDayNumber(acc.lastPurchaseDay) : null,
      });
    }
    return {
      window: this.window,
      baseCurrency: this.settings.baseCurrency,
      segmentBy: this.settings.segmentBy,
      customers,
      unconverted: [...this.unconverted],
      lines: { inWindow: this.inWindow, beforeWindow: this.beforeWindow, afterWindow: this.afterWindow, unconverted: this.unconverted.length },
    };
  }
}

export function computeRevenue(lines: Iterable<OrderLine>, settings: RevenueSettings): RevenueSummary {
  const acc = new RevenueAccumulator(settings);
  for (const line of lines) acc.add(line);
  return acc.summary();
}

// The hot path of a million-line import: reads YYYY-MM-DD by char codes, falls back to the strict parser on anything odd.
function parseDayFast(date: string): number {
  if (date.length === 10 && date.charCodeAt(4) === 45 && date.charCodeAt(7) === 45) {
    const y = digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3);
    const m = digit(date, 5) * 10 + digit(date, 6);
    const d = digit(date, 8) * 10 + digit(date, 9);
    // A non-digit yields NaN, which fails every comparison below.
    if (m >= 1 && m <= 12 && d >= 1 && y >= 0 && d <= daysInMonth(y, m)) return dayNumberOf(y, m, d);
  }
  return toDayNumber(date);
}

function digit(s: string, i: number): number {
  const v = s.charCodeAt(i) - 48;
  return v >= 0 && v <= 9 ? v : Number.NaN;
}
