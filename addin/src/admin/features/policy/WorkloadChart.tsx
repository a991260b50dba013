import type { WhatIfResponse, WorkloadResponse, WorkloadRow } from "../../../../../shared/api/settings";
import { BarChart, type BarCategory } from "../../charts/BarChart";
import { useAdminI18n } from "../../i18n";

/** Contacts per week each rep needs (now, and with the proposal when there is one) against capacity. */
export function WorkloadChart({ workload, whatIf }: { workload: WorkloadResponse; whatIf: WhatIfResponse | null }) {
  const { t, number } = useAdminI18n();
  const p = t.policy;
  const nameOf = (row: Pick<WorkloadRow, "rep" | "repName">) => (row.rep === null ? p.unassigned : (row.repName ?? `#${row.rep}`));
  const rows = workload.reps.map((r) => ({ key: String(r.rep), row: r }));
  if (workload.unassigned.customers > 0) rows.push({ key: "unassigned", row: workload.unassigned });
  const proposedOf = (key: string) => {
    if (!whatIf) return null;
    const found = key === "unassigned" ? whatIf.unassigned : whatIf.reps.find((r) => String(r.rep) === key);
    return found?.proposed ?? null;
  };
  const categories: BarCategory[] = rows.map(({ key, row }) => {
    const proposed = proposedOf(key);
    return { key, label: nameOf(row), marker: row.capacity, flagged: whatIf ? (proposed?.overCapacity ?? false) : row.overCapacity };
  });
  const series = [{ key: "now", label: p.needsNow, values: rows.map(({ row }) => row.personalPerWeek) }];
  if (whatIf) series.push({ key: "proposed", label: p.needsProposed, values: rows.map(({ key }) => proposedOf(key)?.personalPerWeek ?? 0) });
  return (
    <BarChart
      testId="workload-chart"
      title={p.workload}
      description={`${p.workloadIntro} (${p.perWeek})`}
      categories={categories}
      series={series}
      markerLabel={p.capacity}
      flagLabel={p.overCapacity}
      format={(v) => number(v, 1)}
      tableLabel={t.showTable}
    />
  );
}
