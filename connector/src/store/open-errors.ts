/**
 * Why the store could not be opened, in one line an admin can act on: the variable to look at and what
 * to change. Never repeats the connection string (it carries the password).
 */
export function describeStoreError(error: unknown, databaseUrl: string | null): string {
  const e = (error ?? {}) as { code?: unknown; message?: unknown };
  const code = typeof e.code === "string" ? e.code : null;
  const message = typeof e.message === "string" ? e.message : String(error);
  if (/newer than this version/.test(message)) {
    return `${message}. Going back to an older version means restoring the dump taken before the upgrade (docs/admin.md, section 10).`;
  }
  if (code === "STORE_LOCKED") return message;
  if (!databaseUrl) return `The embedded database cannot be opened (DATA_DIR): ${message}`;
  let where = "the PostgreSQL server";
  let user = "";
  let database = "";
  if (URL.canParse(databaseUrl)) {
    const url = new URL(databaseUrl);
    where = `PostgreSQL at ${url.hostname}:${url.port || "5432"}`;
    user = decodeURIComponent(url.username);
    database = decodeURIComponent(url.pathname.slice(1));
  }
  switch (code) {
    case "ECONNREFUSED":
      return `DATABASE_URL: ${where} refused the connection: is PostgreSQL running there and listening on that port?`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `DATABASE_URL: the host of ${where} is not known to DNS: check the host name.`;
    case "ETIMEDOUT":
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return `DATABASE_URL: ${where} does not answer (${code}): check the host, the port and the firewall.`;
    case "28P01":
      return `DATABASE_URL: ${where} refused the password of user "${user}": check it (characters such as # / ? @ : % must be percent-encoded).`;
    case "28000":
      return `DATABASE_URL: ${where} does not let user "${user}" connect from here (pg_hba.conf): ${message}`;
    case "3D000":
      return `DATABASE_URL: ${where} has no database "${database}": create it (CREATE DATABASE ${database || "kundrytm"} OWNER ${user || "kundrytm"};).`;
    case "42501":
      return `DATABASE_URL: user "${user}" may not create Kundrytm's tables in "${database}": make it the database's owner. ${message}`;
    default:
      break;
  }
  if (/does not support SSL|SSL|certificate|self[- ]signed/i.test(message)) {
    return `DATABASE_URL: the TLS connection to ${where} failed (${message}): check sslmode in DATABASE_URL (docs/admin.md, section 5).`;
  }
  if (/timeout/i.test(message)) return `DATABASE_URL: ${where} did not answer within 10 s: check the host, the port and the firewall.`;
  return `DATABASE_URL: ${where} cannot be used: ${message}`;
}
