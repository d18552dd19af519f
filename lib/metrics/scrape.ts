import type { PrismaClient } from "@/lib/generated/prisma/client";
import packageJson from "@/package.json";
import "./exchange-metrics"; // declares the Exchange families, so a scrape before the first call lists them
import { renderFamilies, type TFamily } from "./exposition";
import { getMetricsRegistry } from "./registry";
import { collectRequestGauges } from "./request-gauges";

// The whole /api/metrics answer: the shared request gauges, this process's own counters, and
// which build it runs since when.
export async function renderMetrics(db: PrismaClient): Promise<string> {
  return renderFamilies([...(await collectRequestGauges(db)), ...getMetricsRegistry().collect(), ...describeProcess()]);
}

function describeProcess(): TFamily[] {
  return [
    {
      name: "exodesk_build_info",
      help: "Always 1; the version label says which ExoDesk release this instance runs.",
      type: "gauge",
      samples: [{ labels: { version: packageJson.version }, value: 1 }],
    },
    {
      name: "process_start_time_seconds",
      help: "Start time of this process since the Unix epoch, in seconds.",
      type: "gauge",
      samples: [{ labels: {}, value: Math.round(Date.now() / 1000 - process.uptime()) }],
    },
  ];
}
