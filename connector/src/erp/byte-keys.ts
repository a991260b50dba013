/**
 * A map from short byte strings (a field's raw bytes) to values, in an open-addressing table: a row
 * finds its value by hashing the bytes in place, with no string made for it. Used to decode a column
 * with few distinct values (the customer key: 20 000 customers over a million lines) once per value.
 * Each slot holds a key's hash next to its index, so a probe reads one place; the bytes of every key
 * live in one growing pool.
 */
export class ByteKeyMap<T> {
  // slot s: table[2s] = hash, table[2s + 1] = key index + 1 (0: empty)
  private table: Int32Array = new Int32Array(2 << 10);
  // key k: where its bytes start in the pool, and how many
  private spans: Int32Array = new Int32Array(2 << 8);
  private pool: Uint8Array = new Uint8Array(1 << 12);
  private poolUsed = 0;
  private readonly values: T[] = [];

  /** @param maxKeys past this many keys `set` keeps nothing more (a column of unique values would only fill memory). */
  constructor(readonly maxKeys = 1 << 20) {}

  get size(): number {
    return this.values.length;
  }

  get(b: Uint8Array, start: number, end: number): T | undefined {
    const h = hashBytes(b, start, end);
    const table = this.table;
    const mask = (table.length >> 1) - 1;
    const n = end - start;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const k = (table[2 * slot + 1] as number) - 1;
      if (k < 0) return undefined;
      if (table[2 * slot] !== h || this.spans[2 * k + 1] !== n) continue;
      const pool = this.pool;
      const at = (this.spans[2 * k] as number) - start;
      let i = start;
      while (i < end && pool[at + i] === b[i]) i++;
      if (i === end) return this.values[k];
    }
  }

  /** Adds a key `get` does not find (call it after a miss: it does not look for the key). */
  set(b: Uint8Array, start: number, end: number, value: T): void {
    const k = this.values.length;
    if (k >= this.maxKeys) return;
    const n = end - start;
    if (2 * k + 2 > this.spans.length) {
      const spans = new Int32Array(this.spans.length * 2);
      spans.set(this.spans);
      this.spans = spans;
    }
    if (this.poolUsed + n > this.pool.length) {
      const pool = new Uint8Array(Math.max(this.pool.length * 2, this.poolUsed + n));
      pool.set(this.pool.subarray(0, this.poolUsed));
      this.pool = pool;
    }
    this.pool.set(b.subarray(start, end), this.poolUsed);
    this.spans[2 * k] = this.poolUsed;
    this.spans[2 * k + 1] = n;
    this.poolUsed += n;
    this.values.push(value);
    place(this.table, hashBytes(b, start, end), k);
    // At most half the slots in use keeps probes short.
    if (4 * (k + 1) > this.table.length) this.rehash(this.table.length * 2);
  }

  private rehash(length: number): void {
    const old = this.table;
    const table = new Int32Array(length);
    for (let s = 0; s < old.length; s += 2) if (old[s + 1] !== 0) place(table, old[s] as number, (old[s + 1] as number) - 1);
    this.table = table;
  }
}

function place(table: Int32Array, h: number, k: number): void {
  const mask = (table.length >> 1) - 1;
  let slot = h & mask;
  while (table[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
  table[2 * slot] = h;
  table[2 * slot + 1] = k + 1;
}

/** FNV-1a, its high bits folded into the low ones that pick the slot. */
function hashBytes(b: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ (b[i] as number), 0x01000193);
  return h ^ (h >>> 15);
}
