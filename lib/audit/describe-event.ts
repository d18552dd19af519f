import { z } from "zod";
import { getActionLabel } from "@/lib/cmdlets/catalogue";
import { formatInZone, formatUtcMinute } from "@/lib/time/format";
import { diffStates } from "./diff-state";
import { ZAuditEvent, type TAuditEvent, type TAuditEventType } from "./events";

// How the auditor's pages name an event and say what it records, in one sentence.

export const EVENT_LABELS: Record<TAuditEventType, string> = {
  "session.signed-in": "Signed in",
  "session.signed-out": "Signed out",
  "session.ended-everywhere": "Signed out everywhere",
  "session.ended-by-admin": "Sessions ended by an admin",
  "access.denied": "Access denied",
  "audit.verified": "Chain verified",
  "request.submitted": "Submitted",
  "request.approved": "Approved",
  "request.rejected": "Rejected",
  "request.cancelled": "Cancelled",
  "request.expired": "Expired",
  "policy.changed": "Policy changed",
  "template.changed": "Template changed",
  "notification.switch-changed": "Notification switch changed",
  "notification.address-changed": "Notification address changed",
  "notification.delivery-retried": "Notification delivery retried",
  "execution.started": "Execution started",
  "execution.finished": "Execution finished",
  "execution.interrupted": "Execution interrupted",
  "request.reconciled": "Reconciled",
  "removal.needs-someone": "Removal needs someone",
  "grant.scheduled": "Grant scheduled",
  "grant.needs-someone": "Grant needs someone",
  "removal.cancelled": "Removal cancelled",
  "removal.rescheduled": "Removal rescheduled",
  "cover.submitted": "Absence cover submitted",
};

export function labelEvent(type: string): string {
  return (EVENT_LABELS as Record<string, string>)[type] ?? type;
}

function describeRefusal(data: { attempted?: string; because?: string; bulkId?: string; reportId?: string }): string {
  const target = data.bulkId ? ` on bulk change ${data.bulkId}` : data.reportId ? ` on report ${data.reportId}` : "";
  return `Tried ${data.attempted}${target}: ${data.because ?? "refused"}`;
}

function describeTemplateChange({ change, name, before, after }: Extract<TAuditEvent, { type: "template.changed" }>["data"]): string {
  if (change !== "edited" || !before || !after) return `Template "${name}" ${change}.`;
  const changed = [
    before.name !== after.name && `renamed from "${before.name}"`,
    before.internalMessage !== after.internalMessage && "internal text changed",
    before.externalMessage !== after.externalMessage && "external text changed",
  ].filter(Boolean);
  return `Template "${name}" edited: ${changed.length > 0 ? changed.join(", ") : "nothing changed"}.`;
}

const onOff = (on: boolean) => (on ? "on" : "off");

// An instant an event carries (ISO, UTC) as the auditor's pages print times: to the minute, UTC.
function utc(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : `${formatUtcMinute(at)} UTC`;
}

// A request as asked for; a time-bound grant with its start and end, a removal with its grant.
function describeSubmitted(d: Extract<TAuditEvent, { type: "request.submitted" }>["data"]): string {
  const parts = [
    getActionLabel(d.action),
    d.needsApproval && "needs approval",
    d.revertOf && `reverting request ${d.revertOf}`,
    d.dueAt && !d.removalOf && `from ${utc(d.dueAt)}`,
    d.until && `until ${utc(d.until)}`,
    d.removalOf && `the end of request ${d.removalOf}${d.dueAt ? `, due ${utc(d.dueAt)}` : ""}`,
  ].filter(Boolean);
  return `${parts.join(", ")}${d.reason ? `. Reason: ${d.reason}` : ""}`;
}

// An action's approval policy (change-policy.ts): whether it needs approval, how long it waits.
const ZPolicyState = z.object({ requiresApproval: z.boolean(), pendingHours: z.number(), default: z.boolean().optional() });
type TPolicyState = z.infer<typeof ZPolicyState>;
const hours = (n: number) => `${n} hour${n === 1 ? "" : "s"}`;
const approval = (p: TPolicyState) => (p.requiresApproval ? "needs approval" : "runs directly");

// What an admin changed in a policy, old → new; protections as added or removed. A shape this
// does not know (older events) is listed field by field.
function describePolicyChange({ subject, before, after }: Extract<TAuditEvent, { type: "policy.changed" }>["data"]): string {
  const [kind, name = ""] = subject.split(/:(.*)/);
  const b = ZPolicyState.safeParse(before);
  const a = ZPolicyState.safeParse(after);
  if (kind === "action" && b.success && a.success) {
    const changed = [
      b.data.requiresApproval !== a.data.requiresApproval && `${approval(b.data)} → ${approval(a.data)}`,
      b.data.pendingHours !== a.data.pendingHours && `waits for a decision ${hours(b.data.pendingHours)} → ${hours(a.data.pendingHours)}`,
    ].filter(Boolean);
    const was = b.data.default ? " (it had the default policy)" : "";
    return `Approval policy for ${getActionLabel(name)}: ${changed.length > 0 ? changed.join(", ") : `unchanged, ${approval(a.data)}, waits ${hours(a.data.pendingHours)}`}${was}.`;
  }
  const protectedKind = { MAILBOX: "mailbox", DEPARTMENT: "department" }[name];
  if (kind === "protected" && protectedKind && (typeof before === "string") !== (typeof after === "string")) {
    return typeof after === "string" ? `Protected ${protectedKind} added: ${after}.` : `Protected ${protectedKind} removed: ${before as string}.`;
  }
  const lines = diffStates(before, after).map((c) => `${c.path} ${c.before ?? "(not set)"} → ${c.after ?? "(not set)"}`);
  return `${subject}: ${lines.length > 0 ? lines.join(", ") : "unchanged"}.`;
}

// The window in the zone it was written in (the mailbox's), as the cover's page shows it.
function describeCover(d: Extract<TAuditEvent, { type: "cover.submitted" }>["data"]): string {
  const at = (iso: string) => formatInZone(new Date(iso), d.scheduleZone);
  const rights = `FullAccess (AutoMapping ${onOff(d.autoMapping)})${d.calendarRole ? ` and calendar role ${d.calendarRole}` : ""}`;
  return `${d.colleague} covers ${d.mailbox} from ${at(d.startsAt)} to ${at(d.endsAt)}, with ${rights} until the end. Cover ${d.coverId}.`;
}

// Data is validated again when read; a row that no longer matches its schema says so.
export function summariseEvent(type: string, data: unknown): string {
  const parsed = ZAuditEvent.safeParse({ type, data });
  if (!parsed.success) return "Recorded data does not match this event type's schema.";
  const e = parsed.data;
  switch (e.type) {
    case "session.signed-in":
    case "session.signed-out":
    case "request.cancelled":
      return "";
    case "session.ended-everywhere":
      return `${e.data.sessions} live session${e.data.sessions === 1 ? "" : "s"} ended.`;
    case "session.ended-by-admin":
      return `Ended ${e.data.sessions} live session${e.data.sessions === 1 ? "" : "s"} of ${e.data.upn}.`;
    case "access.denied":
      return e.data.attempted ? describeRefusal(e.data) : `Needed ${e.data.permission}${e.data.path ? ` at ${e.data.path}` : ""}.`;
    case "audit.verified":
      return e.data.ok ? `Intact: ${e.data.events} events, head ${e.data.head?.slice(0, 12)}…` : `BROKEN at event #${e.data.brokenSeq}: ${e.data.reason}`;
    case "request.submitted":
      return describeSubmitted(e.data);
    case "request.approved":
      return e.data.comment ? `Comment: ${e.data.comment}` : "";
    case "request.rejected":
      return `Reason: ${e.data.reason}`;
    case "request.expired":
      return `Nobody decided before ${utc(e.data.expiresAt)}.`;
    case "policy.changed":
      return describePolicyChange(e.data);
    case "template.changed":
      return describeTemplateChange(e.data);
    case "notification.switch-changed":
      return `${e.data.event}: e-mail ${onOff(e.data.before.email)} → ${onOff(e.data.after.email)}, webhook ${onOff(e.data.before.webhook)} → ${onOff(e.data.after.webhook)}.`;
    case "notification.address-changed":
      return `${getActionLabel(e.data.actionId)}: ${e.data.before ?? "no address"} → ${e.data.after ?? "no address"}.`;
    case "notification.delivery-retried":
      return `${e.data.event} by ${e.data.channel === "EMAIL" ? "e-mail" : "webhook"} to ${e.data.recipient}, after ${e.data.attempts} attempt${e.data.attempts === 1 ? "" : "s"}${e.data.lastError ? ` (${e.data.lastError})` : ""}.`;
    case "execution.started":
      return `${e.data.removal ? `Removal ${e.data.removal}; ` : ""}${e.data.grant ? `Grant ${e.data.grant}; ` : ""}client-request-id ${e.data.clientRequestId}`;
    case "execution.interrupted":
      return e.data.reason;
    case "request.reconciled":
      return `${e.data.status}: the mailbox read back as ${e.data.readAs} ${e.data.status === "SUCCEEDED" ? "shows the change in place" : "shows the change is not in place"}.`;
    case "grant.scheduled":
      return `Waits for its start, ${utc(e.data.dueAt)}, to run as ${e.data.executorUpn}.`;
    case "removal.needs-someone":
    case "grant.needs-someone":
      return `${e.data.executorUpn} could not run it: ${e.data.why}`;
    case "removal.cancelled":
      return `${e.data.because} (request ${e.data.by}).`;
    case "removal.rescheduled":
      return `The end of request ${e.data.grant} moved from ${e.data.from ? utc(e.data.from) : "no set time"} to ${utc(e.data.to)}.`;
    case "cover.submitted":
      return describeCover(e.data);
    case "execution.finished": {
      const verified = e.data.verification ? ` (${e.data.verification.toLowerCase()})` : "";
      return `${e.data.status}${verified}${e.data.error ? `: ${e.data.error.message}` : ""}`;
    }
  }
}
