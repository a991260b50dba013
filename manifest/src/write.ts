// Writes a generated manifest to disk, only after it passed the offline schema check.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generateManifest, type ManifestOptions } from "./manifest";
import { formatProblems, validateManifest, type ManifestValidation } from "./validate";

export const REPO_ROOT = path.join(__dirname, "..", "..");
export const DIST_DIR = path.join(REPO_ROOT, "dist");
export const DEFAULT_MANIFEST_FILE = path.join(DIST_DIR, "manifest.xml");
export const LOCAL_MANIFEST_FILE = path.join(DIST_DIR, "manifest.local.xml");
/** Where `npm start` serves the add-in (the connector's default address). */
export const LOCAL_ADDIN_URL = "http://127.0.0.1:4000";

export class InvalidManifestError extends Error {
  override readonly name = "InvalidManifestError";
  constructor(readonly validation: ManifestValidation) {
    super(`the generated manifest does not match the schema (${validation.engine}):\n${formatProblems(validation)}`);
  }
}

export interface WriteManifestOptions extends ManifestOptions {
  outFile?: string;
}

export interface WrittenManifest {
  file: string;
  xml: string;
  validation: ManifestValidation;
}

/** Generates, validates and writes the manifest; throws (writing nothing) when it is invalid. */
export function writeManifest(options: WriteManifestOptions): WrittenManifest {
  const { outFile = DEFAULT_MANIFEST_FILE, ...manifestOptions } = options;
  const xml = generateManifest(manifestOptions);
  const validation = validateManifest(xml);
  if (!validation.valid) throw new InvalidManifestError(validation);
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, xml);
  return { file: outFile, xml, validation };
}

/** For `npm start`: dist/manifest.local.xml pointing at the local connector (http://127.0.0.1:<port>). */
export function writeLocalManifest(options: { port?: number; outFile?: string } = {}): WrittenManifest {
  const url = options.port === undefined ? LOCAL_ADDIN_URL : `http://127.0.0.1:${options.port}`;
  return writeManifest({ url, outFile: options.outFile ?? LOCAL_MANIFEST_FILE });
}
