import { readFileSync } from "node:fs";
import path from "node:path";
import { inflateSync } from "node:zlib";
import { ICON_SIZES, encodePng, iconFileName, iconPng, pngDimensions, renderMark } from "../src/icons";

const ASSETS = path.join(__dirname, "..", "assets");

test.each(ICON_SIZES.map((s) => [s]))("assets/icon-%i.png is committed, current and %i px square", (size) => {
  const committed = readFileSync(path.join(ASSETS, iconFileName(size)));
  expect(pngDimensions(committed)).toEqual({ width: size, height: size });
  // Regenerate with: node --import tsx manifest/src/gen-icons.ts
  expect(committed.equals(iconPng(size))).toBe(true);
});

test("the PNG encoder round-trips pixels (IDAT inflates to filter byte + RGBA rows)", () => {
  const pixels = renderMark(16);
  const png = encodePng(16, 16, pixels);
  const idatLength = png.readUInt32BE(33);
  expect(png.toString("ascii", 37, 41)).toBe("IDAT");
  const raw = inflateSync(png.subarray(41, 41 + idatLength));
  expect(raw.length).toBe(16 * (16 * 4 + 1));
  for (let y = 0; y < 16; y++) {
    expect(raw[y * 65]).toBe(0);
    expect(raw.subarray(y * 65 + 1, (y + 1) * 65).equals(Buffer.from(pixels.subarray(y * 64, (y + 1) * 64)))).toBe(true);
  }
});

test("the mark is opaque teal in the middle of an edge and transparent in the corners", () => {
  const size = 64;
  const px = renderMark(size);
  const at = (x: number, y: number) => Array.from(px.subarray((y * size + x) * 4, (y * size + x) * 4 + 4));
  expect(at(0, 0)[3]).toBe(0);
  expect(at(size / 2, 2)).toEqual([11, 92, 99, 255]);
});

test("pngDimensions rejects bytes that are not a PNG", () => {
  expect(() => pngDimensions(Buffer.from("GIF89a not a png at all....."))).toThrow("not a PNG file");
  expect(() => encodePng(2, 2, new Uint8Array(3))).toThrow("expected 16 bytes of RGBA, got 3");
});
