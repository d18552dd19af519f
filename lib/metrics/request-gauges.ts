import type { PrismaClient } from "@/lib/generated/prisma/client";
import { REQUEST_STATUSES } from "@/lib/workflow/request-status";
import type { TFamily } from "./exposition";

const SHARED = "Read from the shared database at scrape time, so every instance reports the same numbers: do not sum across instances.";

// Requests by state, and by state and catalogue action, from one grouped count (the status
// column is indexed; actions are the catalogue's few ids). Every state is listed, 0 included,
// so a state does not vanish from graphs when its last request moves on.
export async function collectRequestGauges(db: PrismaClient): Promise<TFamily[]> {
  const groups = await db.request.groupBy({ by: ["status", "action"], _count: { _all: true } });
  const byState = new Map<string, number>(REQUEST_STATUSES.map((state) => [state, 0]));
  for (const group of groups) byState.set(group.status, (byState.get(group.status) ?? 0) + group._count._all);
  const byAction = [...groups].sort((a, b) => a.status.localeCompare(b.status) || a.action.localeCompare(b.action));
  return [
    {
      name: "exodesk_requests",
      help: `Requests in each state. ${SHARED}`,
      type: "gauge",
      samples: [...byState].map(([state, value]) => ({ labels: { state }, value })),
    },
    {
      name: "exodesk_requests_by_action",
      help: `Requests in each state, by catalogue action (only pairs that occur). ${SHARED}`,
      type: "gauge",
      samples: byAction.map((group) => ({ labels: { state: group.status, action: group.action }, value: group._count._all })),
    },
  ];
}
