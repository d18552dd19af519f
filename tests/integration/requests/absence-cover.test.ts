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
// person's own token, the emulator's stored state as the judge. The end comes by moving the
// emulator's clock and calling the sweep with an explicit `now`, never by waiting.
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
    approve: (await import("@/lib/requests/approve-request")).approveRequest,
    runDueRemovals: (await import("@/lib/requests/run-due-removals")).runDueRemovals,
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

beforeAll(async () => {
  portal = await loadPortal();
});

beforeEach(async () => {
  for (const actionId of ["auto-reply.set", "full-access.grant", "full-access.remove", "calendar.set", "calendar.remove"]) await setPolicy(actionId, false);
  await portal.db.request.updateMany({ where: { status: { in: ["SCHEDULED", "NEEDS_SOMEONE"] } }, data: { status: "CANCELLED" } });
});

describe("an absence cover", () => {
  it("schedules the auto-reply and grants cover in one submission; at the end the auto-reply window is over by its own schedule and the grants are removed, all verified", async () => {
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

    // Three ordinary requests, each run with the submitter's token and verified by read-back.
    const parts = await partsOf(coverId);
    expect(parts.map((p) => [p.action, p.status, p.verification, p.executorUpn])).toEqual([
      ["auto-reply.set", "SUCCEEDED", "VERIFIED", helpdesk.upn],
      ["calendar.set", "SUCCEEDED", "VERIFIED", helpdesk.upn],
      ["full-access.grant", "SUCCEEDED", "VERIFIED", helpdesk.upn],
    ]);
    for (const part of parts) {
      const types = (await portal.db.auditEvent.findMany({ where: { requestId: part.id }, orderBy: { seq: "asc" } })).map((e) => [e.type, (e.data as { coverId?: string }).coverId]);
      expect(types[0]).toEqual(["request.submitted", coverId]);
      expect(types.map((t) => t[0])).toEqual(["request.submitted", "execution.started", "execution.finished"]);
    }
    // In Exchange: replies scheduled for the window, the colleague's rights.
    const stored = await readMailbox(h, MAILBOX);
    expect(stored.autoReply).toMatchObject({ autoReplyState: "Scheduled", externalAudience: "All" });
    expect(Date.parse(stored.autoReply.startTime)).toBe(from.getTime());
    expect(Date.parse(stored.autoReply.endTime)).toBe(to.getTime());
    expect(stored.autoReply.internalMessage).toContain("Christie Cline");
    expect(await fullAccessOf()).toMatchObject({ autoMapping: true });
    expect(await calendarEntryOf()).toMatchObject({ accessRights: ["Editor"], sharingPermissionFlags: "Delegate" });
    // Each grant's removal is scheduled for the end.
    const removals = await portal.db.request.findMany({ where: { removalOfId: { in: parts.map((p) => p.id) } }, orderBy: { action: "asc" } });
    expect(removals.map((r) => [r.action, r.status, r.dueAt])).toEqual([
      ["calendar.remove", "SCHEDULED", to],
      ["full-access.remove", "SCHEDULED", to],
    ]);

    // The cover's page shows each part with its state and its removal.
    const shown = await portal.loadCover(helpdesk, coverId);
    expect(shown!.parts.map((p) => [p.action, p.request?.status, p.removal?.status ?? null])).toEqual([
      ["auto-reply.set", "SUCCEEDED", null],
      ["full-access.grant", "SUCCEEDED", "SCHEDULED"],
      ["calendar.set", "SUCCEEDED", "SCHEDULED"],
    ]);

    // The end passes, for Exchange and for the portal's sweep.
    const { now: emulatorNow } = await moveEmulatorClock(3 * HOUR + 60_000);
    expect(await portal.runDueRemovals(undefined, new Date(to.getTime() + 60_000))).toEqual({ ran: 2, handedOver: 0 });
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
    expect(setCalls).toHaveLength(1);
    expect((await portal.loadCover(helpdesk, coverId))!.parts.map((p) => p.removal?.status ?? null)).toEqual([null, "SUCCEEDED", "SUCCEEDED"]);
    expect((await portal.verifyChain(portal.db)).ok).toBe(true);
  });

  it("a part the policy sends to an approver waits for one while the others run; approved, its removal is scheduled too", async () => {
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
      ["full-access.grant", "SUCCEEDED"],
    ]);
    expect(await calendarEntryOf()).toBeNull();
    const calendar = parts.find((p) => p.action === "calendar.set")!;
    const outcome = await portal.approve({ approver, actor: actorOf(approver), ex: await portal.exchangeFor(approver), requestId: calendar.id });
    expect(outcome).toMatchObject({ status: "SUCCEEDED", verification: "VERIFIED" });
    expect(await calendarEntryOf()).toMatchObject({ accessRights: ["Editor"] });
    expect(await portal.db.request.findFirstOrThrow({ where: { removalOfId: calendar.id } })).toMatchObject({ action: "calendar.remove", status: "SCHEDULED", dueAt: window.to });
    expect((await portal.loadCover(helpdesk, coverId))!.parts.map((p) => p.request?.status)).toEqual(["SUCCEEDED", "SUCCEEDED", "SUCCEEDED"]);
    // Only its requester sees the cover.
    expect(await portal.loadCover(approver, coverId, actorOf(approver))).toBeNull();
    expect(await portal.db.auditEvent.findFirstOrThrow({ where: { type: "access.denied", actorUpn: approver.upn }, orderBy: { seq: "desc" } })).toMatchObject({
      targetMailbox: MAILBOX,
      data: { attempted: "cover.view", because: "the absence cover is not theirs" },
    });
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
