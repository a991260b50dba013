import { z } from "zod";
import type { ColumnMapping } from "../../../../shared/api/imports";
import { ClassificationReport, ImportReport, JobRun, WeeklyListsReport, type JobName } from "../../../../shared/api/jobs";
import { PolicyErrors, Settings, WhatIfResponse, WorkloadResponse, type SettingsKey } from "../../../../shared/api/settings";
import type { FrequencyPolicy } from "../../../../shared/domain/policy";
import type { TokenSource } from "../../api/auth";
import { createApiClient } from "../../api/client";
import { ApiClientError } from "../../api/errors";
import type { FetchLike } from "../../api/http";

export type Problem = { path: (string | number)[]; message: string };

/** The cell problems of a refused setting (400 with `problems`), or null for any other failure. */
export function problemsOf(error: unknown): Problem[] | null {
  if (!(error instanceof ApiClientError) || error.code !== "BAD_REQUEST") return null;
  const parsed = PolicyErrors.safeParse(error.body);
  return parsed.success ? parsed.data.problems : null;
}

/** The file types the connector's import accepts, by the file's extension (browsers disagree on a CSV's type). */
export const UPLOAD_TYPES = {
  csv: "text/csv",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

export function uploadTypeOf(fileName: string): string | null {
  const ext = fileName.toLowerCase().split(".").pop() ?? "";
  return ext === "csv" || ext === "xlsx" ? UPLOAD_TYPES[ext] : null;
}

/** The admin page's typed client for `/api/v1/admin/*`; every response is parsed with the shared contract. */
export function createAdminClient(options: { baseUrl: string; tokens: TokenSource; fetchImpl?: FetchLike }) {
  const { call } = createApiClient(options);
  return {
    getSettings: (signal?: AbortSignal) => call(Settings, { path: "/api/v1/admin/settings", signal }),
    saveSetting: <K extends SettingsKey>(key: K, value: Settings[K]) => call(Settings, { method: "PUT", path: `/api/v1/admin/settings/${key}`, body: value }),
    /** A policy as typed, possibly invalid: the connector names every problem. */
    savePolicy: (policy: unknown) => call(Settings, { method: "PUT", path: "/api/v1/admin/settings/policy", body: policy }),
    getWorkload: (signal?: AbortSignal) => call(WorkloadResponse, { path: "/api/v1/admin/workload", signal }),
    whatIf: (policy: FrequencyPolicy, signal?: AbortSignal) => call(WhatIfResponse, { method: "POST", path: "/api/v1/admin/workload/what-if", body: { policy }, signal }),
    classify: (dryRun: boolean) => call(ClassificationReport, { method: "POST", path: `/api/v1/admin/classification/${dryRun ? "dry-run" : "apply"}`, body: {} }),
    /** Without a mapping the connector reads the demo ERP's columns. */
    importOrders: (file: Blob, options: { name: string; type: string; onError: "stop" | "skip"; mapping?: ColumnMapping | null }) =>
      call(ImportReport, {
        method: "POST",
        path: `/api/v1/admin/imports/orders?${new URLSearchParams({ onError: options.onError, name: options.name, ...(options.mapping ? { mapping: JSON.stringify(options.mapping) } : {}) })}`,
        file: { data: file, type: options.type },
      }),
    jobs: (job: JobName, signal?: AbortSignal) => call(z.array(JobRun), { path: `/api/v1/admin/jobs?job=${job}&limit=20`, signal }),
    weeklyLists: (request: { dryRun: boolean; week?: string }) => call(WeeklyListsReport, { method: "POST", path: "/api/v1/admin/weekly-lists", body: request }),
  };
}

export type AdminClient = ReturnType<typeof createAdminClient>;
