import fc from "fast-check";
import { ByteKeyIndex } from "./byte-keys";

describe("ByteKeyIndex", () => {
  it("numbers a key by its bytes anywhere in a buffer, and finds only that key", () => {
    const index = new ByteKeyIndex();
    const b = Buffer.from("xx5560001;5560002;55600010;");
    expect(index.get(b, 2, 9)).toBe(-1);
    expect([index.add(b, 2, 9), index.add(b, 10, 17), index.add(b, 18, 26)]).toEqual([0, 1, 2]);
    const again = Buffer.from("5560001,5560002,55600010,556000,");
    expect([index.get(again, 0, 7), index.get(again, 8, 15), index.get(again, 16, 24), index.get(again, 25, 31)]).toEqual([0, 1, 2, -1]);
    expect(index.get(again, 0, 0)).toBe(-1);
    expect(index.size).toBe(3);
  });

  it("tells apart keys that share their first 20 bytes, and keys that differ only by trailing zero bytes", () => {
    const index = new ByteKeyIndex();
    const keys = ["ORGANISATION-NUMBER-0001", "ORGANISATION-NUMBER-0002", "ORGANISATION-NUMBER-", "ORGANISATION-NUMBER-00012345678901234567890"].map((k) => Buffer.from(k));
    const zeros = [Buffer.from([0x41]), Buffer.from([0x41, 0]), Buffer.from([0x41, 0, 0, 0, 0])];
    [...keys, ...zeros].forEach((k, i) => expect(index.add(k, 0, k.length)).toBe(i));
    [...keys, ...zeros].forEach((k, i) => expect(index.get(k, 0, k.length)).toBe(i));
    expect(index.get(Buffer.from("ORGANISATION-NUMBER-0003"), 0, 24)).toBe(-1);
  });

  it("keeps every key through growth, the empty key included", () => {
    const index = new ByteKeyIndex();
    const keys = Array.from({ length: 5000 }, (_, i) => Buffer.from(i === 0 ? "" : `K${i * 7919}`));
    keys.forEach((k, i) => {
      expect(index.get(k, 0, k.length)).toBe(-1);
      expect(index.add(k, 0, k.length)).toBe(i);
    });
    keys.forEach((k, i) => expect(index.get(k, 0, k.length)).toBe(i));
  });

  it("stops numbering keys past its limit and still answers for the ones it kept", () => {
    const index = new ByteKeyIndex(2);
    expect(["a", "b", "c"].map((k) => index.add(Buffer.from(k), 0, 1))).toEqual([0, 1, -1]);
    expect(index.size).toBe(2);
    expect(["a", "b", "c"].map((k) => index.get(Buffer.from(k), 0, 1))).toEqual([0, 1, -1]);
  });

  it("answers as a Map of the decoded keys would, for short and long keys (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.uint8Array({ maxLength: 12 }), fc.uint8Array({ minLength: 18, maxLength: 40 })), { maxLength: 200 }), (keys) => {
        const index = new ByteKeyIndex();
        const reference = new Map<string, number>();
        for (const k of keys) {
          const text = Buffer.from(k).toString("latin1");
          const found = index.get(k, 0, k.length);
          expect(found).toBe(reference.get(text) ?? -1);
          if (found === -1) reference.set(text, index.add(k, 0, k.length));
        }
        expect(index.size).toBe(reference.size);
      }),
    );
  });
});
