import { z } from "zod";
import { EXECUTION_OUTCOMES, RECONCILED_OUTCOMES } from "@/lib/workflow/state-machine";

// Every audit event type and the shape of its data. Validated on write and again on read.
const ZExchangeOutcome = z.object({
  kind: z.string(),
  message: z.string(),
  status: z.number().optional(),
  errorId: z.string().optional(),
});

const ZTemplateText = z.object({ name: z.string(), internalMessage: z.string(), externalMessage: z.string() });

const ZNotificationSwitch = z.object({ email: z.boolean(), webhook: z.boolean() });

export const ZAuditEvent = z.discriminatedUnion("type", [
  z.object({ type: z.literal("session.signed-in"), data: z.object({}) }),
  z.object({ type: z.literal("session.signed-out"), data: z.object({}) }),
  // "Sign out everywhere": every session of the actor ended, and their token cache deleted.
  z.object({ type: z.literal("session.ended-everywhere"), data: z.object({ sessions: z.number().int().nonnegative() }) }),
  // An admin ended every session of someone else (or their own) from the sessions page.
  z.object({
    type: z.literal("session.ended-by-admin"),
    data: z.object({ oid: z.string(), tid: z.string(), upn: z.string(), sessions: z.number().int().nonnegative() }),
  }),
  // Someone signed in asked for something their app roles do not allow (permission), or
  // acted on a request, bulk change or report that is not theirs to act on (attempted,
  // because; the request in the event's subject). Older events carry only permission and path.
  z.object({
    type: z.literal("access.denied"),
    data: z.object({
      permission: z.string().optional(),
      path: z.string().nullable(),
      attempted: z.string().optional(),
      because: z.string().optional(),
      bulkId: z.uuid().optional(),
      reportId: z.uuid().optional(),
    }),
  }),
  z.object({
    type: z.literal("audit.verified"),
    data: z.object({ ok: z.boolean(), events: z.number(), head: z.string().nullable(), brokenSeq: z.string().nullable(), reason: z.string().nullable() }),
  }),
  z.object({
    type: z.literal("request.submitted"),
    data: z.object({
      action: z.string(),
      parameters: z.record(z.string(), z.unknown()),
      needsApproval: z.boolean().optional(),
      reason: z.string().nullable().optional(),
      expiresAt: z.string().nullable().optional(),
      // Set when this request undoes an earlier one.
      revertOf: z.uuid().optional(),
      // Set when this request is one mailbox of a bulk change (attempt > 1: a retry).
      bulkId: z.uuid().optional(),
      attempt: z.number().int().positive().optional(),
      // Set when this request is a part of an absence cover.
      coverId: z.uuid().optional(),
      // Time-bound access: a grant's end; or, on its removal, the grant and when it is due.
      until: z.string().optional(),
      removalOf: z.uuid().optional(),
      dueAt: z.string().optional(),
    }),
  }),
  z.object({ type: z.literal("request.approved"), data: z.object({ comment: z.string().nullable() }) }),
  z.object({ type: z.literal("request.rejected"), data: z.object({ reason: z.string() }) }),
  // `because`: ExoDesk cancelled it (a grant whose end came before it could run); none: its requester.
  z.object({ type: z.literal("request.cancelled"), data: z.object({ because: z.string().optional() }) }),
  z.object({ type: z.literal("request.expired"), data: z.object({ expiresAt: z.string() }) }),
  z.object({
    type: z.literal("policy.changed"),
    data: z.object({ subject: z.string(), before: z.unknown(), after: z.unknown() }),
  }),
  // An admin created, edited or deleted an automatic-reply template: what it was and became.
  z.object({
    type: z.literal("template.changed"),
    data: z.object({ templateId: z.uuid(), change: z.enum(["created", "edited", "deleted"]), name: z.string(), before: ZTemplateText.nullable(), after: ZTemplateText.nullable() }),
  }),
  // An admin turned e-mail or webhook delivery of one notification event on or off.
  z.object({
    type: z.literal("notification.switch-changed"),
    data: z.object({ event: z.string(), before: ZNotificationSwitch, after: ZNotificationSwitch }),
  }),
  // An admin set or cleared the address also told when a request of this action waits.
  z.object({
    type: z.literal("notification.address-changed"),
    data: z.object({ actionId: z.string(), before: z.string().nullable(), after: z.string().nullable() }),
  }),
  // An admin put a failed delivery back in the outbox (a webhook is named by its host only).
  z.object({
    type: z.literal("notification.delivery-retried"),
    data: z.object({ deliveryId: z.uuid(), event: z.string(), channel: z.enum(["EMAIL", "WEBHOOK"]), recipient: z.string(), attempts: z.number().int().nonnegative(), lastError: z.string().nullable() }),
  }),
  z.object({
    type: z.literal("execution.started"),
    data: z.object({
      action: z.string(),
      clientRequestId: z.uuid(),
      // A time-bound grant's removal: run when due by its grant's executor, or by a helpdesk
      // person after they could not.
      removal: z.enum(["scheduled, by its original executor", "by a helpdesk person after the original executor could not"]).optional(),
      // A grant that waited for its start: run then as the person planned, or by a helpdesk
      // person after they could not.
      grant: z.enum(["scheduled, at its start, by the person planned", "by a helpdesk person after the person planned could not"]).optional(),
    }),
  }),
  // A grant that waits for its start (asked for with one, or approved before it): when it is
  // due and whose token it will run with.
  z.object({ type: z.literal("grant.scheduled"), data: z.object({ dueAt: z.string(), executorUpn: z.string() }) }),
  // A due grant the person planned could not run: why, and whose token it was.
  z.object({ type: z.literal("grant.needs-someone"), data: z.object({ executorUpn: z.string(), why: z.string() }) }),
  // A due removal its grant's executor could not run: why, and whose token it was.
  z.object({ type: z.literal("removal.needs-someone"), data: z.object({ executorUpn: z.string(), why: z.string() }) }),
  // A scheduled removal no longer needed: the right was removed, reverted or granted again first.
  z.object({ type: z.literal("removal.cancelled"), data: z.object({ because: z.string(), by: z.uuid() }) }),
  // A time-bound grant's end moved.
  z.object({ type: z.literal("removal.rescheduled"), data: z.object({ grant: z.uuid(), from: z.string(), to: z.string() }) }),
  // An absence cover asked for (README, "Absence cover"): the group of requests it becomes,
  // each audited on its own. The window is UTC; its zone is the mailbox's.
  z.object({
    type: z.literal("cover.submitted"),
    data: z.object({
      coverId: z.uuid(),
      mailbox: z.string(),
      colleague: z.string(),
      startsAt: z.string(),
      endsAt: z.string(),
      scheduleZone: z.string(),
      autoMapping: z.boolean(),
      calendarRole: z.string().nullable(),
    }),
  }),
  // The process running the change stopped before recording Exchange's answer.
  z.object({ type: z.literal("execution.interrupted"), data: z.object({ clientRequestId: z.uuid().nullable(), reason: z.string() }) }),
  // An unknown outcome settled by reading the mailbox back: the evidence is the state read.
  z.object({
    type: z.literal("request.reconciled"),
    data: z.object({ status: z.enum(RECONCILED_OUTCOMES), clientRequestId: z.uuid().nullable(), readAs: z.string(), after: z.unknown() }),
  }),
  z.object({
    type: z.literal("execution.finished"),
    data: z.object({
      status: z.enum(EXECUTION_OUTCOMES),
      verification: z.enum(["VERIFIED", "DRIFTED"]).nullable(),
      clientRequestId: z.uuid(),
      before: z.unknown(),
      after: z.unknown(),
      warnings: z.array(z.string()),
      error: ZExchangeOutcome.nullable(),
    }),
  }),
]);

export type TAuditEvent = z.infer<typeof ZAuditEvent>;
export type TAuditEventType = TAuditEvent["type"];

export type TActorSnapshot = {
  oid: string;
  upn: string;
  name: string;
  roles: string[];
  ip: string | null;
  userAgent: string | null;
};
