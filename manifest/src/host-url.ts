// The add-in host: the base URL every manifest URL is rewritten to. Outlook loads add-ins over HTTPS
// only; plain http is accepted for this machine alone (npm start, the preview, local tests).

const LOCAL_HOSTNAMES = new Set(["127.0.0.1", "localhost", "[::1]"]);

export class HostUrlError extends Error {
  override readonly name = "HostUrlError";
}

export interface AddinHost {
  /** Base URL without a trailing slash, e.g. "https://addin.example.com" (or a page's address for --support-url). */
  readonly base: string;
  /** Scheme, host and port, e.g. "https://addin.example.com". */
  readonly origin: string;
  readonly local: boolean;
}

/**
 * Parses and checks the add-in's host URL; throws HostUrlError with a message an admin can act on.
 * Only the host's root: the pane loads its scripts from /assets/ and calls the connector's /api/ at the
 * origin, so an add-in under a path would install but never load.
 */
export function parseAddinHost(input: string): AddinHost {
  const host = parseHttpsUrl(input);
  if (host.base !== host.origin) {
    throw new HostUrlError(
      `"${input}" has a path; the connector serves the add-in at the root of its own host name, e.g. ${host.origin} (give it a host name of its own, such as https://kundrytm.example.com, if ${host.origin} serves something else)`,
    );
  }
  return host;
}

/** A page's address (--support-url): https, a path allowed. */
export function parseHttpsUrl(input: string): AddinHost {
  const raw = input.trim();
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new HostUrlError(`"${input}" is not a URL; give the add-in's address, e.g. https://addin.example.com`);
  }
  const local = LOCAL_HOSTNAMES.has(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && local)) {
    throw new HostUrlError(
      `"${input}" must use https:// (Outlook loads add-ins over HTTPS only; http:// is allowed just for 127.0.0.1 and localhost)`,
    );
  }
  if (url.username || url.password) throw new HostUrlError(`"${input}" must not contain a user name or password`);
  if (url.search || url.hash) throw new HostUrlError(`"${input}" must not contain a query (?…) or fragment (#…)`);
  const path = url.pathname.replace(/\/+$/, "");
  return { base: `${url.origin}${path}`, origin: url.origin, local };
}
