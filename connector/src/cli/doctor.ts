import { ConfigError, loadConfig, type ConnectorConfig } from "../config";
import { CrmError, type CrmFullPort } from "../crm/port";
import { createSuperOfficeClient } from "../crm/superoffice";
import { missingCategories, categoryIds } from "../jobs/portfolio";
import { settingsService } from "../features/settings/service";
import { openStore } from "../store";
import type { Db } from "../store/db";
import { ordersRepository } from "../store/orders";

/** One finding of `kundrytm doctor`: ok, a warning (works, but worth a look) or a problem (exit code 1). */
export interface Finding {
  level: "ok" | "warn" | "problem";
  text: string;
}

function crmProblem(error: unknown): string {
  if (error instanceof CrmError) {
    switch (error.code) {
      case "CRM_UNAUTHORIZED":
        return "SuperOffice refused the connector's sign-in: check the SUPEROFFICE_* credentials.";
      case "CRM_FORBIDDEN":
        return "SuperOffice signed the connector in but refused access: check the system user's rights.";
      case "CRM_TEMPORARY":
        return "SuperOffice is unreachable or busy: check SUPEROFFICE_WEBAPI_URL and the network, or try again.";
      default:
        return `SuperOffice answered unexpectedly: ${error.message}`;
    }
  }
  return `SuperOffice could not be reached: ${error instanceof Error ? error.message : String(error)}`;
}

/** "X: Invalid input: expected string, received undefined" says, plainly, that X is not set. */
function plainConfigProblem(problem: string): string {
  const m = /^([A-Z0-9_]+): Invalid input: expected \w+, received undefined$/.exec(problem);
  return m ? `${m[1]} is not set; it is required (see docs/admin.md).` : problem;
}

/** Checks the configuration, the store and the CRM, and says what is wrong in plain words. */
export async function runDoctor(env: NodeJS.ProcessEnv, deps: { crm?: CrmFullPort } = {}): Promise<Finding[]> {
  const findings: Finding[] = [];
  let config: ConnectorConfig;
  try {
    config = loadConfig(env);
    findings.push({ level: "ok", text: `Configuration read (CRM ${config.superOffice.webapiUrl}, ${config.databaseUrl ? "PostgreSQL" : `embedded store in ${config.dataDir}`}).` });
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const p of error.problems) findings.push({ level: "problem", text: `Configuration: ${plainConfigProblem(p)}` });
      return findings;
    }
    throw error;
  }

  let db: Db | null = null;
  try {
    db = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    findings.push({ level: "ok", text: `Store open and up to date (${db.kind}).` });
  } catch (error) {
    findings.push({ level: "problem", text: `The store cannot be opened: ${(error as Error).message}` });
  }

  try {
    const crm = deps.crm ?? createSuperOfficeClient(config.superOffice);
    let fields = config.fields;
    if (db) {
      try {
        const settings = settingsService(db, config.fields);
        await settings.readAll();
        fields = await settings.fields();
        findings.push({ level: "ok", text: "Saved settings are valid." });
      } catch (error) {
        findings.push({ level: "problem", text: (error as Error).message });
      }
      const lines = await ordersRepository(db).countLines();
      findings.push(lines > 0 ? { level: "ok", text: `${lines} order lines stored.` } : { level: "warn", text: "No order history imported yet: run kundrytm import-orders <file> before classifying." });
    }
    const categories = await crm.listCategories();
    findings.push({ level: "ok", text: `SuperOffice reachable and signed in (${categories.length} categories).` });
    const missing = missingCategories(categoryIds(categories, fields), fields);
    for (const m of missing) findings.push({ level: "problem", text: `SuperOffice has no category for ${m}: create it or change KUNDRYTM_TIER_CATEGORIES / KUNDRYTM_FORMER_CATEGORY.` });
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
    findings.push({ level: "problem", text: crmProblem(error) });
  } finally {
    await db?.close();
  }
  return findings;
}
