import fc from "fast-check";
import { ByteKeyMap } from "./byte-keys";

describe("ByteKeyMap", () => {
  it("finds a key by its bytes anywhere in a buffer, and only that key", () => {
    const map = new ByteKeyMap<string>();
    const b = Buffer.from("xx5560001;5560002;55600010;");
    expect(map.get(b, 2, 9)).toBeUndefined();
    map.set(b, 2, 9, "first");
    map.set(b, 10, 17, "second");
    map.set(b, 18, 26, "longer");
    const again = Buffer.from("5560001,5560002,55600010,556000,");
    expect([map.get(again, 0, 7), map.get(again, 8, 15), map.get(again, 16, 24), map.get(again, 25, 31)]).toEqual(["first", "second", "longer", undefined]);
    expect(map.get(again, 0, 0)).toBeUndefined();
    expect(map.size).toBe(3);
  });

  it("keeps every key through growth, the empty key included", () => {
    const map = new ByteKeyMap<number>();
    const keys = Array.from({ length: 5000 }, (_, i) => Buffer.from(i === 0 ? "" : `K${i * 7919}`));
    keys.forEach((k, i) => {
      expect(map.get(k, 0, k.length)).toBeUndefined();
      map.set(k, 0, k.length, i);
    });
    keys.forEach((k, i) => expect(map.get(k, 0, k.length)).toBe(i));
  });

  it("stops keeping keys past its limit and still answers for the ones it kept", () => {
    const map = new ByteKeyMap<number>(2);
    for (const [i, k] of ["a", "b", "c"].entries()) map.set(Buffer.from(k), 0, 1, i);
    expect(map.size).toBe(2);
    expect([map.get(Buffer.from("a"), 0, 1), map.get(Buffer.from("b"), 0, 1), map.get(Buffer.from("c"), 0, 1)]).toEqual([0, 1, undefined]);
  });

  it("answers as a Map of the decoded keys would (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 12 }), { maxLength: 200 }), (keys) => {
        const map = new ByteKeyMap<number>();
        const reference = new Map<string, number>();
        keys.forEach((k, i) => {
          const text = Buffer.from(k).toString("latin1");
          const found = map.get(k, 0, k.length);
          expect(found).toBe(reference.get(text));
          if (found === undefined) {
            map.set(k, 0, k.length, i);
            reference.set(text, i);
          }
        });
        expect(map.size).toBe(reference.size);
      }),
    );
  });
});
