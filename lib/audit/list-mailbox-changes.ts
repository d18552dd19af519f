import "server-only";
import { getDb } from "@/lib/db/client";

// Every change anyone asked for on one mailbox, newest first, with who asked, decided and ran it.
export async function listMailboxChanges(address: string, take = 200) {
  return await getDb().request.findMany({
    where: { targetMailbox: { equals: address, mode: "insensitive" } },
    orderBy: { createdAt: "desc" },
    take,
  });
}

// One request with the requests that revert it and, for a time-bound grant, the latest removal
// that ends it, for the auditor (any request in the tenant).
export async function getRequestForAudit(id: string) {
  const db = getDb();
  const request = await db.request.findUnique({ where: { id } });
  if (!request) return null;
  const [revertedBy, removal] = await Promise.all([
    db.request.findMany({ where: { revertOfId: id }, orderBy: { createdAt: "asc" }, select: { id: true, status: true } }),
    db.request.findFirst({ where: { removalOfId: id }, orderBy: { createdAt: "desc" }, select: { id: true, status: true, dueAt: true } }),
  ]);
  return { request, revertedBy, removal };
}
