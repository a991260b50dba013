import fs from "node:fs";
import path from "node:path";
import type { ScheduleBody } from "../../../shared/api/settings";
import { ConfigError, loadConfig, SCHEDULE_VARIABLES, type ConnectorConfig } from "../config";
import { CrmError, type CrmFullPort } from "../crm/port";
import { createSuperOfficeClient } from "../crm/superoffice";
import { crmEndpointRepository } from "../store/crm-endpoint";
import { missingCategories, categoryIds } from "../jobs/portfolio";
import { settingsService } from "../features/settings/service";
import { openStore } from "../store";
import type { Db } from "../store/db";
import { describeStoreError } from "../store/open-errors";
import { ordersRepository } from "../store/orders";
import { settingsRepository } from "../store/settings";

/** One finding of `kundrytm doctor`: ok, a warning (works, but worth a look) or a problem (exit code 1). */
export interface Finding {
  level: "ok" | "warn" | "problem";
  text: string;
}

/** What to check when SuperOffice refuses the sign-in, by the way the connector signs in. */
const CREDENTIALS: Record<ConnectorConfig["superOffice"]["auth"]["kind"], string> = {
  "system-user": "SUPEROFFICE_APP_TOKEN (the client secret), SUPEROFFICE_SYSTEM_TOKEN, SUPEROFFICE_CONTEXT_ID, and that SUPEROFFICE_PRIVATE_KEY_FILE belongs to the public key registered for the application",
  bearer: "SUPEROFFICE_ACCESS_TOKEN (it may have expired)",
  basic: "SUPEROFFICE_USERNAME and SUPEROFFICE_PASSWORD",
};

function crmProblem(error: unknown, config: ConnectorConfig): string {
  if (error instanceof CrmError) {
    // The admin reads this like a log line; the CRM's text is already redacted of secrets.
    const said = error.detail?.crmMessage ? ` SuperOffice said: "${error.detail.crmMessage}".` : "";
    switch (error.code) {
      case "CRM_UNAUTHORIZED":
        return `SuperOffice refused the connector's sign-in (${error.message}): check ${CREDENTIALS[config.superOffice.auth.kind]}.${said}`;
      case "CRM_FORBIDDEN":
        return `SuperOffice signed the connector in but refused access: check the system user's rights.${said}`;
      case "CRM_TIMEOUT":
        return `SuperOffice did not answer in time at ${config.superOffice.webapiUrl}: check the network, or try again.`;
      case "CRM_TEMPORARY":
        return `SuperOffice is unreachable or busy at ${config.superOffice.webapiUrl}: check SUPEROFFICE_WEBAPI_URL and the network, or try again.`;
      default:
        return `SuperOffice answered unexpectedly: ${error.message}.${said}`;
    }
  }
  return `SuperOffice could not be reached: ${error instanceof Error ? error.message : String(error)}`;
}

/** Where the add-in is served and installed from: what the pane and the manifest need in production (entra mode). */
export function deploymentFindings(config: ConnectorConfig): Finding[] {
  const findings: Finding[] = [];
  const shown = (file: string) => path.relative(process.cwd(), file) || file;
  if (config.auth.mode !== "entra") {
    findings.push({ level: "warn", text: "KUNDRYTM_AUTH is embedded (demo mode: the connector signs in any CRM user): set KUNDRYTM_AUTH=entra before exposing it on a network." });
    return findings;
  }
  if (!fs.existsSync(path.join(config.addinDistDir, "taskpane.html"))) {
    findings.push({ level: "problem", text: `The task pane is not built in ${shown(config.addinDistDir)}: run npm run build.` });
  }
  if (!config.auth.audiences.some((a) => !a.includes("://"))) {
    findings.push({
      level: "warn",
      text: `ENTRA_API_AUDIENCE lists no client id: version 2 tokens carry the API's client id as audience, so they would all be refused; add it (e.g. ${config.auth.audiences[0]},${config.auth.clientId}) or leave the variable unset.`,
    });
  }
  const publicUrl = new URL(config.publicUrl);
  if (publicUrl.protocol !== "https:") {
    findings.push({ level: "warn", text: `PUBLIC_URL is ${config.publicUrl}: set it to the https:// address Outlook loads the add-in from, e.g. https://addin.example.com.` });
  }
  const rewrite = `npm run manifest -- --url ${publicUrl.origin}`;
  const manifest = fs.existsSync(config.addinManifestFile) ? fs.readFileSync(config.addinManifestFile, "utf8") : null;
  const source = manifest ? /<SourceLocation DefaultValue="([^"]+)"/.exec(manifest)?.[1] : undefined;
  if (manifest === null) {
    findings.push({ level: "warn", text: `No manifest at ${shown(config.addinManifestFile)} yet: write it with ${rewrite}.` });
  } else if (!source || !URL.canParse(source) || new URL(source).origin !== publicUrl.origin) {
    findings.push({ level: "problem", text: `${shown(config.addinManifestFile)} loads the pane from ${source ?? "an unknown address"}, not from PUBLIC_URL ${publicUrl.origin}: write it again with ${rewrite}.` });
  } else {
    findings.push({ level: "ok", text: `Manifest ${shown(config.addinManifestFile)} points at ${publicUrl.origin} (served at /manifest.xml).` });
  }
  return findings;
}

const LANGUAGE_NAMES: Record<ScheduleBody["weeklyLists"]["language"], string> = { en: "English", sv: "Swedish", nb: "Norwegian" };

/** What the scheduler will do, and where that was decided: the admin page's saved schedule, else the variables. */
export function scheduleFindings(schedule: ScheduleBody, saved: boolean, env: NodeJS.ProcessEnv): Finding[] {
  const source = saved ? "saved on the admin page" : "from the variables";
  const w = schedule.weeklyLists;
  const c = schedule.classification;
  const findings: Finding[] = [
    {
      level: "ok",
      text: w.enabled
        ? `Monday lists on (${source}): every Monday at ${w.time} ${w.timeZone}, named in ${LANGUAGE_NAMES[w.language]}${w.createTasks ? ", with a task per customer" : ""}.`
        : `Monday lists off (${source}): nothing is written into SuperOffice until an admin turns them on (admin page, or KUNDRYTM_WEEKLY_LISTS=on) or runs them.`,
    },
    {
      level: "ok",
      text: c.enabled ? `Nightly classification on (${source}): every day at ${c.time} ${c.timeZone}.` : `Nightly classification off (${source}).`,
    },
  ];
  const set = SCHEDULE_VARIABLES.filter((name) => env[name] !== undefined && env[name] !== "");
  if (saved && set.length > 0) {
    findings.push({ level: "warn", text: `${set.join(", ")} ${set.length === 1 ? "is set but no longer applies" : "are set but no longer apply"}: the schedule saved on the admin page wins. Change it there.` });
  }
  return findings;
}

/** Checks the configuration, the store and the CRM, and says what is wrong in plain words. */
export async function runDoctor(env: NodeJS.ProcessEnv, deps: { crm?: CrmFullPort } = {}): Promise<Finding[]> {
  const findings: Finding[] = [];
  let config: ConnectorConfig;
  try {
    config = loadConfig(env);
    findings.push({ level: "ok", text: `Configuration read (CRM ${config.superOffice.webapiUrl}, ${config.databaseUrl ? "PostgreSQL" : `embedded store in ${config.dataDir}`}, ${config.auth.mode === "entra" ? "Entra ID sign-in" : "embedded sign-in"}).` });
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const p of error.problems) findings.push({ level: "problem", text: `Configuration: ${p}` });
      findings.push({ level: "warn", text: "Every variable is described in docs/admin.md, section 13." });
      return findings;
    }
    throw error;
  }
  findings.push(...deploymentFindings(config));

  let db: Db | null = null;
  try {
    db = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    findings.push({ level: "ok", text: `Store open and up to date (${db.kind}).` });
  } catch (error) {
    findings.push({ level: "problem", text: `The store cannot be opened: ${describeStoreError(error, config.databaseUrl)}` });
  }

  try {
    const crm = deps.crm ?? createSuperOfficeClient(config.superOffice, db ? { endpointStore: crmEndpointRepository(db, config.superOffice.webapiUrl.replace(/\/+$/, "")) } : {});
    let fields = config.fields;
    // Where the category names come from decides what to advise: the admin page's saved mapping replaces the variables.
    let mappingSaved = false;
    if (db) {
      try {
        const settings = settingsService(db, config.fields, config.schedule);
        const all = await settings.readAll();
        fields = await settings.fields();
        const repo = settingsRepository(db);
        mappingSaved = (await repo.get("fieldMapping")) !== null;
        findings.push({ level: "ok", text: "Saved settings are valid." });
        findings.push(...scheduleFindings(all.schedule, (await repo.get("schedule")) !== null, env));
      } catch (error) {
        findings.push({ level: "problem", text: (error as Error).message });
      }
      const lines = await ordersRepository(db).countLines();
      findings.push(lines > 0 ? { level: "ok", text: `${lines} order lines stored.` } : { level: "warn", text: "No order history imported yet: run npm run import-orders -- <file> before classifying." });
    }
    const tenant = await crm.tenantState?.().catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
    if (tenant instanceof Error) findings.push({ level: "warn", text: `SuperOffice's tenant status service cannot be asked: ${tenant.message}` });
    else if (tenant) {
      const at = tenant.webapiUrl ? ` at ${tenant.webapiUrl}` : "";
      findings.push(tenant.running
        ? { level: "ok", text: `SuperOffice tenant state: ${tenant.state}${at}.` }
        : { level: "warn", text: `SuperOffice tenant state: ${tenant.state}${at}: scheduled jobs wait until it is running again.` });
    }
    const categories = await crm.listCategories();
    findings.push({ level: "ok", text: `SuperOffice reachable and signed in (${categories.length} categories).` });
    const missing = missingCategories(categoryIds(categories, fields), fields);
    const change = mappingSaved ? "save the field mapping again with the right names (PUT /api/v1/admin/settings/fieldMapping): a saved mapping replaces KUNDRYTM_TIER_CATEGORIES and KUNDRYTM_FORMER_CATEGORY, so changing them has no effect" : "change KUNDRYTM_TIER_CATEGORIES / KUNDRYTM_FORMER_CATEGORY";
    for (const m of missing) findings.push({ level: "problem", text: `SuperOffice has no category for ${m}: create it or ${change}.` });
    const customFields = await crm.listCompanyCustomFields();
    for (const [what, key, items] of [
      ["potential", fields.potentialField, fields.potentialItems],
      ["account type", fields.accountTypeField, fields.accountTypeItems],
    ] as const) {
      const field = customFields.find((f) => f.key === key);
      if (!field) {
        findings.push({ level: "problem", text: `SuperOffice has no company field ${key} for ${what}; fields are: ${customFields.map((f) => `${f.key} (${f.label})`).join(", ") || "none"}.` });
        continue;
      }
      const names = new Set((await crm.listCustomFieldItems(key)).map((i) => i.name.trim().toLowerCase()));
      const unknown = Object.keys(items).filter((n) => !names.has(n));
      const known = Object.keys(items).length - unknown.length;
      if (known === 0) findings.push({ level: "problem", text: `None of the ${what} values (${Object.keys(items).join(", ")}) is an item of ${key} "${field.label}".` });
      else findings.push({ level: "ok", text: `${what[0]!.toUpperCase()}${what.slice(1)} read from ${key} "${field.label}".` });
    }
    const reps = (await crm.listAssociates()).filter((a) => a.email);
    findings.push(reps.length > 0 ? { level: "ok", text: `${reps.length} CRM users with an e-mail address (they get Monday lists and my-week).` } : { level: "warn", text: "No CRM user has an e-mail address: reps cannot be matched to their sign-in." });
  } catch (error) {
    findings.push({ level: "problem", text: crmProblem(error, config) });
  } finally {
    await db?.close();
  }
  return findings;
}
