import { ConfigError, connectorConfigSchema, describeConfig, loadConfig, unknownVariables } from "./config";

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
    const config = loadConfig({ ...base, KUNDRYTM_AUTH: "entra", ENTRA_TENANT_ID: "t-1", ENTRA_API_AUDIENCE: "api://kundrytm, 1111-2222", ENTRA_CLIENT_ID: "c-1" });
    expect(config.auth).toEqual({ mode: "entra", tenantId: "t-1", audiences: ["api://kundrytm", "1111-2222"], scope: "Crm.ReadWrite", clientId: "c-1", authorityHost: "https://login.microsoftonline.com" });
  });

  test("entra mode: the audiences default to the app registration's URI and client id, the scope to Crm.ReadWrite", () => {
    const config = loadConfig({ ...base, KUNDRYTM_AUTH: "entra", ENTRA_TENANT_ID: "t-1", ENTRA_CLIENT_ID: "1111-2222" });
    expect(config.auth).toMatchObject({ audiences: ["api://1111-2222", "1111-2222"], scope: "Crm.ReadWrite" });
  });

  test("entra mode: an audience list that does not start with the Application ID URI is refused", () => {
    expect(problemsOf({ ...base, KUNDRYTM_AUTH: "entra", ENTRA_TENANT_ID: "t-1", ENTRA_CLIENT_ID: "c-1", ENTRA_API_AUDIENCE: "c-1,api://c-1" })).toEqual([
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
