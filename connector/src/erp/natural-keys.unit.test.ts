import fc from "fast-check";
import { NaturalKeySet, packNaturalKey } from "./natural-keys";

describe("order-line keys seen in a file", () => {
  it("packs plain integer parts one-to-one and leaves everything else as text", () => {
    expect(packNaturalKey("700123", "4")).toBe(70_012_300_004);
    expect(packNaturalKey("0", "0")).toBe(0);
    expect(packNaturalKey("9999999999", "99999")).toBe(999_999_999_999_999);
    for (const [order, line] of [["0700", "1"], ["700", "01"], ["A-100", "1"], ["100", "1a"], ["", "1"], ["100", ""], ["12345678901", "1"], ["1", "100000"], ["1 ", "2"]]) {
      expect([order, line, packNaturalKey(order!, line!)]).toEqual([order, line, -1]);
    }
  });

  it("finds a key twice exactly when its texts are equal, packed or not, across growth", () => {
    const part = fc.oneof(fc.nat(120).map(String), fc.constantFrom("01", "A", "7b", "00", "99999", "100000"));
    fc.assert(
      fc.property(fc.array(fc.tuple(part, part), { maxLength: 3000 }), (pairs) => {
        const set = new NaturalKeySet();
        const texts = new Set<string>();
        for (const [order, line] of pairs) {
          const key = `${order}#${line}`;
          expect(set.add(order, line, key)).toBe(!texts.has(key));
          texts.add(key);
        }
        expect(set.size).toBe(texts.size);
      }),
      { numRuns: 60 },
    );
  });

  it("an export in order, with some lines out of order and some twice, finds exactly the repeats", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(3), fc.integer({ min: -5, max: 5 })), { maxLength: 3000 }), (steps) => {
        const set = new NaturalKeySet();
        const seen = new Set<number>();
        let order = 1000;
        for (const [advance, jitter] of steps) {
          order += advance;
          const o = Math.max(1, order + (advance === 0 ? jitter : 0));
          const line = 1 + (Math.abs(jitter) % 3);
          const packed = o * 100_000 + line;
          expect(set.add(String(o), String(line), `${o}#${line}`)).toBe(!seen.has(packed));
          seen.add(packed);
        }
        expect(set.size).toBe(seen.size);
        const copy = new NaturalKeySet();
        expect(copy.absorb(set.data())).toBe(true);
        expect(copy.size).toBe(seen.size);
      }),
      { numRuns: 60 },
    );
  });

  it("absorbs another range's keys and says when one was seen before", () => {
    const a = new NaturalKeySet();
    const b = new NaturalKeySet();
    for (let i = 0; i < 10_000; i++) a.add(String(100_000 + i), "1", `${100_000 + i}#1`);
    a.add("X-1", "1", "X-1#1");
    b.add("200000", "1", "200000#1");
    b.add("X-2", "1", "X-2#1");
    const merged = new NaturalKeySet();
    expect(merged.absorb(a.data())).toBe(true);
    expect(merged.absorb(b.data())).toBe(true);
    expect(merged.size).toBe(10_003);
    const again = new NaturalKeySet();
    again.add("100005", "1", "100005#1");
    expect(merged.absorb(again.data())).toBe(false);
    const text = new NaturalKeySet();
    text.add("X-1", "1", "X-1#1");
    const withA = new NaturalKeySet();
    withA.absorb(a.data());
    expect(withA.absorb(text.data())).toBe(false);
  });
});
