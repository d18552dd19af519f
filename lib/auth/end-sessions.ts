import "server-only";
import { z } from "zod";
import type { TActorSnapshot } from "@/lib/audit/events";
import { writeAudit } from "@/lib/audit/write-audit";
import { AppError, fieldErrorsOf } from "@/lib/errors/app-error";
import { hasPermission } from "./roles";
import { endAllSessions, type TEndedSessions } from "./session-store";
import type { TSessionUser } from "./session-user";

// "Sign out everywhere": every session of the signed-in person, on every instance.
export async function endMySessionsEverywhere(user: TSessionUser, actor: TActorSnapshot): Promise<TEndedSessions> {
  return await endAllSessions(user, async (tx, ended) => {
    await writeAudit(tx, { type: "session.ended-everywhere", data: { sessions: ended.sessions } }, actor);
  });
}

const ZPerson = z.object({
  oid: z.string().trim().min(1, "Choose a person.").max(64, "That is not a person's id."),
  tid: z.string().trim().min(1, "Choose a person.").max(64, "That is not a tenant id."),
});

// An admin ends someone's sessions (the sessions page). Nothing live: nothing to audit.
export async function endSessionsOf(admin: TSessionUser, actor: TActorSnapshot, input: { oid: unknown; tid: unknown }): Promise<TEndedSessions> {
  if (!hasPermission(admin.roles, "session.manage")) throw new AppError("FORBIDDEN", "Only admins can end other people's sessions.");
  const parsed = ZPerson.safeParse(input);
  if (!parsed.success) throw new AppError("INVALID_INPUT", "Choose a person from the list.", fieldErrorsOf(parsed.error));
  return await endAllSessions(parsed.data, async (tx, ended) => {
    if (ended.sessions === 0) return;
    await writeAudit(tx, { type: "session.ended-by-admin", data: { ...parsed.data, upn: ended.upn ?? "", sessions: ended.sessions } }, actor);
  });
}
