import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { ScheduleBody } from "../../shared/api/settings";
import { EXPLANATION_LOCALES, type ExplanationLocale } from "../../shared/domain/explain";
import { ACCOUNT_TYPES, POTENTIALS, TIERS, type AccountType, type Potential } from "../../shared/domain/vocabulary";
import type { SuperOfficeConfigInput } from "./crm/superoffice/config";

/**
 * The connector's whole configuration: one schema over the environment, parsed once at start.
 * Every variable is described; `describeConfig()` lists them for the admin documentation.
 */

/** The scope admins add under "Expose an API" (docs/admin.md, section 4). */
export const DEFAULT_ENTRA_API_SCOPE = "Crm.ReadWrite";

const optionalText = z.string().trim().min(1).optional();
const port = z.coerce.number().int().min(0).max(65535);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const onOff = z.enum(["on", "off"]);
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a time like 06:00 (24-hour clock)");

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
const ianaZone = z.string().trim().refine(isTimeZone, "is not an IANA time zone; give one such as Europe/Stockholm or Europe/Oslo");

/** Variables that hold secrets: each may instead be read from the file named by <NAME>_FILE (container and systemd credentials). */
export const SECRET_VARIABLES = ["DATABASE_URL", "SUPEROFFICE_APP_TOKEN", "SUPEROFFICE_SYSTEM_TOKEN", "SUPEROFFICE_ACCESS_TOKEN", "SUPEROFFICE_PASSWORD", "KUNDRYTM_METRICS_TOKEN"] as const;

export const connectorConfigSchema = z.object({
  HOST: z.string().default("127.0.0.1").describe("Interface the HTTP server listens on (0.0.0.0 for all)."),
  PORT: port.default(4000).describe("HTTP port of the connector."),
  PUBLIC_URL: z.url().optional().describe("Public base URL of the connector (https://…, the host's root without a path), used in links and as the default add-in origin. Default: http://HOST:PORT."),
  ADDIN_ORIGINS: optionalText.describe("Comma-separated origins allowed to call the API from a browser (CORS). Default: the origin of PUBLIC_URL."),
  ADDIN_DIST_DIR: z.string().default("dist/addin").describe("Folder with the built task pane (taskpane.html, preview/, assets/)."),
  ADDIN_MANIFEST_FILE: z.string().default("dist/manifest.xml").describe("The manifest written by npm run manifest, served at /manifest.xml (for New-App -Url); npm run build leaves it in place."),
  DATA_DIR: z.string().default(".kundrytm").describe("Folder for the embedded database (pgdata/) and the development token key."),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional()
    .describe("PostgreSQL connection string (postgres://user:password@host:5432/database?sslmode=verify-full); required when KUNDRYTM_AUTH=entra. Unset: the embedded PGlite in DATA_DIR/pgdata (trials only)."),
  PREVIEW_DEMO_FILE: optionalText.describe("Embedded mode: JSON description of the demo tenant behind the preview page's inbox (npm start writes it). Unset: no /preview/mailbox.json."),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info").describe("Level of the JSON log written to standard output."),
  KUNDRYTM_METRICS_TOKEN: z.string().trim().min(16, "must be at least 16 characters (e.g. openssl rand -hex 24)").optional().describe("Bearer token a Prometheus scraper sends to read GET /metrics. Unset: /metrics answers 404."),

  KUNDRYTM_AUTH: z.enum(["embedded", "entra"]).default("embedded").describe("Who issues the pane's tokens: embedded (the connector itself, development and demo) or entra (Microsoft Entra ID)."),
  DEV_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(8 * 3600).describe("Lifetime of tokens from POST /dev/token (embedded mode)."),
  ENTRA_TENANT_ID: optionalText.describe("Directory (tenant) ID of the Entra ID tenant, a GUID; required when KUNDRYTM_AUTH=entra."),
  ENTRA_API_AUDIENCE: optionalText.describe("Comma-separated audiences accepted in tokens, the Application ID URI first (the pane requests <URI>/<ENTRA_API_SCOPE>). Default: api://<ENTRA_CLIENT_ID>,<ENTRA_CLIENT_ID>."),
  ENTRA_API_SCOPE: z.string().trim().min(1).default(DEFAULT_ENTRA_API_SCOPE).describe("Delegated scope exposed by the app registration; the pane requests it and tokens without it in `scp` are refused."),
  ENTRA_CLIENT_ID: optionalText.describe("Application (client) ID of the add-in's app registration, a GUID (the pane signs in with it); required when KUNDRYTM_AUTH=entra."),
  ENTRA_AUTHORITY_HOST: z.url().default("https://login.microsoftonline.com").describe("Entra ID authority host (national clouds differ)."),

  SUPEROFFICE_WEBAPI_URL: z.url().describe("The tenant's webapi_url, e.g. https://sod2.superoffice.com/Cust12345/api."),
  SUPEROFFICE_AUTH: z.enum(["system-user", "bearer", "basic"]).default("system-user").describe("How the connector signs in to SuperOffice."),
  SUPEROFFICE_AUTH_URL: z.url().optional().describe("Un-numbered SuperOffice auth origin (https://online.superoffice.com, https://sod.superoffice.com); system-user auth."),
  SUPEROFFICE_CONTEXT_ID: optionalText.describe("Tenant id (Cust12345); system-user auth."),
  SUPEROFFICE_APP_TOKEN: optionalText.describe("The application's client secret; system-user auth (optional with bearer)."),
  SUPEROFFICE_SYSTEM_TOKEN: optionalText.describe("The system user token from the tenant's consent; system-user auth."),
  SUPEROFFICE_PRIVATE_KEY_FILE: optionalText.describe("Path to the application's RSA private key (PEM); system-user auth."),
  SUPEROFFICE_ACCESS_TOKEN: optionalText.describe("A SuperOffice access token; bearer auth."),
  SUPEROFFICE_USERNAME: optionalText.describe("User name; basic auth (Onsite and the sandbox)."),
  SUPEROFFICE_PASSWORD: z.string().optional().describe("Password; basic auth."),
  SUPEROFFICE_LANGUAGE: z.string().regex(/^[a-z]{2}$/, "an ISO 639-1 code such as sv, no or en").default("en").describe("Language of list names returned by SuperOffice."),
  SUPEROFFICE_TIMEZONE: ianaZone.optional().describe("The tenant's base time zone as an IANA zone (Europe/Stockholm, Europe/Oslo, Europe/Helsinki, UTC): SuperOffice's times without an offset are read in it and \"today\" is its date. Default: Europe/Stockholm."),
  SUPEROFFICE_TENANT_STATUS_URL: z.url().optional().describe("Origin of SuperOffice's Tenant Status API ({url}/api/state/{ContextId}), asked on a 421 and before each scheduled job to find a moved tenant and skip jobs during maintenance. Default: SUPEROFFICE_AUTH_URL with system-user auth; without either a 421 is an error."),
  SUPEROFFICE_CALLS_PER_SECOND: z.coerce.number().positive().max(100).default(10).describe("Budget of CRM calls per second (SuperOffice Online allows about 10 per tenant)."),

  KUNDRYTM_ADMINS: z.string().default("").describe("Comma-separated e-mail addresses of Kundrytm administrators (the admin API: settings, classification, imports). Empty: nobody."),
  KUNDRYTM_TIER_CATEGORIES: z.string().default(TIERS.join(",")).describe("Names of the SuperOffice categories for tiers A,B,C,D, in that order, comma-separated."),
  KUNDRYTM_FORMER_CATEGORY: z.string().default("Tidigare kund,Tidligere kunde,Former customer").describe("Category name(s) meaning former customer, comma-separated."),
  KUNDRYTM_POTENTIAL_FIELD: z.string().trim().min(1).default("SuperOffice:1").describe("ProgId (or SuperOffice:N) of the company's list field holding potential A–D."),
  KUNDRYTM_POTENTIAL_ITEMS: z.string().default("A=A,B=B,C=C,D=D").describe("List item name → potential, comma-separated name=value pairs (values A–D)."),
  KUNDRYTM_ACCOUNT_TYPE_FIELD: z.string().trim().min(1).default("SuperOffice:2").describe("ProgId (or SuperOffice:N) of the company's list field holding the account type."),
  KUNDRYTM_ACCOUNT_TYPE_ITEMS: z
    .string()
    .default("Utvid=expand,Behold=keep,Utöka=expand,Behåll=keep,Expand=expand,Keep=keep")
    .describe("List item name → account type, comma-separated name=value pairs (values expand, keep)."),

  KUNDRYTM_WEEKLY_LISTS: onOff.default("off").describe("Write the reps' Monday follow-up lists into SuperOffice every Monday (on) or not (off). Once the schedule is saved on the admin page, that wins."),
  KUNDRYTM_WEEKLY_LISTS_TIME: clock.default("06:00").describe("Time on Mondays the lists are written, in KUNDRYTM_JOBS_TIMEZONE."),
  KUNDRYTM_LIST_LANGUAGE: z.enum(EXPLANATION_LOCALES).optional().describe("Language of the Monday lists' names (en, sv, nb). Default: SUPEROFFICE_LANGUAGE when it is sv, nb or no, else en."),
  KUNDRYTM_CLASSIFY_NIGHTLY: onOff.default("off").describe("Classify every night and write tier changes into SuperOffice (on) or not (off). Once the schedule is saved on the admin page, that wins."),
  KUNDRYTM_CLASSIFY_TIME: clock.default("02:00").describe("Time of the nightly classification, in KUNDRYTM_JOBS_TIMEZONE."),
  KUNDRYTM_JOBS_TIMEZONE: ianaZone.default("Europe/Stockholm").describe("IANA time zone of the job times and of the working week."),
});

export type ConnectorEnv = z.output<typeof connectorConfigSchema>;

export interface FieldMapping {
  /** Category name (lower case) → tier status; A–D from KUNDRYTM_TIER_CATEGORIES, "former" from KUNDRYTM_FORMER_CATEGORY. */
  tierCategories: string[];
  formerCategories: string[];
  potentialField: string;
  potentialItems: Record<string, Potential>;
  accountTypeField: string;
  accountTypeItems: Record<string, AccountType>;
}

export type AuthConfig =
  | { mode: "embedded"; tokenTtlSeconds: number }
  | {
      mode: "entra";
      tenantId: string;
      audiences: string[];
      scope: string;
      clientId: string;
      authorityHost: string;
    };

export interface ConnectorConfig {
  host: string;
  port: number;
  publicUrl: string;
  addinOrigins: string[];
  addinDistDir: string;
  /** The manifest npm run manifest wrote; served at /manifest.xml when it exists. */
  addinManifestFile: string;
  dataDir: string;
  previewDemoFile: string | null;
  databaseUrl: string | null;
  logLevel: ConnectorEnv["LOG_LEVEL"];
  auth: AuthConfig;
  superOffice: SuperOfficeConfigInput;
  fields: FieldMapping;
  /** Lower-case e-mail addresses of the admins (KUNDRYTM_ADMINS). */
  admins: string[];
  /** The job schedule from the variables; a schedule saved on the admin page replaces it. */
  schedule: ScheduleBody;
  /** Bearer token for GET /metrics; null: no metrics endpoint. */
  metricsToken: string | null;
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

function list(value: string): string[] {
  return value
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function pairs<V extends string>(name: string, value: string, allowed: readonly V[], problems: string[]): Record<string, V> {
  const out: Record<string, V> = {};
  for (const entry of list(value)) {
    const eq = entry.lastIndexOf("=");
    const key = eq > 0 ? entry.slice(0, eq).trim().toLowerCase() : "";
    const v = eq > 0 ? entry.slice(eq + 1).trim() : "";
    const match = allowed.find((a) => a.toLowerCase() === v.toLowerCase());
    if (!key || !match) {
      problems.push(`${name}: "${entry}" is not name=value with value one of ${allowed.join(", ")}`);
      continue;
    }
    out[key] = match;
  }
  return out;
}

function need(env: Partial<ConnectorEnv>, names: (keyof ConnectorEnv)[], because: string, problems: string[], failed: ReadonlySet<string>): void {
  for (const name of names) if (env[name] === undefined && !failed.has(name)) problems.push(`${name}: required ${because}`);
}

/** Zod's default wording ("Invalid input: expected string, received undefined") told admins nothing. */
const plainIssue: z.core.$ZodErrorMap = (issue) => {
  if (issue.input === undefined) return "is not set; it is required";
  switch (issue.code) {
    case "invalid_format":
      return issue.format === "url" ? `"${String(issue.input)}" is not a URL; give a full address such as https://…` : undefined;
    case "invalid_type":
      return issue.expected === "number" ? "must be a number" : undefined;
    case "invalid_value":
      return `must be one of ${issue.values.map(String).join(", ")}`;
    default:
      return undefined;
  }
};

/**
 * Parses every variable on its own, so one bad value does not hide the others' problems. Failed
 * variables are left out of the result and their names returned.
 */
function parseEach(present: Record<string, string>, problems: string[]): { env: Partial<ConnectorEnv>; failed: Set<string> } {
  const env: Record<string, unknown> = {};
  const failed = new Set<string>();
  for (const [name, field] of Object.entries(connectorConfigSchema.shape)) {
    // systemd's EnvironmentFile keeps "  # note" as part of the value, while a shell drops it.
    if (name !== "SUPEROFFICE_PASSWORD" && /\s#/.test(present[name] ?? "")) {
      failed.add(name);
      problems.push(`${name}: the value ends in a comment ("# …"); put comments on a line of their own`);
      continue;
    }
    const result = (field as z.ZodType).safeParse(present[name], { error: plainIssue });
    if (result.success) {
      if (result.data !== undefined) env[name] = result.data;
    } else {
      failed.add(name);
      // A missing required variable is named together with what it is, so the admin knows where to look.
      const what = present[name] === undefined && field.description ? ` (${field.description.replace(/\.$/, "")})` : "";
      for (const issue of result.error.issues) problems.push(`${name}: ${issue.message}${what}`);
    }
  }
  return { env: env as Partial<ConnectorEnv>, failed };
}

/**
 * Parses the environment into the connector's configuration. Throws ConfigError naming every variable
 * that is missing or wrong (never echoing secret values). Reads SUPEROFFICE_PRIVATE_KEY_FILE when set.
 */
export function loadConfig(source: NodeJS.ProcessEnv, readFile: (file: string) => string = (f) => fs.readFileSync(f, "utf8")): ConnectorConfig {
  // An empty variable counts as unset, as shells and .env files commonly leave them.
  const present = Object.fromEntries(Object.entries(source).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ""));
  const problems: string[] = [];
  for (const { name, suggestion } of unknownVariables(source)) {
    problems.push(`${name}: not a Kundrytm variable${suggestion ? `; did you mean ${suggestion}?` : "; remove it or correct its name (docs/admin.md lists every variable)"}`);
  }
  readSecretFiles(present, readFile, problems);
  const { env, failed } = parseEach(present, problems);

  let superOfficeAuth: SuperOfficeConfigInput["auth"] | null = null;
  switch (env.SUPEROFFICE_AUTH) {
    case "system-user": {
      const names = ["SUPEROFFICE_AUTH_URL", "SUPEROFFICE_CONTEXT_ID", "SUPEROFFICE_APP_TOKEN", "SUPEROFFICE_SYSTEM_TOKEN", "SUPEROFFICE_PRIVATE_KEY_FILE"] as const;
      need(env, [...names], "when SUPEROFFICE_AUTH=system-user", problems, failed);
      let privateKeyPem: string | null = null;
      if (env.SUPEROFFICE_PRIVATE_KEY_FILE) {
        try {
          privateKeyPem = readFile(env.SUPEROFFICE_PRIVATE_KEY_FILE);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code ?? "error";
          const why = code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied: run as the user the connector runs as, who must be able to read it" : code;
          problems.push(`SUPEROFFICE_PRIVATE_KEY_FILE: cannot read ${env.SUPEROFFICE_PRIVATE_KEY_FILE} (${why})`);
        }
        if (privateKeyPem !== null && !privateKeyPem.includes("PRIVATE KEY")) {
          problems.push(`SUPEROFFICE_PRIVATE_KEY_FILE: ${env.SUPEROFFICE_PRIVATE_KEY_FILE} is not a PEM private key`);
        }
      }
      if (env.SUPEROFFICE_AUTH_URL && env.SUPEROFFICE_CONTEXT_ID && env.SUPEROFFICE_APP_TOKEN && env.SUPEROFFICE_SYSTEM_TOKEN && privateKeyPem) {
        superOfficeAuth = {
          kind: "system-user",
          authUrl: env.SUPEROFFICE_AUTH_URL,
          contextId: env.SUPEROFFICE_CONTEXT_ID,
          applicationToken: env.SUPEROFFICE_APP_TOKEN,
          systemToken: env.SUPEROFFICE_SYSTEM_TOKEN,
          privateKeyPem,
        };
      }
      break;
    }
    case "bearer":
      need(env, ["SUPEROFFICE_ACCESS_TOKEN"], "when SUPEROFFICE_AUTH=bearer", problems, failed);
      if (env.SUPEROFFICE_ACCESS_TOKEN) {
        superOfficeAuth = {
          kind: "bearer",
          accessToken: env.SUPEROFFICE_ACCESS_TOKEN,
          ...(env.SUPEROFFICE_APP_TOKEN ? { applicationToken: env.SUPEROFFICE_APP_TOKEN } : {}),
        };
      }
      break;
    case "basic":
      need(env, ["SUPEROFFICE_USERNAME", "SUPEROFFICE_PASSWORD"], "when SUPEROFFICE_AUTH=basic", problems, failed);
      if (env.SUPEROFFICE_USERNAME && env.SUPEROFFICE_PASSWORD !== undefined) {
        superOfficeAuth = { kind: "basic", username: env.SUPEROFFICE_USERNAME, password: env.SUPEROFFICE_PASSWORD };
      }
      break;
    case undefined:
      break;
  }

  let auth: AuthConfig | null = null;
  if (env.KUNDRYTM_AUTH === "entra") {
    need(env, ["ENTRA_TENANT_ID", "ENTRA_CLIENT_ID"], "when KUNDRYTM_AUTH=entra", problems, failed);
    if (env.DATABASE_URL === undefined && !failed.has("DATABASE_URL")) {
      problems.push("DATABASE_URL: required when KUNDRYTM_AUTH=entra: production keeps its data in PostgreSQL, which every instance shares (the embedded database would give each instance a store of its own)");
    }
    if (env.ENTRA_TENANT_ID && !GUID.test(env.ENTRA_TENANT_ID)) {
      failed.add("ENTRA_TENANT_ID");
      problems.push(
        /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(env.ENTRA_TENANT_ID)
          ? `ENTRA_TENANT_ID: "${env.ENTRA_TENANT_ID}" is a domain; give the Directory (tenant) ID, a GUID (Entra admin center → the app registration's overview), which Entra ID puts in every token's issuer. It is the GUID in "issuer" at ${env.ENTRA_AUTHORITY_HOST ?? "https://login.microsoftonline.com"}/${env.ENTRA_TENANT_ID}/v2.0/.well-known/openid-configuration`
          : `ENTRA_TENANT_ID: "${env.ENTRA_TENANT_ID}" is not a Directory (tenant) ID; give the GUID from the app registration's overview page, e.g. 72f988bf-86f1-41af-91ab-2d7cd011db47`,
      );
    }
    if (env.ENTRA_CLIENT_ID && !GUID.test(env.ENTRA_CLIENT_ID)) {
      failed.add("ENTRA_CLIENT_ID");
      const uri = /^api:\/\/(.+)$/i.exec(env.ENTRA_CLIENT_ID)?.[1];
      problems.push(
        uri !== undefined && GUID.test(uri)
          ? `ENTRA_CLIENT_ID: "${env.ENTRA_CLIENT_ID}" is the Application ID URI; give the Application (client) ID itself: ENTRA_CLIENT_ID=${uri}`
          : `ENTRA_CLIENT_ID: "${env.ENTRA_CLIENT_ID}" is not an Application (client) ID; give the GUID from the app registration's overview page`,
      );
    }
    // One app registration serves the pane and the API: its URI is what the pane asks for, its client id
    // is the audience inside version 2 tokens.
    const audiences = env.ENTRA_API_AUDIENCE ? list(env.ENTRA_API_AUDIENCE) : env.ENTRA_CLIENT_ID ? [`api://${env.ENTRA_CLIENT_ID}`, env.ENTRA_CLIENT_ID] : [];
    if (env.ENTRA_API_AUDIENCE && !/^[a-z][a-z0-9+.-]*:\/\//i.test(audiences[0] ?? "")) {
      problems.push(`ENTRA_API_AUDIENCE: list the Application ID URI (api://…) first; the pane requests <first entry>/${env.ENTRA_API_SCOPE ?? DEFAULT_ENTRA_API_SCOPE}`);
    }
    if (env.ENTRA_TENANT_ID && env.ENTRA_CLIENT_ID && !failed.has("ENTRA_TENANT_ID") && !failed.has("ENTRA_CLIENT_ID") && env.ENTRA_API_SCOPE && env.ENTRA_AUTHORITY_HOST && audiences.length > 0) {
      auth = {
        mode: "entra",
        tenantId: env.ENTRA_TENANT_ID,
        audiences,
        scope: env.ENTRA_API_SCOPE,
        clientId: env.ENTRA_CLIENT_ID,
        authorityHost: env.ENTRA_AUTHORITY_HOST.replace(/\/+$/, ""),
      };
    }
  } else if (env.KUNDRYTM_AUTH === "embedded" && env.DEV_TOKEN_TTL_SECONDS !== undefined) {
    auth = { mode: "embedded", tokenTtlSeconds: env.DEV_TOKEN_TTL_SECONDS };
  }

  const tierCategories = list(env.KUNDRYTM_TIER_CATEGORIES ?? "").map((s) => s.toLowerCase());
  if (!failed.has("KUNDRYTM_TIER_CATEGORIES") && tierCategories.length !== TIERS.length) {
    problems.push(`KUNDRYTM_TIER_CATEGORIES: needs exactly ${TIERS.length} comma-separated names (for ${TIERS.join(", ")})`);
  }
  const formerCategories = list(env.KUNDRYTM_FORMER_CATEGORY ?? "").map((s) => s.toLowerCase());
  const potentialItems = pairs("KUNDRYTM_POTENTIAL_ITEMS", env.KUNDRYTM_POTENTIAL_ITEMS ?? "", POTENTIALS, problems);
  const accountTypeItems = pairs("KUNDRYTM_ACCOUNT_TYPE_ITEMS", env.KUNDRYTM_ACCOUNT_TYPE_ITEMS ?? "", ACCOUNT_TYPES, problems);

  if (env.PUBLIC_URL && !failed.has("PUBLIC_URL")) {
    const url = new URL(env.PUBLIC_URL);
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      failed.add("PUBLIC_URL");
      problems.push(`PUBLIC_URL: "${env.PUBLIC_URL}" must be an https:// address`);
    } else if (url.pathname !== "/" || url.search || url.hash) {
      failed.add("PUBLIC_URL");
      problems.push(`PUBLIC_URL: "${env.PUBLIC_URL}" has a path; the add-in is served from the host's root, so give ${url.origin} (a host name of its own, e.g. https://addin.example.com)`);
    }
  }
  if (env.DATABASE_URL && !failed.has("DATABASE_URL")) {
    const problem = databaseUrlProblem(env.DATABASE_URL);
    if (problem) {
      failed.add("DATABASE_URL");
      problems.push(`DATABASE_URL: ${problem}`);
    }
  }

  // The embedded issuer hands a token to whoever asks: it may only ever be reachable from this machine.
  if (env.KUNDRYTM_AUTH === "embedded") {
    if (env.HOST !== undefined && !isLoopback(env.HOST)) {
      problems.push(`HOST: ${env.HOST} is not a loopback address, and the embedded sign-in (KUNDRYTM_AUTH=embedded, the default) gives a token to anyone who can reach it; keep HOST=127.0.0.1, or set KUNDRYTM_AUTH=entra for production`);
    }
    if (env.PUBLIC_URL?.startsWith("https://")) {
      problems.push("PUBLIC_URL: an https address means reps reach this connector over a network, where the embedded sign-in (KUNDRYTM_AUTH=embedded, the default) would give a token to anyone; set KUNDRYTM_AUTH=entra for production");
    }
  }

  let publicUrl = "";
  let addinOrigins: string[] = [];
  if (!failed.has("PUBLIC_URL") && !failed.has("HOST") && !failed.has("PORT")) {
    const host = env.HOST === "0.0.0.0" ? "127.0.0.1" : env.HOST === "::" ? "[::1]" : env.HOST?.includes(":") && !env.HOST.startsWith("[") ? `[${env.HOST}]` : env.HOST;
    publicUrl = (env.PUBLIC_URL ?? `http://${host}:${env.PORT}`).replace(/\/+$/, "");
    addinOrigins = env.ADDIN_ORIGINS ? list(env.ADDIN_ORIGINS) : [new URL(publicUrl).origin];
  }
  for (const origin of addinOrigins) {
    if (!URL.canParse(origin) || new URL(origin).origin !== origin) problems.push(`ADDIN_ORIGINS: "${origin}" is not an origin like https://addin.example.com`);
  }

  if (problems.length > 0 || !superOfficeAuth || !auth) throw new ConfigError(problems);
  // Every variable parsed (no problems): defaults are filled in.
  const full = env as ConnectorEnv;

  return {
    host: full.HOST,
    port: full.PORT,
    publicUrl,
    addinOrigins,
    addinDistDir: path.resolve(full.ADDIN_DIST_DIR),
    addinManifestFile: path.resolve(full.ADDIN_MANIFEST_FILE),
    dataDir: path.resolve(full.DATA_DIR),
    previewDemoFile: full.PREVIEW_DEMO_FILE ? path.resolve(full.PREVIEW_DEMO_FILE) : null,
    databaseUrl: full.DATABASE_URL ?? null,
    logLevel: full.LOG_LEVEL,
    auth,
    superOffice: {
      webapiUrl: full.SUPEROFFICE_WEBAPI_URL,
      auth: superOfficeAuth,
      language: full.SUPEROFFICE_LANGUAGE,
      ...(full.SUPEROFFICE_TIMEZONE ? { tenantTimeZone: full.SUPEROFFICE_TIMEZONE } : {}),
      callsPerSecond: full.SUPEROFFICE_CALLS_PER_SECOND,
      ...(full.SUPEROFFICE_TENANT_STATUS_URL ? { tenantStatusUrl: full.SUPEROFFICE_TENANT_STATUS_URL } : {}),
    },
    admins: list(full.KUNDRYTM_ADMINS).map((a) => a.toLowerCase()),
    schedule: scheduleOf(full),
    metricsToken: full.KUNDRYTM_METRICS_TOKEN ?? null,
    fields: {
      tierCategories,
      formerCategories,
      potentialField: full.KUNDRYTM_POTENTIAL_FIELD,
      potentialItems,
      accountTypeField: full.KUNDRYTM_ACCOUNT_TYPE_FIELD,
      accountTypeItems,
    },
  };
}

/** The job schedule the variables describe, in the admin page's shape. */
function scheduleOf(env: ConnectorEnv): ScheduleBody {
  const fromCrm: Record<string, ExplanationLocale> = { sv: "sv", nb: "nb", no: "nb", nn: "nb", en: "en" };
  const language = env.KUNDRYTM_LIST_LANGUAGE ?? fromCrm[env.SUPEROFFICE_LANGUAGE] ?? "en";
  return {
    weeklyLists: { enabled: env.KUNDRYTM_WEEKLY_LISTS === "on", time: env.KUNDRYTM_WEEKLY_LISTS_TIME, timeZone: env.KUNDRYTM_JOBS_TIMEZONE, language, createTasks: false, defaultCountry: "SE" },
    classification: { enabled: env.KUNDRYTM_CLASSIFY_NIGHTLY === "on", time: env.KUNDRYTM_CLASSIFY_TIME, timeZone: env.KUNDRYTM_JOBS_TIMEZONE, language },
  };
}

/** The variables that shape the schedule: doctor names them when a saved schedule makes them moot. */
export const SCHEDULE_VARIABLES = ["KUNDRYTM_WEEKLY_LISTS", "KUNDRYTM_WEEKLY_LISTS_TIME", "KUNDRYTM_LIST_LANGUAGE", "KUNDRYTM_CLASSIFY_NIGHTLY", "KUNDRYTM_CLASSIFY_TIME", "KUNDRYTM_JOBS_TIMEZONE"] as const;

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || host === "[::1]" || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Why a postgres:// URL cannot be used, without ever repeating it (it carries the password). */
function databaseUrlProblem(value: string): string | null {
  const encode = "a password with characters such as # / ? @ : % must be percent-encoded (# as %23, / as %2F, @ as %40); node -p 'encodeURIComponent(process.argv[1])' '<password>' prints it encoded";
  if (!URL.canParse(value)) return `is not a valid connection URL like postgres://user:password@host:5432/database; ${encode}`;
  const url = new URL(value);
  if (!url.hostname) return `names no host (postgres://user:password@host:5432/database); ${encode}`;
  if (url.hash) return `contains "#", which ends the address there; ${encode}`;
  if (url.pathname.length <= 1) return "names no database: end it in /<database>, e.g. postgres://kundrytm:<password>@db.example.com:5432/kundrytm";
  const sslmode = url.searchParams.get("sslmode");
  if (sslmode !== null && !["disable", "prefer", "require", "verify-ca", "verify-full", "no-verify"].includes(sslmode)) {
    return `sslmode=${sslmode} is not one of disable, prefer, require, verify-ca, verify-full, no-verify`;
  }
  return null;
}

/**
 * A secret given as <NAME>_FILE is read from that file (one trailing newline dropped), as Docker secrets and
 * systemd credentials provide them. Both forms at once are refused: which one wins would be a guess.
 */
function readSecretFiles(present: Record<string, string>, readFile: (file: string) => string, problems: string[]): void {
  for (const name of SECRET_VARIABLES) {
    const file = present[`${name}_FILE`];
    if (file === undefined) continue;
    if (present[name] !== undefined) {
      problems.push(`${name}_FILE: ${name} is set as well; set only one of them`);
      continue;
    }
    try {
      present[name] = readFile(file).replace(/\r?\n$/, "");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "error";
      problems.push(`${name}_FILE: cannot read ${file} (${code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied for the connector's user" : code})`);
    }
  }
}

/** Every variable the connector reads, with the <NAME>_FILE form of each secret. */
export function knownVariables(): string[] {
  return [...Object.keys(connectorConfigSchema.shape), ...SECRET_VARIABLES.map((name) => `${name}_FILE`)];
}

/**
 * Variables that look like the connector's but are not: any Kundrytm, SuperOffice or Entra prefix in any
 * case (ENTRA_API_SCOPES, KUNDRYTM_ADMIN, kundrytm_admins), a known name in other case (database_url), and
 * near misses of the longer names (DATABSE_URL, LOGLEVEL). Each would otherwise be ignored without a word.
 */
export function unknownVariables(source: NodeJS.ProcessEnv): { name: string; suggestion: string | null }[] {
  const known = knownVariables();
  const upperKnown = new Map(known.map((k) => [k.toUpperCase(), k]));
  return Object.keys(source)
    .filter((name) => {
      if (known.includes(name) || TOOL_VARIABLES.has(name.toUpperCase())) return false;
      if (/^(KUNDRYTM|SUPEROFFICE|ENTRA)_/i.test(name) || upperKnown.has(name.toUpperCase())) return true;
      // Short names (HOST, PORT) are left out: PGHOST or SORT are somebody else's.
      return known.some((k) => k.length >= 8 && editDistance(name.toUpperCase(), k) <= 2);
    })
    .sort()
    .map((name) => ({ name, suggestion: upperKnown.get(name.toUpperCase()) ?? closest(name.toUpperCase(), known) }));
}

/** Read by the repository's own tools and npm start, not by the connector. */
const TOOL_VARIABLES = new Set(["SUPEROFFICE_SWAGGER_DIR"]);

function closest(name: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(name, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return bestDistance <= 3 ? best : null;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

export interface ConfigVariable {
  name: string;
  required: boolean;
  default: string | null;
  description: string;
}

/** Every variable of the schema with its default and description, in declaration order. */
export function describeConfig(): ConfigVariable[] {
  return Object.entries(connectorConfigSchema.shape).map(([name, schema]) => {
    const field = schema as z.ZodType;
    let def: string | null = null;
    if (field instanceof z.ZodDefault) {
      const value: unknown = field.def.defaultValue;
      def = String(value);
    }
    return { name, required: !field.safeParse(undefined).success, default: def, description: field.description ?? "" };
  });
}
