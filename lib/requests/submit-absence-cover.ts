import "server-only";
import type { TActorSnapshot } from "@/lib/audit/events";
import { writeAudit } from "@/lib/audit/write-audit";
import { hasPermission } from "@/lib/auth/roles";
import type { TSessionUser } from "@/lib/auth/session-user";
import { ZSetCalendarPermission } from "@/lib/cmdlets/calendar-permission";
import { findAction } from "@/lib/cmdlets/catalogue";
import { ZGrantFullAccess } from "@/lib/cmdlets/full-access";
import { readTogether } from "@/lib/cmdlets/read-mailbox";
import { ZAutoReplyParams } from "@/lib/cmdlets/set-auto-reply";
import { getDb } from "@/lib/db/client";
import { AppError, fieldErrorsOf } from "@/lib/errors/app-error";
import type { TExchange } from "@/lib/exchange/create-exchange";
import { sameIdentity } from "@/lib/exchange/identity";
import { rememberStableReads } from "@/lib/exchange/remember-stable-reads";
import { assertLengths } from "@/lib/forms/assert-lengths";
import { decideApproval } from "@/lib/policy/decide-approval";
import { listProtectedTargets, readPolicy } from "@/lib/policy/read-policy";
import { log } from "@/lib/log/logger";
import { findUnfilled } from "@/lib/templates/placeholders";
import { recordRefusal } from "./record-refusal";
import { readBeforeEarly, resolveRecipient, submitRequest } from "./submit-request";

export type TCoverInput = {
  identity: string;
  // The colleague who covers (the delegate forms' field name).
  trustee: string;
  // The window, UTC instants (the form wrote them in the mailbox's zone, `scheduleZone`).
  startTime: string | null;
  endTime: string | null;
  scheduleZone: string | null;
  internalMessage: string | null;
  externalMessage: string | null;
  externalAudience: string | null;
  autoMapping: boolean;
  // A calendar role for the colleague, or null for none; `delegate`: also the calendar's delegate.
  accessRights: string | null;
  delegate: boolean;
};

// The parts of a cover, in the order they are shown.
export const COVER_PARTS = ["auto-reply.set", "full-access.grant", "calendar.set"] as const;
export type TCoverPart = (typeof COVER_PARTS)[number];

// A window that starts within this is granted now rather than scheduled for a moment later.
const GRANT_NOW_WITHIN_MS = 60_000;

// A promise and the function that resolves it (Promise.withResolvers, which Node 20 lacks).
function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

export type TCoverResult = { coverId: string; notSubmitted: { action: TCoverPart; message: string }[] };

// Every part's parameters, checked by its own catalogue schema; all refusals at once, under the
// form's fields, before anything is asked of Exchange.
function checkParts(input: TCoverInput) {
  const autoReply = ZAutoReplyParams.safeParse({
    identity: input.identity,
    autoReplyState: "Scheduled",
    startTime: input.startTime,
    endTime: input.endTime,
    internalMessage: input.internalMessage,
    externalMessage: input.externalMessage,
    externalAudience: input.externalAudience,
  });
  const grant = ZGrantFullAccess.safeParse({ identity: input.identity, trustee: input.trustee, autoMapping: input.autoMapping });
  const calendar = input.accessRights
    ? ZSetCalendarPermission.safeParse({
        identity: input.identity,
        trustee: input.trustee,
        accessRights: input.accessRights,
        delegate: input.delegate,
        canViewPrivateItems: false,
        sendNotificationToUser: false,
      })
    : null;
  const errors: Record<string, string[]> = {};
  for (const result of [autoReply, grant, calendar]) {
    if (!result || result.success) continue;
    for (const [field, messages] of Object.entries(fieldErrorsOf(result.error))) errors[field] = [...new Set([...(errors[field] ?? []), ...messages])];
  }
  // A template's placeholder is never sent to Exchange as it is.
  Object.assign(errors, findUnfilled({ internalMessage: input.internalMessage, externalMessage: input.externalMessage }) ?? {});
  if (Object.keys(errors).length > 0) throw new AppError("INVALID_INPUT", undefined, errors);
  return { autoReply: autoReply.data!, grant: grant.data!, calendar: calendar?.data ?? null };
}

// "A person is away from … to …" (README, "Absence cover"): one submission becomes a group of
// ordinary requests, each with its own policy decision, approval when asked for, audit and
// read-back: the mailbox's automatic replies scheduled for the window (they stop by their own
// schedule), and the colleague's FullAccess and optional calendar role until its end (removed
// then by their scheduled removals, schedule-removal.ts). A window that starts later makes the
// grants wait for its start (scheduled, or approved then scheduled; run then by the sweep); one
// that starts within a minute grants now. Everything is checked and both people resolved before
// the cover is recorded, so a bad input creates nothing.
export async function submitAbsenceCover(input: { user: TSessionUser; actor: TActorSnapshot; ex: TExchange; cover: TCoverInput; reason?: string }): Promise<TCoverResult> {
  const { user, actor, cover } = input;
  if (!hasPermission(user.roles, "request.submit")) {
    await recordRefusal(user, actor, { attempted: "cover.submit", because: "only people who submit changes may submit one" });
    throw new AppError("FORBIDDEN");
  }
  assertLengths({ reason: input.reason ?? "", identity: cover.identity, trustee: cover.trustee }, {});
  const parts = checkParts(cover);
  const ex = rememberStableReads(input.ex);
  const reason = input.reason?.trim() || null;
  const actions = parts.calendar ? COVER_PARTS : COVER_PARTS.slice(0, 2);
  const startsAt = new Date(parts.autoReply.startTime!);
  const endsAt = new Date(parts.autoReply.endTime!);
  const scheduleZone = cover.scheduleZone ?? "UTC";
  const window = { from: startsAt.getTime() > Date.now() + GRANT_NOW_WITHIN_MS ? startsAt : undefined, until: endsAt };
  // Each part as given (submitRequest resolves it again, from the answers kept in `ex`).
  const planned: Record<TCoverPart, { params: { identity: string } | null; extra: { from?: Date; until?: Date } }> = {
    "auto-reply.set": { params: parts.autoReply, extra: {} },
    "full-access.grant": { params: parts.grant, extra: window },
    "calendar.set": { params: parts.calendar, extra: window },
  };
  const [policies, protectedTargets] = await Promise.all([Promise.all(actions.map(readPolicy)), listProtectedTargets()]);
  // As in a single change, a part that may run directly reads its state before beside the
  // resolution of both people.
  const before = actions.map((id, i) => (planned[id].params ? readBeforeEarly(ex, findAction(id)!, planned[id].params, policies[i] ?? null, planned[id].extra.from) : undefined));
  const [mailbox, colleague] = await readTogether([
    resolveRecipient(ex, "identity", cover.identity, `No mailbox matches "${cover.identity}". Pick one from the list.`),
    resolveRecipient(ex, "trustee", cover.trustee, `No one in the directory matches "${cover.trustee}". Pick a person from the list.`),
  ] as const);
  if (sameIdentity(colleague.address, mailbox.address)) {
    throw new AppError("INVALID_INPUT", undefined, { trustee: ["The colleague who covers must be someone other than the person who is away."] });
  }
  const decisions = actions.map((id, i) =>
    decideApproval({ risk: findAction(id)!.risk, policy: policies[i] ?? null, target: { address: mailbox.address, department: mailbox.department }, protectedTargets }),
  );
  const waits = decisions.find((d) => d.requiresApproval);
  if (waits && !reason) throw new AppError("INVALID_INPUT", `${waits.because} Say why the cover is needed; the approver reads it.`, { reason: ["Say why this cover is needed."] });

  const created = await getDb().$transaction(async (tx) => {
    const row = await tx.absenceCover.create({
      data: {
        tenantId: user.tid,
        requesterOid: user.oid,
        requesterUpn: user.upn,
        requesterName: user.name,
        mailbox: mailbox.address,
        mailboxName: mailbox.displayName || null,
        colleague: colleague.address,
        colleagueName: colleague.displayName || null,
        startsAt,
        endsAt,
        scheduleZone,
        calendarRole: parts.calendar?.accessRights ?? null,
      },
    });
    const data = {
      coverId: row.id,
      mailbox: mailbox.address,
      colleague: colleague.address,
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      scheduleZone,
      autoMapping: parts.grant.autoMapping,
      calendarRole: row.calendarRole,
    };
    await writeAudit(tx, { type: "cover.submitted", data }, actor, { targetMailbox: mailbox.address });
    return row;
  });

  // The parts run side by side, each on its own: one that waits for an approver, fails or is
  // refused leaves the others as they are, and the cover's page shows each one's state. A part
  // that changes Exchange now claims its change first; the parts that wait (for an approver or
  // the start) are recorded meanwhile, while Exchange works, so their audit events never hold
  // the chain's lock while the person waits for that claim.
  const claimed = actions.map(() => signal());
  const runsNow = actions.map((_, i) => before[i] !== undefined);
  const nowClaimed = Promise.all(claimed.filter((_, i) => runsNow[i]).map((c) => c.promise));
  const runs = actions.map((action, i) => {
    const { params, extra } = planned[action];
    const run = (runsNow[i] ? Promise.resolve() : nowClaimed).then(() =>
      submitRequest({
        user, actor, ex, actionId: action, rawParams: params, reason: reason ?? undefined, coverId: created.id, scheduleZone, ...extra,
        before: params && before[i] ? { params, read: before[i] } : undefined,
        policies: { policy: policies[i] ?? null, protectedTargets },
        onClaimed: claimed[i]!.resolve,
      }),
    );
    // One that ends without a claim (it waits after all, or failed first) lets the others go too.
    run.then(claimed[i]!.resolve, claimed[i]!.resolve);
    return [action, run] as const;
  });
  const notSubmitted = await Promise.all(
    runs.map(([action, run]) =>
      run.then(
        () => null,
        (e: unknown) => {
          if (e instanceof AppError) return { action, message: e.message };
          log.error({ err: e instanceof Error ? e : { message: "non-error thrown" }, coverId: created.id, action }, "absence cover part not submitted");
          return { action, message: "ExoDesk could not submit this part." };
        },
      ),
    ),
  );
  return { coverId: created.id, notSubmitted: notSubmitted.filter((n) => n !== null) };
}
