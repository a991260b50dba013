// Writes manifest/assets/icon-<size>.png for every size the manifest references.
// Run: node --import tsx manifest/src/gen-icons.ts
import { writeFileSync } from "node:fs";
import path from "node:path";
import { ICON_SIZES, iconFileName, iconPng } from "./icons";

export const ASSETS_DIR = path.join(__dirname, "..", "assets");

export function writeIcons(dir: string = ASSETS_DIR): string[] {
  return ICON_SIZES.map((size) => {
    const file = path.join(dir, iconFileName(size));
    writeFileSync(file, iconPng(size));
    return file;
  });
}

if (require.main === module) {
  for (const file of writeIcons()) console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
