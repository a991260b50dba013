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
const NONE = -1;
const TOTALS = 4;
const REVENUE = 0;
const WINDOW_LINES = 1;
const LAST_PURCHASE = 2;
const BOUGHT = 3;
const IN_WINDOW = 1;
const BEFORE = 2;

/**
 * Streaming revenue aggregation: `add` one line at a time (an ERP file of millions of lines never has
 * to sit in memory), then `summary()`. Lines after `asOf` are counted and ignored; lines before the
 * window only tell whether the customer bought before (former customer).
 *
 * The totals live in typed arrays, one slot per customer (and segment) in the order first seen; a line
 * that carries a reader's key id finds its slot by index, others by key.
 */
export class RevenueAccumulator {
  readonly window: RevenueWindow;
  private readonly fromDay: number;
  private readonly toDay: number;
  private readonly rateOf: Map<string, number>;
  private readonly unconverted: UnconvertedLine[] = [];
  private inWindow = 0;
  private beforeWindow = 0;
  private afterWindow = 0;

  private readonly slotOfKey = new Map<string, number>();
  private readonly keys: string[] = [];
  private readonly segments: (string | null)[] = [];
  // Per slot, side by side so a line touches one place: revenue, window lines, last purchase day, bought (1: in the window, 2: before it).
  private totals: Float64Array = emptyTotals(1024);
  // A reader's key id → slot (NONE: not seen); segmentBy "none" only.
  private slotOfKeyId: Int32Array = new Int32Array(1024).fill(NONE);

  private lastCurrency: string | null = null;
  private lastRate: number | undefined = undefined;
  // Readers share one string per date, so a million lines look up a few thousand dates here.
  private readonly days = new Map<string, number>();

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
    const at = TOTALS * this.slotOfLine(line);
    const totals = this.totals;
    const amount = line.amount * rate;
    if (day >= this.fromDay) {
      this.inWindow++;
      (totals[at + REVENUE] as number) += amount;
      (totals[at + WINDOW_LINES] as number)++;
      if (amount > 0) totals[at + BOUGHT] = (totals[at + BOUGHT] as number) | IN_WINDOW;
    } else {
      this.beforeWindow++;
      if (amount > 0) totals[at + BOUGHT] = (totals[at + BOUGHT] as number) | BEFORE;
    }
    if (amount > 0 && day > (totals[at + LAST_PURCHASE] as number)) totals[at + LAST_PURCHASE] = day;
  }

  private slotOfLine(line: OrderLine): number {
    if (this.settings.segmentBy === "none") {
      const id = line.keyId;
      if (id === undefined || !(id >= 0 && id < MAX_KEY_IDS)) return this.slotOf(line.customerKey, null);
      if (id < this.slotOfKeyId.length) {
        const known = this.slotOfKeyId[id] as number;
        // The id is a hint: it must name the same key (the same string, usually the very same instance).
        if (known !== NONE && this.keys[known] === line.customerKey) return known;
      } else {
        this.slotOfKeyId = grown(this.slotOfKeyId, id + 1, NONE);
      }
      const slot = this.slotOf(line.customerKey, null);
      this.slotOfKeyId[id] = slot;
      return slot;
    }
    return this.slotOf(line.customerKey, this.segmentOf(line));
  }

  private slotOf(customerKey: string, segment: string | null): number {
    const key = segment === null ? customerKey : `${segment}\u0000${customerKey}`;
    let slot = this.slotOfKey.get(key);
    if (slot === undefined) {
      slot = this.keys.length;
      this.keys.push(customerKey);
      this.segments.push(segment);
      this.slotOfKey.set(key, slot);
      if (TOTALS * slot === this.totals.length) {
        const totals = emptyTotals(2 * slot);
        totals.set(this.totals);
        this.totals = totals;
      }
    }
    return slot;
  }

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

  private accAt(slot: number): RevenueAcc {
    const at = TOTALS * slot;
    const bought = this.totals[at + BOUGHT] as number;
    return {
      customerKey: this.keys[slot] as string,
      segment: this.segments[slot] as string | null,
      revenue: this.totals[at + REVENUE] as number,
      windowLines: this.totals[at + WINDOW_LINES] as number,
      boughtInWindow: (bought & IN_WINDOW) !== 0,
      boughtBefore: (bought & BEFORE) !== 0,
      lastPurchaseDay: this.totals[at + LAST_PURCHASE] as number,
    };
  }

  /** The state so far, for `merge` into another accumulator with the same settings. */
  partial(): RevenuePartial {
    const accs = Array.from({ length: this.keys.length }, (_, slot) => this.accAt(slot));
    return { accs, unconverted: [...this.unconverted], inWindow: this.inWindow, beforeWindow: this.beforeWindow, afterWindow: this.afterWindow };
  }

  /**
   * Adds another accumulator's partial result (e.g. from a worker that read part of a file).
   * `sourceLineOffset` shifts the source lines of its unconverted lines into this file's numbering.
   */
  merge(partial: RevenuePartial, sourceLineOffset = 0): void {
    for (const other of partial.accs) {
      const at = TOTALS * this.slotOf(other.customerKey, other.segment);
      const totals = this.totals;
      (totals[at + REVENUE] as number) += other.revenue;
      (totals[at + WINDOW_LINES] as number) += other.windowLines;
      totals[at + BOUGHT] = (totals[at + BOUGHT] as number) | (other.boughtInWindow ? IN_WINDOW : 0) | (other.boughtBefore ? BEFORE : 0);
      if (other.lastPurchaseDay > (totals[at + LAST_PURCHASE] as number)) totals[at + LAST_PURCHASE] = other.lastPurchaseDay;
    }
    for (const u of partial.unconverted) this.unconverted.push({ ...u, sourceLine: u.sourceLine === null ? null : u.sourceLine + sourceLineOffset });
    this.inWindow += partial.inWindow;
    this.beforeWindow += partial.beforeWindow;
    this.afterWindow += partial.afterWindow;
  }

  summary(): RevenueSummary {
    const customers: CustomerRevenue[] = [];
    for (let slot = 0; slot < this.keys.length; slot++) {
      const acc = this.accAt(slot);
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

function emptyTotals(slots: number): Float64Array {
  const totals = new Float64Array(TOTALS * slots);
  for (let at = LAST_PURCHASE; at < totals.length; at += TOTALS) totals[at] = Number.NEGATIVE_INFINITY;
  return totals;
}

function grown(array: Int32Array, atLeast: number, fill: number): Int32Array {
  let length = array.length;
  while (length < atLeast) length *= 2;
  const next = new Int32Array(length);
  next.set(array);
  next.fill(fill, array.length);
  return next;
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
