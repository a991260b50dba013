import { ConfigError, connectorConfigSchema, describeConfig, loadConfig, unknownVariables } from "./config";

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const CLIENT = "0f2c6d3e-9a41-4c55-b0c2-5e8d7a1b9c10";
const DB = "postgres://kundrytm:pw@db.example.com:5432/kundrytm";
const base = { SUPEROFFICE_WEBAPI_URL: "https://sod2.superoffice.com/Cust12345/api", SUPEROFFICE_AUTH: "basic", SUPEROFFICE_USERNAME: "u", SUPEROFFICE_PASSWORD: "p" };

function problemsOf(env: NodeJS.ProcessEnv, readFile?: (f: string) => string): string[] {
  try {
    loadConfig(env, readFile);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  test("defaults give an embedded connector on 127.0.0.1:4000 with PGlite in .kundrytm", () => {
    const config = loadConfig(base);
    expect(config).toMatchObject({ host: "127.0.0.1", port: 4000, publicUrl: "http://127.0.0.1:4000", databaseUrl: null, auth: { mode: "embedded" } });
    expect(config.dataDir).toMatch(/\.kundrytm$/);
    expect(config.addinOrigins).toEqual(["http://127.0.0.1:4000"]);
    expect(config.superOffice).toEqual({ webapiUrl: base.SUPEROFFICE_WEBAPI_URL, auth: { kind: "basic", username: "u", password: "p" }, language: "en", callsPerSecond: 10 });
  });

  test("a missing required variable is named in plain words, with what it is", () => {
    expect(problemsOf({ ...base, SUPEROFFICE_WEBAPI_URL: undefined })).toEqual([
      "SUPEROFFICE_WEBAPI_URL: is not set; it is required (The tenant's webapi_url, e.g. https://sod2.superoffice.com/Cust12345/api)",
    ]);
  });

  test("a wrongly typed variable is named with what it must be", () => {
    expect(problemsOf({ ...base, PORT: "forty" })).toEqual(["PORT: must be a number"]);
    expect(problemsOf({ ...base, DATABASE_URL: "mysql://x" })).toEqual([expect.stringMatching(/^DATABASE_URL: must start with postgres/)]);
    expect(problemsOf({ ...base, KUNDRYTM_AUTH: "saml" })).toEqual(["KUNDRYTM_AUTH: must be one of embedded, entra"]);
    expect(problemsOf({ ...base, SUPEROFFICE_WEBAPI_URL: "sod2.superoffice.com/Cust12345/api" })).toEqual([
      'SUPEROFFICE_WEBAPI_URL: "sod2.superoffice.com/Cust12345/api" is not a URL; give a full address such as https://…',
    ]);
  });

  test("one bad variable does not hide the problems of the others", () => {
    expect(problemsOf({ PORT: "forty", KUNDRYTM_AUTH: "entra" })).toEqual([
      "PORT: must be a number",
      expect.stringMatching(/^SUPEROFFICE_WEBAPI_URL: is not set; it is required/),
      "SUPEROFFICE_AUTH_URL: required when SUPEROFFICE_AUTH=system-user",
      "SUPEROFFICE_CONTEXT_ID: required when SUPEROFFICE_AUTH=system-user",
      "SUPEROFFICE_APP_TOKEN: required when SUPEROFFICE_AUTH=system-user",
      "SUPEROFFICE_SYSTEM_TOKEN: required when SUPEROFFICE_AUTH=system-user",
      "SUPEROFFICE_PRIVATE_KEY_FILE: required when SUPEROFFICE_AUTH=system-user",
      "ENTRA_TENANT_ID: required when KUNDRYTM_AUTH=entra",
      "ENTRA_CLIENT_ID: required when KUNDRYTM_AUTH=entra",
      expect.stringMatching(/^DATABASE_URL: required when KUNDRYTM_AUTH=entra/),
    ]);
  });

  test("a comment left at the end of a value (systemd keeps it) is named, not taken as part of the value", () => {
    expect(problemsOf({ ...base, SUPEROFFICE_WEBAPI_URL: "https://online3.superoffice.com/Cust12345/api   # production" })).toEqual([
      'SUPEROFFICE_WEBAPI_URL: the value ends in a comment ("# …"); put comments on a line of their own',
    ]);
    expect(loadConfig({ ...base, SUPEROFFICE_PASSWORD: "correct horse #1" }).superOffice.auth).toMatchObject({ password: "correct horse #1" });
    expect(problemsOf({ ...base, KUNDRYTM_TIER_CATEGORIES: "Kund A,Kund B,Kund C,Kund D # tiers" })).toEqual([
      'KUNDRYTM_TIER_CATEGORIES: the value ends in a comment ("# …"); put comments on a line of their own',
    ]);
  });

  test("an empty variable counts as unset", () => {
    expect(loadConfig({ ...base, DATABASE_URL: "", PORT: "" })).toMatchObject({ databaseUrl: null, port: 4000 });
  });

  test("each SuperOffice auth kind names what it still needs", () => {
    expect(problemsOf({ SUPEROFFICE_WEBAPI_URL: base.SUPEROFFICE_WEBAPI_URL })).toEqual([
      "SUPEROFFICE_AUTH_URL: required when SUPEROFFICE_AUTH=system-user",
      "SUPEROFFICE_CONTEXT_ID: required when SUPEROFFICE_AUTH=system-user",
      "SUPEROFFICE_APP_TOKEN: required when SUPEROFFICE_AUTH=system-user",
      "SUPEROFFICE_SYSTEM_TOKEN: required when SUPEROFFICE_AUTH=system-user",
      "SUPEROFFICE_PRIVATE_KEY_FILE: required when SUPEROFFICE_AUTH=system-user",
    ]);
    expect(problemsOf({ SUPEROFFICE_WEBAPI_URL: base.SUPEROFFICE_WEBAPI_URL, SUPEROFFICE_AUTH: "bearer" })).toEqual(["SUPEROFFICE_ACCESS_TOKEN: required when SUPEROFFICE_AUTH=bearer"]);
  });

  test("system-user auth reads the private key file and names it when unreadable", () => {
    const env = {
      SUPEROFFICE_WEBAPI_URL: base.SUPEROFFICE_WEBAPI_URL,
      SUPEROFFICE_AUTH_URL: "https://sod.superoffice.com",
      SUPEROFFICE_CONTEXT_ID: "Cust12345",
      SUPEROFFICE_APP_TOKEN: "secret",
      SUPEROFFICE_SYSTEM_TOKEN: "system",
      SUPEROFFICE_PRIVATE_KEY_FILE: "/keys/app.pem",
    };
    const pem = "-----BEGIN RSA PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY-----\n";
    expect(loadConfig(env, () => pem).superOffice.auth).toEqual({ kind: "system-user", authUrl: "https://sod.superoffice.com", contextId: "Cust12345", applicationToken: "secret", systemToken: "system", privateKeyPem: pem });
    const missing = Object.assign(new Error("nope"), { code: "ENOENT" });
    expect(problemsOf(env, () => { throw missing; })).toEqual(["SUPEROFFICE_PRIVATE_KEY_FILE: cannot read /keys/app.pem (no such file)"]);
    const denied = Object.assign(new Error("nope"), { code: "EACCES" });
    expect(problemsOf(env, () => { throw denied; })).toEqual([
      "SUPEROFFICE_PRIVATE_KEY_FILE: cannot read /keys/app.pem (permission denied: run as the user the connector runs as, who must be able to read it)",
    ]);
    expect(problemsOf(env, () => "not a key")).toEqual(["SUPEROFFICE_PRIVATE_KEY_FILE: /keys/app.pem is not a PEM private key"]);
  });

  test("entra mode needs tenant and client id, and never echoes secrets", () => {
    const problems = problemsOf({ ...base, KUNDRYTM_AUTH: "entra", SUPEROFFICE_PASSWORD: "hunter2", DATABASE_URL: "mysql://kundrytm:s3cret@db" });
    expect(problems).toEqual([
      expect.stringMatching(/^DATABASE_URL: /),
      "ENTRA_TENANT_ID: required when KUNDRYTM_AUTH=entra",
      "ENTRA_CLIENT_ID: required when KUNDRYTM_AUTH=entra",
    ]);
    expect(problems.join(" ")).not.toMatch(/hunter2|s3cret/);
    const config = loadConfig({ ...base, KUNDRYTM_AUTH: "entra", DATABASE_URL: DB, ENTRA_TENANT_ID: TENANT, ENTRA_API_AUDIENCE: "api://kundrytm, 1111-2222", ENTRA_CLIENT_ID: CLIENT });
    expect(config.auth).toEqual({ mode: "entra", tenantId: TENANT, audiences: ["api://kundrytm", "1111-2222"], scope: "Crm.ReadWrite", clientId: CLIENT, authorityHost: "https://login.microsoftonline.com" });
  });

  test("entra mode: the audiences default to the app registration's URI and client id, the scope to Crm.ReadWrite", () => {
    const config = loadConfig({ ...base, KUNDRYTM_AUTH: "entra", DATABASE_URL: DB, ENTRA_TENANT_ID: TENANT, ENTRA_CLIENT_ID: CLIENT });
    expect(config.auth).toMatchObject({ audiences: [`api://${CLIENT}`, CLIENT], scope: "Crm.ReadWrite" });
  });

  test("entra mode: an audience list that does not start with the Application ID URI is refused", () => {
    expect(problemsOf({ ...base, KUNDRYTM_AUTH: "entra", DATABASE_URL: DB, ENTRA_TENANT_ID: TENANT, ENTRA_CLIENT_ID: CLIENT, ENTRA_API_AUDIENCE: `${CLIENT},api://${CLIENT}` })).toEqual([
      "ENTRA_API_AUDIENCE: list the Application ID URI (api://…) first; the pane requests <first entry>/Crm.ReadWrite",
    ]);
  });

  test("field mappings are parsed and checked", () => {
    expect(problemsOf({ ...base, KUNDRYTM_TIER_CATEGORIES: "A,B,C" })).toEqual([expect.stringMatching(/^KUNDRYTM_TIER_CATEGORIES: needs exactly 4/)]);
    expect(problemsOf({ ...base, KUNDRYTM_ACCOUNT_TYPE_ITEMS: "Utvid=grow" })).toEqual([expect.stringMatching(/^KUNDRYTM_ACCOUNT_TYPE_ITEMS: "Utvid=grow"/)]);
    const fields = loadConfig({ ...base, KUNDRYTM_TIER_CATEGORIES: "A-kund, B-kund,C-kund,D-kund", KUNDRYTM_POTENTIAL_ITEMS: "Hög=A,Låg=D" }).fields;
    expect(fields.tierCategories).toEqual(["a-kund", "b-kund", "c-kund", "d-kund"]);
    expect(fields.potentialItems).toEqual({ "hög": "A", "låg": "D" });
  });

  test("ADDIN_ORIGINS must be origins", () => {
    expect(problemsOf({ ...base, ADDIN_ORIGINS: "https://addin.example.com/pane" })).toEqual([expect.stringMatching(/^ADDIN_ORIGINS: /)]);
    expect(loadConfig({ ...base, ADDIN_ORIGINS: "https://a.example.com, https://b.example.com" }).addinOrigins).toEqual(["https://a.example.com", "https://b.example.com"]);
  });
});

describe("unknownVariables", () => {
  test("names Kundrytm-looking variables the connector does not read, with the likely intended one", () => {
    expect(unknownVariables({ ...base, ENTRA_API_SCOPES: "x", KUNDRYTM_ADMIN: "a@b.se", KUNDRYTM_SOMETHING_ELSE_ENTIRELY: "1", PATH: "/bin", SUPEROFFICE_SWAGGER_DIR: "/s" })).toEqual([
      { name: "ENTRA_API_SCOPES", suggestion: "ENTRA_API_SCOPE" },
      { name: "KUNDRYTM_ADMIN", suggestion: "KUNDRYTM_ADMINS" },
      { name: "KUNDRYTM_SOMETHING_ELSE_ENTIRELY", suggestion: null },
    ]);
  });

  test("near misses of known names and other cases count, somebody else's variables do not", () => {
    expect(unknownVariables({ DATABSE_URL: "x", database_url: "x", Kundrytm_Admins: "x", LOGLEVEL: "debug", PGHOST: "db", HOSTNAME: "h", PORT: "1", TEST_DATABASE_URL: "x", DATABASE_URL_FILE: "/run/secrets/db" })).toEqual([
      { name: "DATABSE_URL", suggestion: "DATABASE_URL" },
      { name: "Kundrytm_Admins", suggestion: "KUNDRYTM_ADMINS" },
      { name: "LOGLEVEL", suggestion: "LOG_LEVEL" },
      { name: "database_url", suggestion: "DATABASE_URL" },
    ]);
  });
});

describe("loadConfig refuses what would otherwise go wrong quietly", () => {
  const entra = { ...base, KUNDRYTM_AUTH: "entra", DATABASE_URL: DB, ENTRA_TENANT_ID: TENANT, ENTRA_CLIENT_ID: CLIENT };

  test.each([
    ["DATABSE_URL", "DATABASE_URL"],
    ["KUNDRYTM_ADMIN", "KUNDRYTM_ADMINS"],
    ["kundrytm_auth", "KUNDRYTM_AUTH"],
    ["SUPEROFFICE_WEBAPIURL", "SUPEROFFICE_WEBAPI_URL"],
  ])("a variable named %s stops the start and suggests %s", (typo, meant) => {
    expect(problemsOf({ ...base, [typo]: "x" })).toEqual([`${typo}: not a Kundrytm variable; did you mean ${meant}?`]);
  });

  test("entra sign-in without DATABASE_URL is refused: instances must never split their store", () => {
    expect(problemsOf({ ...entra, DATABASE_URL: undefined })).toEqual([expect.stringMatching(/^DATABASE_URL: required when KUNDRYTM_AUTH=entra/)]);
  });

  test("ENTRA_TENANT_ID must be the tenant's GUID; a domain gets where to find it", () => {
    expect(loadConfig({ ...entra, ENTRA_TENANT_ID: TENANT.toUpperCase() }).auth).toMatchObject({ mode: "entra" });
    const [problem] = problemsOf({ ...entra, ENTRA_TENANT_ID: "nordvik.onmicrosoft.com" });
    expect(problem).toMatch(/^ENTRA_TENANT_ID: "nordvik\.onmicrosoft\.com" is a domain; give the Directory \(tenant\) ID, a GUID/);
    expect(problem).toContain("https://login.microsoftonline.com/nordvik.onmicrosoft.com/v2.0/.well-known/openid-configuration");
    expect(problemsOf({ ...entra, ENTRA_TENANT_ID: "common" })).toEqual([expect.stringMatching(/^ENTRA_TENANT_ID: "common" is not a Directory \(tenant\) ID/)]);
  });

  test("ENTRA_CLIENT_ID given as the Application ID URI is refused with the id it contains", () => {
    expect(problemsOf({ ...entra, ENTRA_CLIENT_ID: `api://${CLIENT}` })).toEqual([`ENTRA_CLIENT_ID: "api://${CLIENT}" is the Application ID URI; give the Application (client) ID itself: ENTRA_CLIENT_ID=${CLIENT}`]);
  });

  test("SUPEROFFICE_TIMEZONE must be an IANA zone", () => {
    expect(problemsOf({ ...base, SUPEROFFICE_TIMEZONE: "bogus" })).toEqual(["SUPEROFFICE_TIMEZONE: is not an IANA time zone; give one such as Europe/Stockholm or Europe/Oslo"]);
    expect(loadConfig({ ...base, SUPEROFFICE_TIMEZONE: "Europe/Oslo" }).superOffice.tenantTimeZone).toBe("Europe/Oslo");
  });

  test("PUBLIC_URL with a path is refused, not cut", () => {
    expect(problemsOf({ ...entra, PUBLIC_URL: "https://www.example.com/kundrytm" })).toEqual([
      'PUBLIC_URL: "https://www.example.com/kundrytm" has a path; the add-in is served from the host\'s root, so give https://www.example.com (a host name of its own, e.g. https://addin.example.com)',
    ]);
    expect(loadConfig({ ...entra, PUBLIC_URL: "https://addin.example.com/" }).publicUrl).toBe("https://addin.example.com");
  });

  test("a DATABASE_URL that does not parse is named with how to encode the password, and never repeated", () => {
    for (const password of ["pa#ss", "pa/ss", "pa?ss"]) {
      const problems = problemsOf({ ...base, DATABASE_URL: `postgres://kundrytm:${password}@db.example.com:5432/kundrytm` });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^DATABASE_URL: .*percent-encoded \(# as %23, \/ as %2F, @ as %40\)/);
      expect(problems[0]).not.toContain(password);
    }
    expect(loadConfig({ ...base, DATABASE_URL: "postgres://kundrytm:pa%23ss%2F@db.example.com:5432/kundrytm?sslmode=verify-full" }).databaseUrl).toContain("pa%23ss%2F");
    expect(problemsOf({ ...base, DATABASE_URL: "postgres://kundrytm:pw@db.example.com:5432/kundrytm?sslmode=strict" })).toEqual([expect.stringMatching(/^DATABASE_URL: sslmode=strict is not one of/)]);
  });

  test("the embedded sign-in runs only on a loopback address and never behind an https PUBLIC_URL", () => {
    expect(problemsOf({ ...base, HOST: "0.0.0.0" })).toEqual([expect.stringMatching(/^HOST: 0\.0\.0\.0 is not a loopback address, and the embedded sign-in .* set KUNDRYTM_AUTH=entra for production$/)]);
    expect(problemsOf({ ...base, KUNDRYTM_AUTH: "embedded", HOST: "10.1.2.3" })).toEqual([expect.stringMatching(/^HOST: 10\.1\.2\.3 is not a loopback address/)]);
    expect(problemsOf({ ...base, PUBLIC_URL: "https://addin.example.com" })).toEqual([expect.stringMatching(/^PUBLIC_URL: an https address .* set KUNDRYTM_AUTH=entra for production$/)]);
    for (const host of ["127.0.0.1", "::1", "localhost"]) expect(loadConfig({ ...base, HOST: host }).auth.mode).toBe("embedded");
    expect(loadConfig({ ...entra, HOST: "0.0.0.0", PUBLIC_URL: "https://addin.example.com" }).auth.mode).toBe("entra");
  });

  test("every secret can come from a file named by <NAME>_FILE", () => {
    const files: Record<string, string> = { "/run/secrets/db": `${DB}\n`, "/run/secrets/pw": "hunter2\n" };
    const read = (f: string) => {
      if (!(f in files)) throw Object.assign(new Error("nope"), { code: "ENOENT" });
      return files[f]!;
    };
    const config = loadConfig({ ...base, SUPEROFFICE_PASSWORD: undefined, SUPEROFFICE_PASSWORD_FILE: "/run/secrets/pw", DATABASE_URL_FILE: "/run/secrets/db" }, read);
    expect(config.databaseUrl).toBe(DB);
    expect(config.superOffice.auth).toMatchObject({ password: "hunter2" });
    expect(problemsOf({ ...base, SUPEROFFICE_PASSWORD_FILE: "/run/secrets/pw" }, read)).toEqual(["SUPEROFFICE_PASSWORD_FILE: SUPEROFFICE_PASSWORD is set as well; set only one of them"]);
    expect(problemsOf({ ...base, DATABASE_URL_FILE: "/run/secrets/none" }, read)).toEqual(["DATABASE_URL_FILE: cannot read /run/secrets/none (no such file)"]);
  });

  test("the jobs are off unless a variable turns them on; times, zone and list language come from variables", () => {
    expect(loadConfig(base).schedule).toMatchObject({ weeklyLists: { enabled: false, time: "06:00", timeZone: "Europe/Stockholm", language: "en" }, classification: { enabled: false } });
    const schedule = loadConfig({ ...base, KUNDRYTM_WEEKLY_LISTS: "on", KUNDRYTM_WEEKLY_LISTS_TIME: "07:30", KUNDRYTM_JOBS_TIMEZONE: "Europe/Oslo", SUPEROFFICE_LANGUAGE: "no" }).schedule;
    expect(schedule.weeklyLists).toMatchObject({ enabled: true, time: "07:30", timeZone: "Europe/Oslo", language: "nb" });
    expect(problemsOf({ ...base, KUNDRYTM_WEEKLY_LISTS: "yes", KUNDRYTM_CLASSIFY_TIME: "25:00" })).toEqual([
      "KUNDRYTM_WEEKLY_LISTS: must be one of on, off",
      "KUNDRYTM_CLASSIFY_TIME: a time like 06:00 (24-hour clock)",
    ]);
  });
});

describe("describeConfig", () => {
  test("lists every variable with a description, its default and whether it is required", () => {
    const vars = describeConfig();
    expect(vars.map((v) => v.name)).toEqual(Object.keys(connectorConfigSchema.shape));
    for (const v of vars) expect(v.description.length).toBeGreaterThan(10);
    expect(vars.find((v) => v.name === "PORT")).toEqual(expect.objectContaining({ default: "4000", required: false }));
    expect(vars.find((v) => v.name === "SUPEROFFICE_WEBAPI_URL")).toEqual(expect.objectContaining({ default: null, required: true }));
    expect(vars.find((v) => v.name === "DATABASE_URL")).toEqual(expect.objectContaining({ default: null, required: false }));
  });
});
