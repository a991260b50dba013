import axios, { type AxiosInstance } from "axios";
import type { JWTVerifyGetKey } from "jose";
import type { CrmFullPort } from "../port";
import { createAuthenticator, type Authenticator } from "./auth";
import { parseSuperOfficeConfig, secretsOf, type SuperOfficeConfig, type SuperOfficeConfigInput } from "./config";
import { currentCrmLanguage } from "../language";
import { SoHttp, soLanguageOf, type SoObserver } from "./http";
import { completeAppointment, createAppointment, lastCompletedAppointment, listAppointments, moveAppointment, nextPlannedAppointment } from "./operations/appointments";
import { listAssociates } from "./operations/associates";
import { createCompany, getCompany, setCompanyCategories, updateCompany } from "./operations/companies";
import { listCompanies } from "./operations/company-list";
import type { SoContext } from "./operations/context";
import { createDocument, findDocumentByExternalRef, uploadDocumentContent } from "./operations/documents";
import { findCompaniesByDomain, findPersonsByEmailDomain } from "./operations/domains";
import {
  findCategoryByName,
  findCustomFieldItemByName,
  findTaskTypeByName,
  listCategories,
  listCompanyCustomFields,
  listCustomFieldItems,
  listDocumentTemplates,
  listTaskTypes,
} from "./operations/lists";
import { createPerson, findPersonsByEmail, getPerson } from "./operations/persons";
import { listSoldSales } from "./operations/sales";
import { addSelectionMembers, createStaticSelection, findSelectionByName, setSelectionMembers } from "./operations/selections";
import { sharedTenantBudget, systemClock, type CallBudget, type Clock } from "./rate-limit";
import { contextIdOf, TenantLocator, type EndpointStore, type TenantMove, type TenantState } from "./tenant-status";
import { TtlCache, type ListCache } from "./ttl-cache";

export type { CallBudget, CallRelease, Clock } from "./rate-limit";
export type { SoExchange, SoObserver } from "./http";
export type { EndpointStore, TenantMove, TenantState } from "./tenant-status";
export type { SuperOfficeConfig, SuperOfficeConfigInput } from "./config";
export { parseSuperOfficeConfig } from "./config";
export { SlidingWindowBudget, sharedTenantBudget } from "./rate-limit";
export { decodeCustomField, encodeCustomField, decodeListItemId, encodeListItemId, type CustomFieldValue } from "./custom-fields";
export { odataString, normaliseEmail } from "./odata";
export { toCrmError } from "./errors";

export interface SuperOfficeDeps {
  /** Axios instance for WebAPI and auth calls (default: a fresh one). */
  axios?: AxiosInstance;
  /** Call budget; default: the process-wide budget of this tenant at `callsPerSecond`. */
  budget?: CallBudget;
  clock?: Clock;
  /** Jitter source for backoff. */
  random?: () => number;
  /** Sees every attempt (method, path, query, body, status, response) and every retry; never headers. */
  observer?: SoObserver;
  /** Key source for validating the system-user JWT (default: {authUrl}/login/.well-known/jwks). */
  jwks?: JWTVerifyGetKey;
  /** Keeps the tenant's endpoint after a move (the connector's store). */
  endpointStore?: EndpointStore;
  /** Told when the tenant's endpoint changed. */
  onTenantMove?: (move: TenantMove) => void;
}

export interface SuperOfficeClient extends CrmFullPort {
  readonly config: SuperOfficeConfig;
  getPerson: (id: Parameters<typeof getPerson>[1]) => ReturnType<typeof getPerson>;
  /** Forgets cached list look-ups (after an admin changed lists). */
  clearListCache(): void;
  /** The authenticator in use (system-user auth exposes its exchange count). */
  readonly auth: Authenticator;
  /**
   * The tenant's state from the Tenant Status API, switching to its current endpoint if it moved; null
   * when no status service is configured.
   */
  tenantState(): Promise<TenantState | null>;
  /** The webapi_url requests go to now. */
  currentWebapiUrl(): Promise<string>;
}

/** A SuperOffice WebAPI v1 client for one tenant, implementing the connector's CRM port. */
export function createSuperOfficeClient(input: SuperOfficeConfigInput, deps: SuperOfficeDeps = {}): SuperOfficeClient {
  const config = parseSuperOfficeConfig(input);
  const clock = deps.clock ?? systemClock;
  const http = deps.axios ?? axios.create();
  const auth = createAuthenticator(config.auth, { http, now: () => new Date(clock.now()), jwks: deps.jwks, timeoutMs: config.timeoutMs });
  const statusUrl = config.tenantStatusUrl ?? (config.auth.kind === "system-user" ? config.auth.authUrl : undefined);
  const contextId = config.auth.kind === "system-user" ? config.auth.contextId : contextIdOf(config.webapiUrl);
  const locator = statusUrl && contextId
    ? new TenantLocator({ configuredUrl: config.webapiUrl, statusUrl, contextId, axios: http, timeoutMs: config.timeoutMs, store: deps.endpointStore, onMove: deps.onTenantMove })
    : undefined;
  const soHttp = new SoHttp(config, {
    ...(locator ? { locator } : {}),
    axios: http,
    auth,
    budget: deps.budget ?? sharedTenantBudget(config.webapiUrl, config.callsPerSecond),
    clock,
    random: deps.random ?? Math.random,
    secrets: secretsOf(config.auth),
    observer: deps.observer,
  });
  const cache = new TtlCache(config.listCacheTtlMs, clock);
  // List names come back in the language asked for: one cached list per language.
  const perLanguage: ListCache = {
    get: (key, load) => cache.get(`${soLanguageOf(currentCrmLanguage()) ?? config.language}:${key}`, load),
    clear: () => cache.clear(),
  };
  const ctx: SoContext = { http: soHttp, config, cache: perLanguage };

  return {
    config,
    auth,
    timeZone: config.tenantTimeZone,
    tenantState: async () => (locator ? (await locator.refresh()).state : null),
    currentWebapiUrl: () => (locator ? locator.current() : Promise.resolve(config.webapiUrl)),
    clearListCache: () => cache.clear(),
    findPersonsByEmail: (email) => findPersonsByEmail(ctx, email),
    getPerson: (id) => getPerson(ctx, id),
    getCompany: (id) => getCompany(ctx, id),
    listCategories: () => listCategories(ctx),
    listAssociates: () => listAssociates(ctx),
    lastCompletedAppointment: (contactId) => lastCompletedAppointment(ctx, contactId),
    nextPlannedAppointment: (contactId) => nextPlannedAppointment(ctx, contactId),
    createPerson: (person) => createPerson(ctx, person),
    createCompany: (company) => createCompany(ctx, company),
    createAppointment: (appointment) => createAppointment(ctx, appointment),
    updateCompany: (id, update) => updateCompany(ctx, id, update),
    setCompanyCategories: (changes) => setCompanyCategories(ctx, changes),
    listCompanies: (query) => listCompanies(ctx, query),
    findCategoryByName: (name) => findCategoryByName(ctx, name),
    listTaskTypes: () => listTaskTypes(ctx),
    findTaskTypeByName: (name) => findTaskTypeByName(ctx, name),
    listCompanyCustomFields: () => listCompanyCustomFields(ctx),
    listCustomFieldItems: (key) => listCustomFieldItems(ctx, key),
    findCustomFieldItemByName: (key, name) => findCustomFieldItemByName(ctx, key, name),
    listAppointments: (query) => listAppointments(ctx, query),
    completeAppointment: (id) => completeAppointment(ctx, id),
    moveAppointment: (id, move) => moveAppointment(ctx, id, move),
    findSelectionByName: (name) => findSelectionByName(ctx, name),
    createStaticSelection: (selection) => createStaticSelection(ctx, selection),
    addSelectionMembers: (id, contactIds) => addSelectionMembers(ctx, id, contactIds),
    setSelectionMembers: (id, contactIds) => setSelectionMembers(ctx, id, contactIds),
    listDocumentTemplates: () => listDocumentTemplates(ctx),
    createDocument: (document, content) => createDocument(ctx, document, content),
    uploadDocumentContent: (id, content) => uploadDocumentContent(ctx, id, content),
    findDocumentByExternalRef: (query) => findDocumentByExternalRef(ctx, query),
    findPersonsByEmailDomain: (domain, limit) => findPersonsByEmailDomain(ctx, domain, limit),
    findCompaniesByDomain: (domain, limit) => findCompaniesByDomain(ctx, domain, limit),
    listSoldSales: (from, to) => listSoldSales(ctx, from, to),
  };
}
