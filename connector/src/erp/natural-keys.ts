/**
 * The order-line keys (order number, line) seen in a file, to find the same line twice. A million
 * lines make a million keys, so the usual shape — both parts plain integers — is packed into one
 * number (order × 100 000 + line) in an open-addressing table of doubles: no string per key and no
 * garbage. Other keys ("A-100", line "1a", leading zeros) go to an ordinary set of "order#line" texts.
 * Packing is one-to-one (no leading zeros, line below 100 000, order below 10^10), so two keys are
 * equal exactly when their texts are.
 *
 * ERP exports usually list order lines in order: a packed key above every earlier one cannot have been
 * seen, so it is appended to a sorted list without a look-up. Only keys that arrive out of order are
 * looked up (in the list by binary search, and in the table that holds them).
 */
export interface NaturalKeysData {
  packed: Float64Array;
  texts: string[];
}

const LINE_SPAN = 100_000;
const EMPTY = -1;

/** The packed form of a key, or -1 when its parts are not both plain integers in range. */
export function packNaturalKey(orderNumber: string, orderLine: string): number {
  const order = plainInteger(orderNumber, 10);
  if (order < 0) return -1;
  const line = plainInteger(orderLine, 5);
  if (line < 0) return -1;
  return order * LINE_SPAN + line;
}

function plainInteger(text: string, maxDigits: number): number {
  const n = text.length;
  if (n === 0 || n > maxDigits || (n > 1 && text.charCodeAt(0) === 48)) return -1;
  let value = 0;
  for (let i = 0; i < n; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function hashOf(packed: number): number {
  const h = Math.imul((packed >>> 0) ^ Math.imul((packed / 4294967296) | 0, 0x27d4eb2d), 0x9e3779b1);
  return h ^ (h >>> 15);
}

export class NaturalKeySet {
  // Packed keys that arrived above every earlier packed key, ascending.
  private ascending = new Float64Array(1 << 12);
  private ascendingCount = 0;
  // Packed keys that arrived out of order.
  private table = new Float64Array(1 << 12).fill(EMPTY);
  private count = 0;
  private readonly texts = new Set<string>();

  get size(): number {
    return this.ascendingCount + this.count + this.texts.size;
  }

  /** Adds the key; false when it was there already. `key` is its "order#line" text. */
  add(orderNumber: string, orderLine: string, key: string): boolean {
    const packed = packNaturalKey(orderNumber, orderLine);
    return packed < 0 ? this.addText(key) : this.addPacked(packed);
  }

  addPacked(packed: number): boolean {
    const n = this.ascendingCount;
    const last = n === 0 ? EMPTY : (this.ascending[n - 1] as number);
    if (packed > last) {
      if (n === this.ascending.length) {
        const ascending = new Float64Array(2 * n);
        ascending.set(this.ascending);
        this.ascending = ascending;
      }
      this.ascending[n] = packed;
      this.ascendingCount = n + 1;
      return true;
    }
    if (packed === last || this.inAscending(packed)) return false;
    let table = this.table;
    let mask = table.length - 1;
    let slot = hashOf(packed) & mask;
    for (let v = table[slot] as number; v !== EMPTY; v = table[slot] as number) {
      if (v === packed) return false;
      slot = (slot + 1) & mask;
    }
    table[slot] = packed;
    if (++this.count * 2 > table.length) {
      this.grow();
      table = this.table;
      mask = table.length - 1;
    }
    return true;
  }

  private inAscending(packed: number): boolean {
    const ascending = this.ascending;
    let lo = 0;
    let hi = this.ascendingCount - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = ascending[mid] as number;
      if (v === packed) return true;
      if (v < packed) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  addText(key: string): boolean {
    if (this.texts.has(key)) return false;
    this.texts.add(key);
    return true;
  }

  /** Adds another set's keys (e.g. another range of the same file); false when any was there already. */
  absorb(data: NaturalKeysData): boolean {
    for (const packed of data.packed) if (!this.addPacked(packed)) return false;
    for (const text of data.texts) if (!this.addText(text)) return false;
    return true;
  }

  /** The keys as plain data, to send across threads. */
  data(): NaturalKeysData {
    const packed = new Float64Array(this.ascendingCount + this.count);
    packed.set(this.ascending.subarray(0, this.ascendingCount));
    let i = this.ascendingCount;
    for (const v of this.table) if (v !== EMPTY) packed[i++] = v;
    return { packed, texts: [...this.texts] };
  }

  private grow(): void {
    const old = this.table;
    const table = new Float64Array(old.length * 2).fill(EMPTY);
    const mask = table.length - 1;
    for (const v of old) {
      if (v === EMPTY) continue;
      let slot = hashOf(v) & mask;
      while (table[slot] !== EMPTY) slot = (slot + 1) & mask;
      table[slot] = v;
    }
    this.table = table;
  }
}
