// The Kundrytm mark drawn in code, so every icon size Outlook asks for is reproducible byte for byte:
// a teal rounded square with a white "K" and an amber dot (the next contact in the rhythm).
import { deflateSync } from "node:zlib";

/** Pixel sizes the manifest references: desktop 16/32/80, IconUrl 64, HighResolutionIconUrl 128,
 *  mobile 25/32/48 at scales 1–3 (25/50/75, 32/64/96, 48/96/144). */
export const ICON_SIZES = [16, 25, 32, 48, 50, 64, 75, 80, 96, 128, 144] as const;
export type IconSize = (typeof ICON_SIZES)[number];

export function iconFileName(size: IconSize): string {
  return `icon-${size}.png`;
}

type Rgba = readonly [number, number, number, number];
const TEAL: Rgba = [11, 92, 99, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const AMBER: Rgba = [242, 169, 0, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

/** Distance from point p to the segment a–b (unit coordinates). */
function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function insideRoundedSquare(x: number, y: number, radius: number): boolean {
  const cx = Math.min(Math.max(x, radius), 1 - radius);
  const cy = Math.min(Math.max(y, radius), 1 - radius);
  return x >= 0 && x <= 1 && y >= 0 && y <= 1 && Math.hypot(x - cx, y - cy) <= radius;
}

/** The colour of the mark at a point in the unit square (top-left origin). */
function markColour(x: number, y: number): Rgba {
  if (!insideRoundedSquare(x, y, 0.22)) return CLEAR;
  if (Math.hypot(x - 0.75, y - 0.75) <= 0.1) return AMBER;
  const stroke = 0.065;
  const stem = segmentDistance(x, y, 0.3, 0.22, 0.3, 0.78) <= stroke;
  const upper = segmentDistance(x, y, 0.33, 0.52, 0.66, 0.22) <= stroke;
  const lower = segmentDistance(x, y, 0.42, 0.44, 0.6, 0.62) <= stroke;
  return stem || upper || lower ? WHITE : TEAL;
}

/** RGBA pixels of the mark at `size`×`size`, anti-aliased by 4×4 supersampling (premultiplied average). */
export function renderMark(size: number): Uint8Array {
  const samples = 4;
  const pixels = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const [cr, cg, cb, ca] = markColour((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          r += cr * ca;
          g += cg * ca;
          b += cb * ca;
          a += ca;
        }
      }
      const o = (py * size + px) * 4;
      if (a > 0) {
        pixels[o] = Math.round(r / a);
        pixels[o + 1] = Math.round(g / a);
        pixels[o + 2] = Math.round(b / a);
      }
      pixels[o + 3] = Math.round(a / (samples * samples));
    }
  }
  return pixels;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** Encodes RGBA pixels as a PNG (8-bit RGBA, no filtering, zlib level 9): same input, same bytes. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) throw new Error(`expected ${width * height * 4} bytes of RGBA, got ${rgba.length}`);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  const raw = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", new Uint8Array(0)),
  ]);
}

export function iconPng(size: IconSize): Buffer {
  return encodePng(size, size, renderMark(size));
}

/** Width and height from a PNG's IHDR; throws if the bytes are not a PNG. */
export function pngDimensions(png: Uint8Array): { width: number; height: number } {
  const buf = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (buf.length < 24 || buf.readUInt32BE(0) !== 0x89504e47 || buf.toString("ascii", 12, 16) !== "IHDR") {
    throw new Error("not a PNG file");
  }
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}
