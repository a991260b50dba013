import fs from "node:fs";
import path from "node:path";

/** The product version from the project's package.json, found from here upwards (works from src/ and build/). */
function findVersion(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: unknown; version?: unknown };
      if (pkg.name === "kundrytm" && typeof pkg.version === "string") return pkg.version;
    }
    if (path.dirname(dir) === dir) return "0.0.0-unknown";
  }
}

export const VERSION = findVersion();
