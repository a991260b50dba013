/** Doctor reads what the admin page saved before it advises: a saved mapping or schedule replaces the variables. */
import type { RunningSandbox } from "../../sandbox/src";
import { runDoctor } from "../../connector/src/cli/doctor";
import { loadConfig } from "../../connector/src/config";
import { settingsService } from "../../connector/src/features/settings/service";
import { openStore } from "../../connector/src/store";
import { connectorEnv, demoSandbox, sandboxClient, tempDir } from "./support";

let sb: RunningSandbox;
const tmp = tempDir("kundrytm-doctor-settings-");

beforeAll(async () => {
  sb = await demoSandbox(20);
});
afterAll(async () => {
  await sb?.close();
  tmp.remove();
});

test("with category names saved on the admin page, doctor points there instead of at KUNDRYTM_TIER_CATEGORIES", async () => {
  const env = connectorEnv(sb, { DATA_DIR: tmp.dir, KUNDRYTM_WEEKLY_LISTS: "off" });
  const config = loadConfig(env);
  const db = await openStore({ databaseUrl: null, dataDir: config.dataDir });
  try {
    const settings = settingsService(db, config.fields, config.schedule);
    const all = await settings.readAll();
    await settings.save("fieldMapping", { ...all.fieldMapping, tierCategories: ["Kund A", "Kund B", "Kund C", "Kund D"] });
    await settings.save("schedule", { ...all.schedule, weeklyLists: { ...all.schedule.weeklyLists, enabled: true } });
  } finally {
    await db.close();
  }

  const texts = (await runDoctor(env, { crm: sandboxClient(sb) })).map((f) => `${f.level}: ${f.text}`);
  expect(texts).toContain("ok: Monday lists on (saved on the admin page): every Monday at 06:00 Europe/Stockholm, named in English.");
  expect(texts).toContain("warn: KUNDRYTM_WEEKLY_LISTS is set but no longer applies: the schedule saved on the admin page wins. Change it there.");
  const category = texts.filter((t) => t.includes("SuperOffice has no category for"));
  expect(category.length).toBeGreaterThan(0);
  for (const t of category) {
    expect(t).toContain("a saved mapping replaces KUNDRYTM_TIER_CATEGORIES and KUNDRYTM_FORMER_CATEGORY, so changing them has no effect");
    expect(t).not.toContain("or change KUNDRYTM_TIER_CATEGORIES");
  }
});
