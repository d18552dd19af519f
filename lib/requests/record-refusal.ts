import "server-only";
import type { TActorSnapshot } from "@/lib/audit/events";
import { recordEvent } from "@/lib/audit/record-event";
import type { TAuditSubject } from "@/lib/audit/write-audit";
import { getActorSnapshot } from "@/lib/auth/actor";
import type { TSessionUser } from "@/lib/auth/session-user";

// What a person tried to do with a request, bulk change or report that is not theirs to act
// on. Role refusals are recorded by requireUser (lib/auth/session.ts); these are the refusals
// that only the use case can see, because they depend on whose the thing is.
export type TAttempt =
  | "request.view"
  | "request.submit"
  | "request.cancel"
  | "request.revert"
  | "request.approve"
  | "request.reject"
  | "removal.run"
  | "removal.reschedule"
  | "bulk.submit"
  | "bulk.view"
  | "bulk.retry"
  | "bulk.stop"
  | "report.view"
  | "cover.submit"
  | "cover.view";

export type TRefusal = {
  attempted: TAttempt;
  because: string;
  // The request refused (id and mailbox), as the auditor's history filters on them.
  subject?: Pick<TAuditSubject, "requestId" | "targetMailbox">;
  bulkId?: string;
  reportId?: string;
};

// The one place such a refusal becomes an `access.denied` event, in a transaction of its own
// so it stays recorded although the person's step fails. The caller then answers exactly as
// before (a foreign id looks missing). Pages have no actor at hand; theirs is read from the
// request being served.
export async function recordRefusal(user: TSessionUser, actor: TActorSnapshot | undefined, refusal: TRefusal): Promise<void> {
  const { attempted, because, subject, bulkId, reportId } = refusal;
  await recordEvent(
    { type: "access.denied", data: { path: null, attempted, because, ...(bulkId ? { bulkId } : {}), ...(reportId ? { reportId } : {}) } },
    actor ?? (await getActorSnapshot(user)),
    subject,
  );
}
