/**
 * Numbers short byte strings (a field's raw bytes) 0, 1, 2, … in the order first seen, in an
 * open-addressing table: a row finds its key's number by hashing the bytes in place, with no string
 * made for it. Used to decode a column with few distinct values (the customer key: 20 000 customers
 * over a million lines) once per value.
 *
 * A slot holds the key's hash, number and length next to its first 20 bytes, so a probe reads one
 * place in memory: on a million-line file that stays in no cache, each further array read per row
 * would be another trip to memory. Longer keys keep the rest of their bytes in a pool.
 */
const STRIDE = 8; // Int32 per slot: hash, number + 1 (0: empty), length, 5 words of bytes
const INLINE_WORDS = 5;
const INLINE_BYTES = 4 * INLINE_WORDS;

export class ByteKeyIndex {
  private table = new Int32Array(STRIDE << 10);
  private count = 0;
  // Keys longer than INLINE_BYTES: where the rest of their bytes start in the pool, by number.
  private restAt = new Int32Array(0);
  private pool = new Uint8Array(0);
  private poolUsed = 0;
  // The words of the key last hashed.
  private readonly words = new Int32Array(INLINE_WORDS);

  /** @param maxKeys past this many keys `add` numbers nothing more (a column of unique values would only fill memory). */
  constructor(readonly maxKeys = 1 << 20) {}

  get size(): number {
    return this.count;
  }

  /** The number of the key b[start..end), or -1 when it has none. */
  get(b: Uint8Array, start: number, end: number): number {
    const h = this.hash(b, start, end);
    const table = this.table;
    const mask = table.length / STRIDE - 1;
    const n = end - start;
    const words = this.words;
    const w = n >= INLINE_BYTES ? INLINE_WORDS : (n + 3) >> 2;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const at = slot * STRIDE;
      const k = (table[at + 1] as number) - 1;
      if (k < 0) return -1;
      if (table[at] !== h || table[at + 2] !== n) continue;
      let i = 0;
      while (i < w && table[at + 3 + i] === words[i]) i++;
      if (i < w) continue;
      if (n <= INLINE_BYTES || this.restMatches(k, b, start + INLINE_BYTES, end)) return k;
    }
  }

  /** Numbers a key `get` does not know (call it after a miss: it does not look for the key); -1 past maxKeys. */
  add(b: Uint8Array, start: number, end: number): number {
    const k = this.count;
    if (k >= this.maxKeys) return -1;
    const n = end - start;
    const h = this.hash(b, start, end);
    if (n > INLINE_BYTES) this.keepRest(k, b, start + INLINE_BYTES, end);
    this.count++;
    // At most 70 % of the slots in use keeps probes short.
    if (10 * this.count > 7 * (this.table.length / STRIDE)) this.rehash(this.table.length * 2);
    const at = this.freeSlot(this.table, h);
    this.table[at] = h;
    this.table[at + 1] = k + 1;
    this.table[at + 2] = n;
    this.words.fill(0, (n + 3) >> 2);
    this.table.set(this.words, at + 3);
    return k;
  }

  private freeSlot(table: Int32Array, h: number): number {
    const mask = table.length / STRIDE - 1;
    let slot = h & mask;
    while (table[slot * STRIDE + 1] !== 0) slot = (slot + 1) & mask;
    return slot * STRIDE;
  }

  private rehash(length: number): void {
    const old = this.table;
    const table = new Int32Array(length);
    for (let at = 0; at < old.length; at += STRIDE) {
      if (old[at + 1] !== 0) table.set(old.subarray(at, at + STRIDE), this.freeSlot(table, old[at] as number));
    }
    this.table = table;
  }

  private keepRest(k: number, b: Uint8Array, start: number, end: number): void {
    if (k >= this.restAt.length) {
      const restAt = new Int32Array(Math.max(64, 2 * k + 2));
      restAt.set(this.restAt);
      this.restAt = restAt;
    }
    const n = end - start;
    if (this.poolUsed + n > this.pool.length) {
      const pool = new Uint8Array(Math.max(4096, this.pool.length * 2, this.poolUsed + n));
      pool.set(this.pool.subarray(0, this.poolUsed));
      this.pool = pool;
    }
    this.pool.set(b.subarray(start, end), this.poolUsed);
    this.restAt[k] = this.poolUsed;
    this.poolUsed += n;
  }

  private restMatches(k: number, b: Uint8Array, start: number, end: number): boolean {
    const pool = this.pool;
    const at = (this.restAt[k] as number) - start;
    for (let i = start; i < end; i++) if (pool[at + i] !== b[i]) return false;
    return true;
  }

  /**
   * MurmurHash3 (32-bit) over the bytes read as little-endian words; keeps the first words in `words`.
   * The length is mixed in, so keys that differ only by trailing zero bytes hash apart.
   */
  private hash(b: Uint8Array, start: number, end: number): number {
    const words = this.words;
    let h = 0x9747b28c;
    let w = 0;
    let i = start;
    for (; i + 4 <= end; i += 4, w++) {
      const k = (b[i] as number) | ((b[i + 1] as number) << 8) | ((b[i + 2] as number) << 16) | ((b[i + 3] as number) << 24);
      if (w < INLINE_WORDS) words[w] = k;
      h = mix(h, k);
    }
    if (i < end) {
      const k = (b[i] as number) | (i + 1 < end ? (b[i + 1] as number) << 8 : 0) | (i + 2 < end ? (b[i + 2] as number) << 16 : 0);
      if (w < INLINE_WORDS) words[w] = k;
      h = mix(h, k);
    }
    h ^= end - start;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return h ^ (h >>> 16);
  }
}

function mix(h: number, word: number): number {
  let k = Math.imul(word, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  const x = h ^ k;
  return (Math.imul((x << 13) | (x >>> 19), 5) + 0xe6546b64) | 0;
}
