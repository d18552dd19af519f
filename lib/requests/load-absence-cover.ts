import "server-only";
import type { TActorSnapshot } from "@/lib/audit/events";
import type { TSessionUser } from "@/lib/auth/session-user";
import { getDb } from "@/lib/db/client";
import { normaliseIdentity } from "@/lib/exchange/identity";
import { z } from "zod";
import { recordRefusal } from "./record-refusal";
import { COVER_PARTS, type TCoverPart } from "./submit-absence-cover";

const PART_FIELDS = { id: true, action: true, status: true, verification: true, errorMessage: true, until: true, dueAt: true, executorUpn: true, finishedAt: true } as const;

// An absence cover its requester opens, with each planned part's latest request (null: not
// submitted) and, for a grant, the removal scheduled for its end. Anyone else's is "not found",
// and the refusal is recorded (pages pass no actor: theirs is read from the request served).
export async function loadAbsenceCover(user: TSessionUser, id: string, actor?: TActorSnapshot) {
  if (!z.uuid().safeParse(id).success) return null;
  const db = getDb();
  const cover = await db.absenceCover.findFirst({ where: { id, tenantId: user.tid, requesterOid: user.oid } });
  if (!cover) {
    const foreign = await db.absenceCover.findUnique({ where: { id }, select: { mailbox: true } });
    if (foreign) await recordRefusal(user, actor, { attempted: "cover.view", because: "the absence cover is not theirs", subject: { targetMailbox: foreign.mailbox } });
    return null;
  }
  const requests = await db.request.findMany({ where: { coverId: cover.id }, orderBy: { createdAt: "desc" }, select: PART_FIELDS });
  const removals = await db.request.findMany({ where: { removalOfId: { in: requests.map((r) => r.id) } }, orderBy: { createdAt: "desc" }, select: { ...PART_FIELDS, removalOfId: true } });
  const planned: TCoverPart[] = cover.calendarRole ? [...COVER_PARTS] : COVER_PARTS.filter((p) => p !== "calendar.set");
  const parts = planned.map((action) => {
    const request = requests.find((r) => r.action === action) ?? null;
    const removal = request ? (removals.find((r) => r.removalOfId === request.id) ?? null) : null;
    return { action, request, removal };
  });
  return { cover, parts };
}

// The covers a person set up for one mailbox, newest first.
export async function listAbsenceCovers(user: TSessionUser, mailbox: string) {
  return await getDb().absenceCover.findMany({
    where: { tenantId: user.tid, requesterOid: user.oid, mailbox: { equals: normaliseIdentity(mailbox), mode: "insensitive" } },
    orderBy: { createdAt: "desc" },
    take: 20,
  });
}
