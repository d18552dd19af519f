import type { PrismaClient } from "@/lib/generated/prisma/client";
import packageJson from "@/package.json";
import "@/lib/exchange/call-metrics"; // declares the Exchange families, so a scrape before the first call lists them
import { declareGauge, getMetricsRegistry } from "@/lib/metrics/registry";
import { refreshFailedDeliveries } from "@/lib/notifications/delivery-metrics";
import { REQUEST_STATUSES } from "@/lib/workflow/request-status";

const SHARED = "Read from the shared database at scrape time, so every instance reports the same numbers: do not sum across instances.";

const byState = declareGauge({ name: "exodesk_requests", help: `Requests in each state. ${SHARED}`, labelNames: ["state"] });
const byStateAndAction = declareGauge({
  name: "exodesk_requests_by_action",
  help: `Requests in each state, by catalogue action (only pairs that occur). ${SHARED}`,
  labelNames: ["state", "action"],
});

// Set just before each scrape, from one grouped count (the status column is indexed; actions
// are the catalogue's few ids). Every state is listed, 0 included, so a state does not vanish
// from graphs when its last request moves on; a state and action pair that no longer occurs does.
async function refreshRequestGauges(db: PrismaClient): Promise<void> {
  const groups = await db.request.groupBy({ by: ["status", "action"], _count: { _all: true } });
  const counts = new Map<string, number>(REQUEST_STATUSES.map((state) => [state, 0]));
  for (const group of groups) counts.set(group.status, (counts.get(group.status) ?? 0) + group._count._all);
  byState.reset();
  for (const [state, value] of counts) byState.set({ state }, value);
  byStateAndAction.reset();
  const sorted = [...groups].sort((a, b) => a.status.localeCompare(b.status) || a.action.localeCompare(b.action));
  for (const group of sorted) byStateAndAction.set({ state: group.status, action: group.action }, group._count._all);
}

declareGauge({
  name: "exodesk_build_info",
  help: "Always 1; the version label says which ExoDesk release this instance runs.",
  labelNames: ["version"],
}).set({ version: packageJson.version }, 1);

declareGauge({
  name: "process_start_time_seconds",
  help: "Start time of this process since the Unix epoch, in seconds.",
  collect() {
    this.set(Math.round(Date.now() / 1000 - process.uptime()));
  },
});

// The whole /api/metrics answer (Prometheus text format 0.0.4): the shared request and failed
// notification gauges, this process's own counters, and which build it runs since when.
export async function renderMetrics(db: PrismaClient): Promise<string> {
  await Promise.all([refreshRequestGauges(db), refreshFailedDeliveries(db)]);
  return await getMetricsRegistry().metrics();
}
