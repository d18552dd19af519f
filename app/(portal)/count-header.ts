import "server-only";
import type { THeaderCounts } from "@/app/_components/header-counts";
import type { TSessionUser } from "@/lib/auth/session-user";
import { countUnreadNotifications } from "@/lib/notifications/list-notifications";
import { countAwaitingDecision } from "@/lib/requests/list-approvals";
import { countNeedingSomeone } from "@/lib/requests/list-removals";

// The header's counts in one round of queries, for the layout's render and for
// /api/header-counts after a navigation or an action. `onScreen`: see countUnreadNotifications.
export async function countHeader(user: TSessionUser, onScreen?: string): Promise<THeaderCounts> {
  const [awaiting, due, unread] = await Promise.all([countAwaitingDecision(user), countNeedingSomeone(user), countUnreadNotifications(user, onScreen)]);
  return { awaiting, due, unread };
}
