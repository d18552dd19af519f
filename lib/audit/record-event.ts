import "server-only";
import { getDb } from "@/lib/db/client";
import type { TActorSnapshot, TAuditEvent } from "./events";
import { writeAudit, type TAuditSubject } from "./write-audit";

// An event that is not part of a state change (sign-in, a refused page, a verification run)
// in a transaction of its own.
export async function recordEvent(event: TAuditEvent, actor: TActorSnapshot | null, subject?: TAuditSubject): Promise<void> {
  await getDb().$transaction((tx) => writeAudit(tx, event, actor, subject));
}
