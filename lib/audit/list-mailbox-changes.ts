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

// One request with the requests that revert it, for the auditor (any request in the tenant).
export async function getRequestForAudit(id: string) {
  const db = getDb();
  const request = await db.request.findUnique({ where: { id } });
  if (!request) return null;
  const revertedBy = await db.request.findMany({ where: { revertOfId: id }, orderBy: { createdAt: "asc" }, select: { id: true, status: true } });
  return { request, revertedBy };
}
