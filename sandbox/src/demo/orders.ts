import type { Country } from "../../../shared/domain/vocabulary";
import { PRODUCT_LINES } from "./names";
import type { Rng } from "./prng";

/** One line of the demo ERP's order export (what a customer's finance system would hand us as CSV). */
export interface OrderLine {
  orderNumber: string;
  line: number;
  customerNumber: string;
  orgNr: string;
  /** YYYY-MM-DD */
  orderDate: string;
  /** Line amount in the order currency, two decimals; negative on credit notes. */
  amount: number;
  currency: "SEK" | "NOK" | "EUR";
  productLine: string;
  country: Country;
}

export const CURRENCY_BY_COUNTRY: Record<Country, OrderLine["currency"]> = { SE: "SEK", NO: "NOK", DK: "EUR", FI: "EUR" };
/** Rough SEK value of one unit, only used to rank the demo customers consistently. */
export const SEK_PER_UNIT: Record<OrderLine["currency"], number> = { SEK: 1, NOK: 0.97, EUR: 11.4 };

export const ORDER_CSV_HEADER = [
  "order_number", "line", "customer_number", "org_number", "order_date", "amount", "currency", "product_line", "country",
] as const;

const DAY_MS = 86_400_000;

export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export interface CustomerBuying {
  customerNumber: string;
  orgNr: string;
  country: Country;
  /** Typical yearly revenue in SEK while the customer is buying. */
  yearlySek: number;
  /** First and last day the customer buys (inclusive), or null for never. */
  buysFrom: Date | null;
  buysUntil: Date | null;
}

/** Orders for one customer between its buying dates, spread over the period; ~4 % of orders get a credit note. */
export function ordersForCustomer(c: CustomerBuying, rng: Rng, nextOrderNumber: () => string): OrderLine[] {
  if (!c.buysFrom || !c.buysUntil || c.buysUntil < c.buysFrom) return [];
  const currency = CURRENCY_BY_COUNTRY[c.country];
  const yearly = c.yearlySek / SEK_PER_UNIT[currency];
  const perYear = Math.max(1, Math.min(36, Math.round(1 + Math.log10(Math.max(c.yearlySek, 1000) / 5000) * 5)));
  const spanDays = Math.max(1, Math.round((c.buysUntil.getTime() - c.buysFrom.getTime()) / DAY_MS));
  const count = Math.max(1, Math.round((perYear * spanDays) / 365));
  const meanOrder = (yearly * spanDays) / 365 / count;
  const mainLines = [rng.pick(PRODUCT_LINES), rng.pick(PRODUCT_LINES)];
  const dates: number[] = [];
  for (let i = 0; i < count; i++) dates.push(c.buysFrom.getTime() + Math.floor(rng.next() * (spanDays + 1)) * DAY_MS);
  dates.sort((a, b) => a - b);
  const lines: OrderLine[] = [];
  for (const time of dates) {
    const orderNumber = nextOrderNumber();
    const orderDate = isoDay(new Date(time));
    const total = meanOrder * (0.4 + rng.next() * 1.2);
    const lineCount = rng.int(1, 3);
    let rest = total;
    for (let line = 1; line <= lineCount; line++) {
      const share = line === lineCount ? rest : rest * (0.3 + rng.next() * 0.4);
      rest -= share;
      lines.push({
        orderNumber, line, customerNumber: c.customerNumber, orgNr: c.orgNr, orderDate,
        amount: Math.max(1, Math.round(share * 100) / 100),
        currency, productLine: rng.chance(0.75) ? rng.pick(mainLines) : rng.pick(PRODUCT_LINES), country: c.country,
      });
    }
    if (rng.chance(0.04)) {
      const credited = lines[lines.length - 1] as OrderLine;
      const creditDate = new Date(Math.min(time + rng.int(3, 40) * DAY_MS, c.buysUntil.getTime()));
      lines.push({
        ...credited,
        orderNumber: nextOrderNumber(),
        line: 1,
        orderDate: isoDay(creditDate),
        amount: -Math.round(credited.amount * (0.2 + rng.next() * 0.8) * 100) / 100,
      });
    }
  }
  return lines;
}

function csvField(value: string | number): string {
  const text = typeof value === "number" ? value.toFixed(2).replace(/\.00$/, "") : value;
  return /[",;\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The export as the demo ERP writes it: comma-separated, header row, amounts with a dot, UTF-8. */
export function ordersToCsv(lines: readonly OrderLine[]): string {
  const rows = [ORDER_CSV_HEADER.join(",")];
  for (const l of lines) {
    rows.push([
      csvField(l.orderNumber), String(l.line), csvField(l.customerNumber), csvField(l.orgNr), l.orderDate,
      l.amount.toFixed(2), l.currency, csvField(l.productLine), l.country,
    ].join(","));
  }
  return `${rows.join("\n")}\n`;
}
