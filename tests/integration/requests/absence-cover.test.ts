import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { TSessionUser } from "@/lib/auth/session-user";
import type { TCoverInput } from "@/lib/requests/submit-absence-cover";
import { DEMO_USERS, SEED_MAILBOXES } from "../../emulator/index";
import { useHarness } from "../../emulator/test-support/harness";
import { useMigratedEmbeddedDb } from "../support/embedded-db";
import { readMailbox } from "../support/emulator-exchange";
import { actorOf } from "../support/people";
import { loadSignedInPortal } from "../support/signed-in-portal";

// Absence cover end to end: the real sign-in and token cache, the real Exchange client with the
// person's own token, the emulator's stored state as the judge. The start and the end come by
// moving the emulator's clock and calling the sweep with an explicit `now`, never by waiting.
useMigratedEmbeddedDb();
const h = useHarness();

const MAILBOX = SEED_MAILBOXES.meganBowen;
const COLLEAGUE = SEED_MAILBOXES.christieCline;
const HOUR = 3600_000;
// Whole minutes from now, as the form gives them (Exchange keeps whole seconds).
const hoursFromNow = (hours: number) => new Date(Math.ceil(Date.now() / 60_000) * 60_000 + hours * HOUR);
const MESSAGE = "<p>Megan is away. Christie Cline (christie.cline@contoso.onmicrosoft.com) covers for her.</p>";

type TPortal = Awaited<ReturnType<typeof loadPortal>>;
let portal: TPortal;

async function loadPortal() {
  const base = await loadSignedInPortal(h);
  return {
    ...base,
    submitCover: (await import("@/lib/requests/submit-absence-cover")).submitAbsenceCover,
    loadCover: (await import("@/lib/requests/load-absence-cover")).loadAbsenceCover,
  };
}

function coverOf(window: { from: Date; to: Date }, patch: Partial<TCoverInput> = {}): TCoverInput {
  return {
    identity: MAILBOX,
    trustee: COLLEAGUE,
    startTime: window.from.toISOString(),
    endTime: window.to.toISOString(),
    scheduleZone: "Europe/Berlin",
    internalMessage: MESSAGE,
    externalMessage: MESSAGE,
    externalAudience: "All",
    autoMapping: true,
    accessRights: "Editor",
    delegate: true,
    ...patch,
  };
}

async function submitAs(user: TSessionUser, cover: TCoverInput, reason?: string) {
  return await portal.submitCover({ user, actor: actorOf(user), ex: await portal.exchangeFor(user), cover, reason });
}

async function setPolicy(actionId: string, requiresApproval: boolean) {
  await portal.db.approvalPolicy.upsert({ where: { actionId }, create: { actionId, requiresApproval, updatedByUpn: "test" }, update: { requiresApproval } });
}

const fullAccessOf = async () => (await readMailbox(h, MAILBOX)).mailboxPermissions.find((p) => p.user.toLowerCase() === COLLEAGUE && p.accessRights.includes("FullAccess")) ?? null;
const calendarEntryOf = async () => (await readMailbox(h, MAILBOX)).calendar.permissions.find((p) => p.user.toLowerCase() === COLLEAGUE) ?? null;
const partsOf = (coverId: string) => portal.db.request.findMany({ where: { coverId }, orderBy: { action: "asc" } });
const moveEmulatorClock = (ms: number) => h.control<{ now: string }>("POST", "clock", { advanceSeconds: ms / 1000 });
const eventsOf = async (requestId: string) => await portal.db.auditEvent.findMany({ where: { requestId }, orderBy: { seq: "asc" } });
// Exchange's log of the changes (not reads) made since it was last cleared, and whose token made each.
const changeCalls = async () => (await h.control<{ calls: { cmdlet: string; upn: string }[] }>("GET", "calls")).calls.filter((c) => !c.cmdlet.startsWith("Get-")).map((c) => [c.cmdlet, c.upn]);

beforeAll(async () => {
  portal = await loadPortal();
});

beforeEach(async () => {
  for (const actionId of ["auto-reply.set", "full-access.grant", "full-access.remove", "calendar.set", "calendar.remove"]) await setPolicy(actionId, false);
  await portal.db.request.updateMany({ where: { status: { in: ["SCHEDULED", "NEEDS_SOMEONE"] } }, data: { status: "CANCELLED" } });
});

describe("an absence cover", () => {
  it("schedules the auto-reply and the cover's grants in one submission; the grants wait for the start, run then as the submitter, and are removed at the end, all verified", async () => {
    const helpdesk = await portal.signIn(DEMO_USERS.helpdesk, ["ExoDesk.Helpdesk"]);
    const from = hoursFromNow(1);
    const to = hoursFromNow(3);
    const { coverId, notSubmitted } = await submitAs(helpdesk, coverOf({ from, to }));
    expect(notSubmitted).toEqual([]);

    // The group and its record.
    const cover = await portal.db.absenceCover.findUniqueOrThrow({ where: { id: coverId } });
    expect(cover).toMatchObject({ mailbox: MAILBOX, colleague: COLLEAGUE, startsAt: from, endsAt: to, scheduleZone: "Europe/Berlin", calendarRole: "Editor", requesterUpn: helpdesk.upn });
    const submitted = await portal.db.auditEvent.findFirstOrThrow({ where: { type: "cover.submitted" }, orderBy: { seq: "desc" } });
    expect(submitted).toMatchObject({ actorUpn: helpdesk.upn, targetMailbox: MAILBOX, data: { coverId, colleague: COLLEAGUE, startsAt: from.toISOString(), endsAt: to.toISOString(), autoMapping: true, calendarRole: "Editor" } });

    // Three ordinary requests: the replies run now (their own schedule starts them), the grants
    // wait for the start, to run then with the submitter's token.
    const parts = await partsOf(coverId);
    expect(parts.map((p) => [p.action, p.status, p.verification, p.executorUpn, p.dueAt])).toEqual([
      ["auto-reply.set", "SUCCEEDED", "VERIFIED", helpdesk.upn, null],
      ["calendar.set", "SCHEDULED", null, helpdesk.upn, from],
      ["full-access.grant", "SCHEDULED", null, helpdesk.upn, from],
    ]);
    for (const part of parts) {
      const types = (await eventsOf(part.id)).map((e) => [e.type, (e.data as { coverId?: string }).coverId]);
      expect(types[0]).toEqual(["request.submitted", coverId]);
      expect(types.map((t) => t[0])).toEqual(part.action === "auto-reply.set" ? ["request.submitted", "execution.started", "execution.finished"] : ["request.submitted", "grant.scheduled"]);
    }
    expect((await eventsOf(parts[2]!.id))[1]).toMatchObject({ actorUpn: helpdesk.upn, data: { dueAt: from.toISOString(), executorUpn: helpdesk.upn } });
    // The change made now is claimed before the waiting grants are recorded: the person waits
    // for that claim, never for the grants' turn at the audit chain.
    const started = (await eventsOf(parts[0]!.id)).find((e) => e.type === "execution.started")!;
    for (const grant of parts.slice(1)) expect((await eventsOf(grant.id))[0]!.seq).toBeGreaterThan(started.seq);
    // In Exchange: replies scheduled for the window; the colleague has no right yet.
    const stored = await readMailbox(h, MAILBOX);
    expect(stored.autoReply).toMatchObject({ autoReplyState: "Scheduled", externalAudience: "All" });
    expect(Date.parse(stored.autoReply.startTime)).toBe(from.getTime());
    expect(Date.parse(stored.autoReply.endTime)).toBe(to.getTime());
    expect(stored.autoReply.internalMessage).toContain("Christie Cline");
    expect(await fullAccessOf()).toBeNull();
    expect(await calendarEntryOf()).toBeNull();
    expect(await portal.db.request.count({ where: { removalOfId: { in: parts.map((p) => p.id) } } })).toBe(0);
    // The cover's page shows the grants waiting.
    const waiting = await portal.loadCover(helpdesk, coverId);
    expect(waiting!.parts.map((p) => [p.action, p.request?.status, p.request?.dueAt ?? null, p.removal?.status ?? null])).toEqual([
      ["auto-reply.set", "SUCCEEDED", null, null],
      ["full-access.grant", "SCHEDULED", from, null],
      ["calendar.set", "SCHEDULED", from, null],
    ]);

    // Before the start, the sweep leaves them.
    expect(await portal.runDueChanges(undefined, new Date(from.getTime() - 60_000))).toEqual({ ran: 0, handedOver: 0 });
    expect(await fullAccessOf()).toBeNull();

    // The start passes, for Exchange and for the sweep: granted, as the submitter, verified.
    await h.control("DELETE", "calls");
    await moveEmulatorClock(HOUR + 60_000);
    expect(await portal.runDueChanges(undefined, new Date(from.getTime() + 60_000))).toEqual({ ran: 2, handedOver: 0 });
    expect(await fullAccessOf()).toMatchObject({ autoMapping: true });
    expect(await calendarEntryOf()).toMatchObject({ accessRights: ["Editor"], sharingPermissionFlags: "Delegate" });
    const calls = await changeCalls();
    expect(calls.map(([cmdlet]) => cmdlet)).toContain("Add-MailboxPermission");
    expect(new Set(calls.map(([, upn]) => upn))).toEqual(new Set([helpdesk.upn]));
    const granted = await partsOf(coverId);
    expect(granted.map((p) => [p.action, p.status, p.verification, p.executorUpn])).toEqual([
      ["auto-reply.set", "SUCCEEDED", "VERIFIED", helpdesk.upn],
      ["calendar.set", "SUCCEEDED", "VERIFIED", helpdesk.upn],
      ["full-access.grant", "SUCCEEDED", "VERIFIED", helpdesk.upn],
    ]);
    expect((await eventsOf(parts[2]!.id)).map((e) => e.type)).toEqual(["request.submitted", "grant.scheduled", "execution.started", "execution.finished"]);
    expect((await eventsOf(parts[2]!.id))[2]).toMatchObject({ actorUpn: helpdesk.upn, data: { grant: "scheduled, at its start, by the person planned" } });
    // Each grant's removal is scheduled for the end.
    const removals = await portal.db.request.findMany({ where: { removalOfId: { in: parts.map((p) => p.id) } }, orderBy: { action: "asc" } });
    expect(removals.map((r) => [r.action, r.status, r.dueAt])).toEqual([
      ["calendar.remove", "SCHEDULED", to],
      ["full-access.remove", "SCHEDULED", to],
    ]);
    const shown = await portal.loadCover(helpdesk, coverId);
    expect(shown!.parts.map((p) => [p.action, p.request?.status, p.removal?.status ?? null])).toEqual([
      ["auto-reply.set", "SUCCEEDED", null],
      ["full-access.grant", "SUCCEEDED", "SCHEDULED"],
      ["calendar.set", "SUCCEEDED", "SCHEDULED"],
    ]);

    // The end passes, for Exchange and for the portal's sweep.
    const { now: emulatorNow } = await moveEmulatorClock(2 * HOUR + 60_000);
    expect(await portal.runDueChanges(undefined, new Date(to.getTime() + 60_000))).toEqual({ ran: 2, handedOver: 0 });
    expect(await fullAccessOf()).toBeNull();
    expect(await calendarEntryOf()).toBeNull();
    const after = await readMailbox(h, MAILBOX);
    // The replies end by their own schedule: nothing was sent to Exchange, their window is over.
    expect(after.autoReply).toMatchObject({ autoReplyState: "Scheduled" });
    expect(Date.parse(after.autoReply.endTime)).toBeLessThan(Date.parse(emulatorNow));
    const ended = await portal.db.request.findMany({ where: { removalOfId: { in: parts.map((p) => p.id) } }, orderBy: { action: "asc" } });
    expect(ended.map((r) => [r.action, r.status, r.verification, r.executorUpn])).toEqual([
      ["calendar.remove", "SUCCEEDED", "VERIFIED", helpdesk.upn],
      ["full-access.remove", "SUCCEEDED", "VERIFIED", helpdesk.upn],
    ]);
    const setCalls = (await h.control<{ calls: { cmdlet: string }[] }>("GET", "calls")).calls.filter((c) => c.cmdlet === "Set-MailboxAutoReplyConfiguration");
    expect(setCalls).toHaveLength(0);
    expect((await portal.loadCover(helpdesk, coverId))!.parts.map((p) => p.removal?.status ?? null)).toEqual([null, "SUCCEEDED", "SUCCEEDED"]);
    expect((await portal.verifyChain(portal.db)).ok).toBe(true);
  });

  it("that starts within a minute grants cover at once", async () => {
    const helpdesk = await portal.signIn(DEMO_USERS.helpdesk, ["ExoDesk.Helpdesk"]);
    const from = new Date(Math.ceil(Date.now() / 1000) * 1000 + 30_000);
    const to = hoursFromNow(2);
    const { coverId } = await submitAs(helpdesk, coverOf({ from, to }, { accessRights: null, delegate: false }));
    expect((await partsOf(coverId)).map((p) => [p.action, p.status, p.verification, p.dueAt])).toEqual([
      ["auto-reply.set", "SUCCEEDED", "VERIFIED", null],
      ["full-access.grant", "SUCCEEDED", "VERIFIED", null],
    ]);
    expect(await fullAccessOf()).toMatchObject({ autoMapping: true });
  });

  it("a part the policy sends to an approver waits for one; approved before the start, it is scheduled for it and runs then with the approver's token", async () => {
    await setPolicy("calendar.set", true);
    const helpdesk = await portal.signIn(DEMO_USERS.helpdesk, ["ExoDesk.Helpdesk"]);
    const approver = await portal.signIn(DEMO_USERS.approver, ["ExoDesk.Approver"]);
    const window = { from: hoursFromNow(1), to: hoursFromNow(5) };
    const before = await portal.db.absenceCover.count();

    // Without a reason the approver would have nothing to read: refused, nothing created.
    await expect(submitAs(helpdesk, coverOf(window))).rejects.toMatchObject({ code: "INVALID_INPUT", fieldErrors: { reason: ["Say why this cover is needed."] } });
    expect(await portal.db.absenceCover.count()).toBe(before);

    const { coverId } = await submitAs(helpdesk, coverOf(window), "Megan is on leave");
    const parts = await partsOf(coverId);
    expect(parts.map((p) => [p.action, p.status])).toEqual([
      ["auto-reply.set", "SUCCEEDED"],
      ["calendar.set", "PENDING_APPROVAL"],
      ["full-access.grant", "SCHEDULED"],
    ]);
    expect(await calendarEntryOf()).toBeNull();
    const calendar = parts.find((p) => p.action === "calendar.set")!;
    const outcome = await portal.approve({ approver, actor: actorOf(approver), ex: await portal.exchangeFor(approver), requestId: calendar.id });
    expect(outcome).toEqual({ scheduled: window.from });
    expect(await calendarEntryOf()).toBeNull();
    expect(await portal.db.request.findUniqueOrThrow({ where: { id: calendar.id } })).toMatchObject({ status: "SCHEDULED", dueAt: window.from, deciderUpn: approver.upn, executorUpn: approver.upn });
    expect((await eventsOf(calendar.id)).map((e) => [e.type, e.actorUpn])).toEqual([
      ["request.submitted", helpdesk.upn],
      ["request.approved", approver.upn],
      ["grant.scheduled", approver.upn],
    ]);

    // At the start: the calendar role as the approver, the FullAccess as the submitter.
    await h.control("DELETE", "calls");
    await moveEmulatorClock(HOUR + 60_000);
    expect(await portal.runDueChanges(undefined, new Date(window.from.getTime() + 60_000))).toEqual({ ran: 2, handedOver: 0 });
    expect(await calendarEntryOf()).toMatchObject({ accessRights: ["Editor"] });
    expect(await fullAccessOf()).toMatchObject({ autoMapping: true });
    const calls = await changeCalls();
    expect(calls.filter(([cmdlet]) => cmdlet === "Add-MailboxPermission").map(([, upn]) => upn)).toEqual([helpdesk.upn]);
    expect(calls.filter(([cmdlet]) => cmdlet!.includes("MailboxFolderPermission")).map(([, upn]) => upn)).toEqual([approver.upn]);
    expect(await portal.db.request.findUniqueOrThrow({ where: { id: calendar.id } })).toMatchObject({ status: "SUCCEEDED", verification: "VERIFIED", executorUpn: approver.upn });
    expect(await portal.db.request.findFirstOrThrow({ where: { removalOfId: calendar.id } })).toMatchObject({ action: "calendar.remove", status: "SCHEDULED", dueAt: window.to });
    expect((await portal.loadCover(helpdesk, coverId))!.parts.map((p) => p.request?.status)).toEqual(["SUCCEEDED", "SUCCEEDED", "SUCCEEDED"]);
    // Only its requester sees the cover.
    expect(await portal.loadCover(approver, coverId, actorOf(approver))).toBeNull();
    expect(await portal.db.auditEvent.findFirstOrThrow({ where: { type: "access.denied", actorUpn: approver.upn }, orderBy: { seq: "desc" } })).toMatchObject({
      targetMailbox: MAILBOX,
      data: { attempted: "cover.view", because: "the absence cover is not theirs" },
    });
  });

  it("a grant approved after its start has passed runs at once, with the approver's token", async () => {
    await setPolicy("full-access.grant", true);
    const helpdesk = await portal.signIn(DEMO_USERS.helpdesk, ["ExoDesk.Helpdesk"]);
    const approver = await portal.signIn(DEMO_USERS.approver, ["ExoDesk.Approver"]);
    const from = hoursFromNow(1);
    const { coverId } = await submitAs(helpdesk, coverOf({ from, to: hoursFromNow(4) }, { accessRights: null, delegate: false }), "Megan is on leave");
    const grant = (await partsOf(coverId)).find((p) => p.action === "full-access.grant")!;
    expect(grant).toMatchObject({ status: "PENDING_APPROVAL", dueAt: from });
    // The approver decides after the start (the portal's clock: a fake timer would stop the
    // database driver, so the start is moved back instead).
    await portal.db.request.update({ where: { id: grant.id }, data: { dueAt: new Date(Date.now() - 60_000) } });
    const outcome = await portal.approve({ approver, actor: actorOf(approver), ex: await portal.exchangeFor(approver), requestId: grant.id });
    expect(outcome).toMatchObject({ status: "SUCCEEDED", verification: "VERIFIED" });
    expect(await fullAccessOf()).toMatchObject({ autoMapping: true });
    expect(await portal.db.request.findUniqueOrThrow({ where: { id: grant.id } })).toMatchObject({ status: "SUCCEEDED", executorUpn: approver.upn, dueAt: null });
  });

  it("a scheduled grant whose person's sign-in was revoked needs someone; another helpdesk person grants it with their own token", async () => {
    // Every silent call renews under MSAL's 300-second margin, so the revocation shows at once.
    await h.control("POST", "token-lifetime", { seconds: 60 });
    const approver = await portal.signIn(DEMO_USERS.approver, ["ExoDesk.Approver"]);
    const helpdesk = await portal.signIn(DEMO_USERS.helpdesk, ["ExoDesk.Helpdesk"]);
    const from = hoursFromNow(1);
    const to = hoursFromNow(3);
    const { coverId } = await submitAs(approver, coverOf({ from, to }, { accessRights: null, delegate: false }));
    const grant = (await partsOf(coverId)).find((p) => p.action === "full-access.grant")!;
    expect(grant).toMatchObject({ status: "SCHEDULED", executorUpn: approver.upn });

    await h.control("POST", "revoke", { upn: DEMO_USERS.approver });
    await moveEmulatorClock(HOUR + 60_000);
    expect(await portal.runDueChanges(undefined, new Date(from.getTime() + 60_000))).toEqual({ ran: 0, handedOver: 1 });
    expect(await fullAccessOf()).toBeNull();
    const due = await portal.db.request.findUniqueOrThrow({ where: { id: grant.id } });
    expect(due).toMatchObject({ status: "NEEDS_SOMEONE", executorUpn: approver.upn, errorKind: "reauth_required" });
    expect(due.errorMessage).toContain(`The sign-in of ${approver.upn} could not be renewed`);
    expect((await eventsOf(grant.id)).at(-1)).toMatchObject({ type: "grant.needs-someone", status: "NEEDS_SOMEONE", data: { executorUpn: approver.upn } });

    await h.control("DELETE", "calls");
    const granted = await portal.runNow({ user: helpdesk, actor: actorOf(helpdesk), ex: await portal.exchangeFor(helpdesk), requestId: grant.id });
    expect(granted).toMatchObject({ status: "SUCCEEDED", verification: "VERIFIED" });
    expect(await fullAccessOf()).toMatchObject({ autoMapping: true });
    expect((await changeCalls()).filter(([cmdlet]) => cmdlet === "Add-MailboxPermission").map(([, upn]) => upn)).toEqual([helpdesk.upn]);
    expect((await eventsOf(grant.id)).filter((e) => e.type === "execution.started").map((e) => [e.actorUpn, (e.data as { grant?: string }).grant])).toEqual([
      [helpdesk.upn, "by a helpdesk person after the person planned could not"],
    ]);
    // Its removal is scheduled at the end, as for any time-bound grant.
    expect(await portal.db.request.findFirstOrThrow({ where: { removalOfId: grant.id } })).toMatchObject({ action: "full-access.remove", status: "SCHEDULED", dueAt: to });
  });

  it("a grant whose end came before it could run is never made: the sweep and Grant now cancel it, saying why", async () => {
    const helpdesk = await portal.signIn(DEMO_USERS.helpdesk, ["ExoDesk.Helpdesk"]);
    const from = hoursFromNow(1);
    const to = hoursFromNow(3);
    const { coverId } = await submitAs(helpdesk, coverOf({ from, to }));
    const [calendar, fullAccess] = await partsOf(coverId).then((parts) => parts.filter((p) => p.status === "SCHEDULED"));
    await h.control("DELETE", "calls");

    // The sweep was not there between the start and the end (the instances were down).
    await moveEmulatorClock(3 * HOUR + 60_000);
    expect(await portal.runDueChanges(undefined, new Date(to.getTime() + 60_000))).toEqual({ ran: 0, handedOver: 0 });
    expect(await portal.db.request.findUniqueOrThrow({ where: { id: fullAccess!.id } })).toMatchObject({ status: "CANCELLED", errorKind: "ended" });
    expect((await eventsOf(fullAccess!.id)).at(-1)).toMatchObject({ type: "request.cancelled", actorUpn: null, data: { because: expect.stringContaining("came before it could run") } });

    // One that waited for someone past its end: Grant now refuses and cancels it.
    await portal.db.request.update({ where: { id: calendar!.id }, data: { status: "NEEDS_SOMEONE", until: new Date(Date.now() - 1000) } });
    await expect(portal.runNow({ user: helpdesk, actor: actorOf(helpdesk), ex: await portal.exchangeFor(helpdesk), requestId: calendar!.id })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await portal.db.request.findUniqueOrThrow({ where: { id: calendar!.id } })).toMatchObject({ status: "CANCELLED" });
    expect(await changeCalls()).toEqual([]);
    expect(await fullAccessOf()).toBeNull();
  });

  it("its requester may cancel a scheduled grant before its start; it never runs", async () => {
    const helpdesk = await portal.signIn(DEMO_USERS.helpdesk, ["ExoDesk.Helpdesk"]);
    const approver = await portal.signIn(DEMO_USERS.approver, ["ExoDesk.Approver"]);
    const from = hoursFromNow(1);
    const { coverId } = await submitAs(helpdesk, coverOf({ from, to: hoursFromNow(3) }, { accessRights: null, delegate: false }));
    const grant = (await partsOf(coverId)).find((p) => p.action === "full-access.grant")!;
    // Nobody else may.
    await expect(portal.cancel({ user: approver, actor: actorOf(approver), requestId: grant.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await portal.cancel({ user: helpdesk, actor: actorOf(helpdesk), requestId: grant.id });
    expect(await portal.db.request.findUniqueOrThrow({ where: { id: grant.id } })).toMatchObject({ status: "CANCELLED" });
    expect((await eventsOf(grant.id)).at(-1)).toMatchObject({ type: "request.cancelled", actorUpn: helpdesk.upn });
    await moveEmulatorClock(HOUR + 60_000);
    expect(await portal.runDueChanges(undefined, new Date(from.getTime() + 60_000))).toEqual({ ran: 0, handedOver: 0 });
    expect(await fullAccessOf()).toBeNull();
  });

  it("refuses every bad input with a field error before anything is created or sent", async () => {
    const helpdesk = await portal.signIn(DEMO_USERS.helpdesk, ["ExoDesk.Helpdesk"]);
    const from = hoursFromNow(1);
    const to = hoursFromNow(3);
    await h.control("DELETE", "calls");
    const covers = await portal.db.absenceCover.count();
    const requests = await portal.db.request.count();
    const refused = async (cover: TCoverInput) => (await submitAs(helpdesk, cover).then(() => null, (e: { fieldErrors?: Record<string, string[]> }) => e.fieldErrors)) ?? {};

    expect(await refused(coverOf({ from: to, to: from }))).toMatchObject({ endTime: ["The end must be after the start."] });
    expect(await refused(coverOf({ from: hoursFromNow(-3), to: hoursFromNow(-1) }))).toMatchObject({ endTime: ["The end is in the past. Choose a later end."] });
    expect(await refused(coverOf({ from, to }, { startTime: null, endTime: null }))).toMatchObject({ startTime: ["Choose when the replies start."], endTime: ["Choose when the replies end."] });
    expect(await refused(coverOf({ from, to }, { internalMessage: "<p> </p>" }))).toMatchObject({ internalMessage: ["Write the reply people inside the organisation get."] });
    expect(await refused(coverOf({ from, to }, { internalMessage: "<p>Ask {{coverName}}.</p>" }))).toHaveProperty("internalMessage");
    expect(await refused(coverOf({ from, to }, { trustee: "" }))).toHaveProperty("trustee");
    expect(await refused(coverOf({ from, to }, { accessRights: "Reviewer", delegate: true }))).toMatchObject({ delegate: ["Only an Editor can be a calendar delegate. Choose Editor or clear Delegate."] });
    // A name Exchange does not know; the person away, by their address and by their alias.
    expect(await refused(coverOf({ from, to }, { trustee: "nobody.here@contoso.onmicrosoft.com" }))).toMatchObject({ trustee: [expect.stringContaining("No one in the directory matches")] });
    expect(await refused(coverOf({ from, to }, { trustee: MAILBOX }))).toMatchObject({ trustee: ["A mailbox cannot be its own delegate. Choose another person."] });
    expect(await refused(coverOf({ from, to }, { trustee: "megan.bowen" }))).toMatchObject({ trustee: ["The colleague who covers must be someone other than the person who is away."] });

    expect(await portal.db.absenceCover.count()).toBe(covers);
    expect(await portal.db.request.count()).toBe(requests);
    const changes = (await h.control<{ calls: { cmdlet: string }[] }>("GET", "calls")).calls.filter((c) => !c.cmdlet.startsWith("Get-"));
    expect(changes).toEqual([]);
  });
});
