import "server-only";
import type { TSessionUser } from "@/lib/auth/session-user";
import { getDb } from "@/lib/db/client";

// A person's in-app list (the bell). Every query names the person from the session, so another
// person's entry is as missing as one that does not exist.
const own = (user: Pick<TSessionUser, "oid" | "tid">) => ({ recipientOid: user.oid, tid: user.tid });

export const NOTIFICATIONS_PER_PAGE = 50;

// The bell's count: one query on the (recipientOid, tid, readAt) index. `onScreen`: the page
// being shown, which marks its entries read as it renders (markNotificationsRead), so the
// header beside it does not count them.
export async function countUnreadNotifications(user: Pick<TSessionUser, "oid" | "tid">, onScreen?: string): Promise<number> {
  return await getDb().notification.count({ where: { ...own(user), readAt: null, ...(onScreen ? { link: { not: onScreen } } : {}) } });
}

// One page of entries, newest first (page 1 is the newest); `more` says whether older ones follow.
export async function listNotifications(user: Pick<TSessionUser, "oid" | "tid">, page = 1) {
  const rows = await getDb().notification.findMany({
    where: own(user),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * NOTIFICATIONS_PER_PAGE,
    take: NOTIFICATIONS_PER_PAGE + 1,
    select: { id: true, createdAt: true, event: true, link: true, subject: true, text: true, readAt: true },
  });
  return { entries: rows.slice(0, NOTIFICATIONS_PER_PAGE), more: rows.length > NOTIFICATIONS_PER_PAGE };
}

// Whether the person was told about this request (an approver of a request that waited for them).
export async function wasToldAbout(user: Pick<TSessionUser, "oid" | "tid">, requestId: string): Promise<boolean> {
  return (await getDb().notification.findFirst({ where: { ...own(user), requestId }, select: { id: true } })) !== null;
}

// Opening the page an entry links to (a request's, a bulk change's, a report's, the approvals
// queue) is the read receipt for the person's entries about it: nothing else.
export async function markNotificationsRead(user: Pick<TSessionUser, "oid" | "tid">, link: string, now = new Date()): Promise<number> {
  return (await getDb().notification.updateMany({ where: { ...own(user), link, readAt: null }, data: { readAt: now } })).count;
}

export async function markAllNotificationsRead(user: Pick<TSessionUser, "oid" | "tid">, now = new Date()): Promise<number> {
  return (await getDb().notification.updateMany({ where: { ...own(user), readAt: null }, data: { readAt: now } })).count;
}
