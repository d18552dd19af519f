import type { PrismaClient } from "@/lib/generated/prisma/client";
import packageJson from "@/package.json";
import "./exchange-metrics"; // declares the Exchange families, so a scrape before the first call lists them
import { declareGauge, getMetricsRegistry } from "./registry";
import { refreshRequestGauges } from "./request-gauges";

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

// The whole /api/metrics answer (Prometheus text format 0.0.4): the shared request gauges,
// this process's own counters, and which build it runs since when.
export async function renderMetrics(db: PrismaClient): Promise<string> {
  await refreshRequestGauges(db);
  return await getMetricsRegistry().metrics();
}
