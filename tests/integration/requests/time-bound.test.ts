import { randomBytes } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { TSessionUser } from "@/lib/auth/session-user";
import type { TExchange } from "@/lib/exchange/create-exchange";
import { DEMO_USERS, SEED_MAILBOXES } from "../../emulator/index";
import { useHarness } from "../../emulator/test-support/harness";
import { useMigratedEmbeddedDb } from "../support/embedded-db";
import { readMailbox } from "../support/emulator-exchange";
import { actorOf } from "../support/people";
import { loadSignedInPortal } from "../support/signed-in-portal";

// Time-bound access end to end: the real sign-in (MSAL redeems the code, the cache is stored
// encrypted in the database), the real Exchange client with each person's own token, the
// emulator's stored state as the judge, and the sweep called with an explicit `now` while the
// emulator's clock is moved past the end (no real waiting).
useMigratedEmbeddedDb();
const h = useHarness();

const MAILBOX = SEED_MAILBOXES.meganBowen; // Marketing: outside the Sales-scoped helpdesk's scope
const TRUSTEE = SEED_MAILBOXES.christieCline;
const HOUR = 3600_000;

type TPortal = Awaited<ReturnType<typeof loadPortal>>;
let portal: TPortal;

// Each load is an instance of its own (its own modules and database pool), sharing the token-cache key.
const TOKEN_CACHE_KEY = randomBytes(32).toString("base64");
async function loadPortal() {
  const base = await loadSignedInPortal(h, TOKEN_CACHE_KEY);
  return {
    ...base,
    submit: (await import("@/lib/requests/submit-request")).submitRequest,
    revert: (await import("@/lib/requests/revert-request")).revertRequest,
    AppError: (await import("@/lib/errors/app-error")).AppError,
    changeEnd: (await import("@/lib/requests/change-removal-end")).changeRemovalEnd,
    history: await import("@/lib/audit/query-history"),
    ends: (await import("@/lib/requests/list-removals")).listTimeBoundEnds,
    timeBoundLinks: (await import("@/lib/requests/list-removals")).getTimeBoundLinks,
    visible: (await import("@/lib/requests/list-requests")).getVisibleRequest,
  };
}

async function grantFullAccess(user: TSessionUser, until: Date) {
  const result = await portal.submit({
    user, actor: actorOf(user), ex: await portal.exchangeFor(user), actionId: "full-access.grant",
    rawParams: { identity: MAILBOX, trustee: TRUSTEE, autoMapping: false }, reason: "Cover while Megan is away", until,
    scheduleZone: "America/Los_Angeles", // Megan's, as the access page submits it
  });
  return result;
}

const hasFullAccess = async () => (await readMailbox(h, MAILBOX)).mailboxPermissions.some((p) => p.user.toLowerCase() === TRUSTEE && p.accessRights.includes("FullAccess"));
const removalOf = (grantId: string) => portal.db.request.findFirstOrThrow({ where: { removalOfId: grantId }, orderBy: { createdAt: "desc" } });
const eventsOf = async (id: string) => await portal.db.auditEvent.findMany({ where: { requestId: id }, orderBy: { seq: "asc" } });
const removeCalls = async () => (await h.control<{ calls: { cmdlet: string; upn: string }[] }>("GET", "calls")).calls.filter((c) => c.cmdlet === "Remove-MailboxPermission");
const moveEmulatorClock = (ms: number) => h.control("POST", "clock", { advanceSeconds: ms / 1000 });

beforeAll(async () => {
  portal = await loadPortal();
  for (const actionId of ["full-access.grant", "full-access.remove"]) {
    await portal.db.approvalPolicy.upsert({ where: { actionId }, create: { actionId, requiresApproval: false, updatedByUpn: "test" }, update: { requiresApproval: false } });
  }
});

beforeEach(async () => {
  // Removals earlier tests left waiting are not this test's.
  await portal.db.request.updateMany({ where: { status: { in: ["SCHEDULED", "NEEDS_SOMEONE"] } }, data: { status: "CANCELLED" } });
});

describe("a FullAccess grant until a time", () => {
  it("is removed once its end has passed, verified by read-back, as the person who ran the grant", async () => {
    const helpdesk = await portal.signIn(DEMO_USERS.helpdesk, ["ExoDesk.Helpdesk"]);
    const until = new Date(Date.now() + 2 * HOUR);
    const grant = await grantFullAccess(helpdesk, until);
    expect(grant.outcome).toMatchObject({ status: "SUCCEEDED", verification: "VERIFIED" });
    expect(await hasFullAccess()).toBe(true);

    // Scheduled with the grant: a request of the remove action, due at the end, linked to it,
    // in the grant's time zone (its time is worded in it).
    const scheduled = await removalOf(grant.requestId);
    expect(scheduled).toMatchObject({
      action: "full-access.remove", status: "SCHEDULED", dueAt: until, requesterUpn: helpdesk.upn, parameters: { identity: MAILBOX, trustee: TRUSTEE }, scheduleZone: "America/Los_Angeles",
    });
    expect((await eventsOf(scheduled.id)).map((e) => [e.type, e.data])).toEqual([
      ["request.submitted", expect.objectContaining({ action: "full-access.remove", removalOf: grant.requestId, dueAt: until.toISOString() })],
    ]);

    // A mailbox report finds the right's end by mailbox, kind and person.
    expect(await portal.ends(helpdesk, [MAILBOX])).toEqual({ [`${MAILBOX}|fullAccess|${TRUSTEE}`.toLowerCase()]: until.toISOString() });

    // Before the end, nothing runs.
    expect(await portal.runDueChanges(undefined, new Date(until.getTime() - 60_000))).toEqual({ ran: 0, handedOver: 0 });
    expect(await hasFullAccess()).toBe(true);

    // Past it (Exchange's clock too: the access token it was issued has expired, so the
    // executor's token is renewed silently from their cache).
    await moveEmulatorClock(2 * HOUR + 60_000);
    expect(await portal.runDueChanges(undefined, new Date(until.getTime() + 60_000))).toEqual({ ran: 1, handedOver: 0 });
    expect(await hasFullAccess()).toBe(false);
    const done = await portal.db.request.findUniqueOrThrow({ where: { id: scheduled.id } });
    expect(done).toMatchObject({ status: "SUCCEEDED", verification: "VERIFIED", executorUpn: helpdesk.upn, after: { fullAccess: false } });
    const events = await eventsOf(scheduled.id);
    expect(events.map((e) => e.type)).toEqual(["request.submitted", "execution.started", "execution.finished"]);
    expect(events[1]).toMatchObject({ actorUpn: helpdesk.upn, data: { removal: "scheduled, by its original executor" } });
    expect((await removeCalls()).map((c) => c.upn)).toEqual([helpdesk.upn]);
    // The auditor's history filtered to scheduled removals: this removal's events, not its grant's.
    const { rows } = await portal.history.queryHistory(portal.db, portal.history.ZHistoryQuery.parse({ only: "scheduled-removals", dir: "asc" }), { limit: 1000 });
    expect(rows.map((r) => [r.requestId, r.type])).toEqual([
      [scheduled.id, "request.submitted"],
      [scheduled.id, "execution.started"],
      [scheduled.id, "execution.finished"],
    ]);
    // Swept again: nothing more.
    expect(await portal.runDueChanges(undefined, new Date(until.getTime() + 120_000))).toEqual({ ran: 0, handedOver: 0 });
    expect((await portal.verifyChain(portal.db)).ok).toBe(true);
  });

  it("whose right is already gone ends calmly as already removed, verified", async () => {
    const helpdesk = await portal.signIn(DEMO_USERS.helpdesk, ["ExoDesk.Helpdesk"]);
    const until = new Date(Date.now() + HOUR);
    const grant = await grantFullAccess(helpdesk, until);
    // Someone removes it in Exchange itself, around ExoDesk.
    const ex = await portal.exchangeFor(helpdesk);
    await ex.invoke("Remove-MailboxPermission", { Identity: MAILBOX, User: TRUSTEE, AccessRights: ["FullAccess"], InheritanceType: "All", Confirm: false });
    expect(await portal.runDueChanges(undefined, new Date(until.getTime() + 1000))).toEqual({ ran: 1, handedOver: 0 });
    expect(await removalOf(grant.requestId)).toMatchObject({ status: "SUCCEEDED", verification: "VERIFIED", after: { fullAccess: false } });
  });
});

describe("when the grant's executor cannot run the removal", () => {
  it("it needs someone: the helpdesk hears of it, the Sales-scoped person is refused by Exchange and it stays due, another helpdesk person removes it with their own token", async () => {
    // Every silent call renews under MSAL's 300-second margin, so the revocation shows at once.
    await h.control("POST", "token-lifetime", { seconds: 60 });
    const approver = await portal.signIn(DEMO_USERS.approver, ["ExoDesk.Approver"]);
    const helpdesk = await portal.signIn(DEMO_USERS.helpdesk, ["ExoDesk.Helpdesk"]);
    const scoped = await portal.signIn(DEMO_USERS.scopedHelpdesk, ["ExoDesk.Helpdesk"]);
    const until = new Date(Date.now() + HOUR);
    const grant = await grantFullAccess(approver, until);
    expect(grant.outcome?.status).toBe("SUCCEEDED");
    const removal = await removalOf(grant.requestId);

    await h.control("POST", "revoke", { upn: DEMO_USERS.approver });
    expect(await portal.runDueChanges(undefined, new Date(until.getTime() + 1000))).toEqual({ ran: 0, handedOver: 1 });
    expect(await hasFullAccess()).toBe(true);
    const due = await portal.db.request.findUniqueOrThrow({ where: { id: removal.id } });
    expect(due).toMatchObject({ status: "NEEDS_SOMEONE", executorUpn: approver.upn, errorKind: "reauth_required" });
    expect(due.errorMessage).toContain(`The sign-in of ${approver.upn} could not be renewed`);
    const handedOver = (await eventsOf(removal.id)).at(-1)!;
    expect(handedOver).toMatchObject({ type: "removal.needs-someone", status: "NEEDS_SOMEONE", data: { executorUpn: approver.upn } });
    // Every helpdesk person is told (in the app; e-mail follows the admin's switches).
    const told = await portal.db.notification.findMany({ where: { requestId: removal.id, event: "removal.needs-someone" } });
    expect(told.map((n) => n.recipientOid).sort()).toEqual([helpdesk.oid, scoped.oid].sort());
    // Every helpdesk person may open the removal (Due removals lists it), but not the approver's
    // grant: its page names the grant without a link that would say "not found".
    expect(await portal.visible(scoped, removal.id, { actor: actorOf(scoped) })).not.toBeNull();
    expect(await portal.visible(scoped, grant.requestId, { actor: actorOf(scoped) })).toBeNull();
    expect(await portal.timeBoundLinks(scoped, { id: removal.id, removalOfId: grant.requestId })).toMatchObject({ grantId: grant.requestId, grantVisible: false });
    expect(await portal.timeBoundLinks(approver, { id: grant.requestId, removalOfId: null })).toMatchObject({ removal: { id: removal.id } });
    // A later sweep leaves it to the people: it is no longer scheduled.
    expect(await portal.runDueChanges(undefined, new Date(until.getTime() + 60_000))).toEqual({ ran: 0, handedOver: 0 });

    // The Sales-scoped helpdesk: Exchange refuses them, and the removal stays due.
    const refused = await portal.runNow({ user: scoped, actor: actorOf(scoped), ex: await portal.exchangeFor(scoped), requestId: removal.id });
    expect(refused.status).toBe("NEEDS_SOMEONE");
    expect(refused.error?.kind).toMatch(/not_found|out_of_scope|rbac_denied/);
    expect(await portal.db.request.findUniqueOrThrow({ where: { id: removal.id } })).toMatchObject({ status: "NEEDS_SOMEONE", executorUpn: scoped.upn });
    expect(await hasFullAccess()).toBe(true);
    expect(await removeCalls()).toEqual([]);
    // Nobody is told again: the helpdesk already knows, and the person saw the refusal.
    expect(await portal.db.notification.count({ where: { requestId: removal.id, event: "removal.needs-someone" } })).toBe(2);

    // Another helpdesk person, with their own token.
    const removed = await portal.runNow({ user: helpdesk, actor: actorOf(helpdesk), ex: await portal.exchangeFor(helpdesk), requestId: removal.id });
    expect(removed).toMatchObject({ status: "SUCCEEDED", verification: "VERIFIED" });
    expect(await hasFullAccess()).toBe(false);
    expect((await removeCalls()).map((c) => c.upn)).toEqual([helpdesk.upn]);
    const started = (await eventsOf(removal.id)).filter((e) => e.type === "execution.started");
    expect(started.map((e) => [e.actorUpn, (e.data as { removal?: string }).removal])).toEqual([
      [scoped.upn, "by a helpdesk person after the original executor could not"],
      [helpdesk.upn, "by a helpdesk person after the original executor could not"],
    ]);
    // A second click finds nothing left to do.
    await expect(portal.runNow({ user: scoped, actor: actorOf(scoped), ex: await portal.exchangeFor(scoped), requestId: removal.id })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await portal.verifyChain(portal.db)).ok).toBe(true);
  });

  it("a removal ExoDesk cannot run as planned (its grant's executor unknown) is handed over, never left waiting", async () => {
    const id = crypto.randomUUID();
    await portal.db.request.create({
      data: {
        id, tenantId: h.em.tenantId, requesterOid: "o", requesterUpn: "someone@contoso.onmicrosoft.com", requesterName: "Someone", action: "full-access.remove",
        targetMailbox: MAILBOX, parameters: { identity: MAILBOX, trustee: TRUSTEE }, status: "SCHEDULED", removalOfId: crypto.randomUUID(), dueAt: new Date(Date.now() - 1000),
      },
    });
    expect(await portal.runDueChanges()).toEqual({ ran: 0, handedOver: 1 });
    expect(await portal.db.request.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "NEEDS_SOMEONE", errorMessage: "ExoDesk has no record of who ran the grant." });
  });
});

describe("a removal that does not take", () => {
  it("still shows the right when read back (drifted): it stays due, for the helpdesk", async () => {
    const helpdesk = await portal.signIn(DEMO_USERS.helpdesk, ["ExoDesk.Helpdesk"]);
    const until = new Date(Date.now() + HOUR);
    const grant = await grantFullAccess(helpdesk, until);
    // An Exchange that accepts the removal and keeps the right.
    const stubborn: TExchange = {
      async invoke(cmdlet) {
        const value = cmdlet === "Get-MailboxPermission" ? [{ User: TRUSTEE, AccessRights: ["FullAccess"], IsInherited: false, Deny: false }] : [];
        return { value, warnings: [], clientRequestId: "c" };
      },
    };
    expect(await portal.runDueChanges(async () => stubborn, new Date(until.getTime() + 1000))).toEqual({ ran: 0, handedOver: 1 });
    expect(await removalOf(grant.requestId)).toMatchObject({ status: "NEEDS_SOMEONE", errorMessage: "Exchange accepted the removal, but reading the mailbox back still shows the right." });
  });

  it("waits for the next sweep while Entra ID cannot be reached, then runs", async () => {
    const helpdesk = await portal.signIn(DEMO_USERS.helpdesk, ["ExoDesk.Helpdesk"]);
    const until = new Date(Date.now() + HOUR);
    const grant = await grantFullAccess(helpdesk, until);
    const now = new Date(until.getTime() + 1000);
    expect(await portal.runDueChanges(async () => { throw new portal.AppError("UNAVAILABLE"); }, now)).toEqual({ ran: 0, handedOver: 0 });
    expect((await removalOf(grant.requestId)).status).toBe("SCHEDULED");
    expect(await portal.runDueChanges(undefined, now)).toEqual({ ran: 1, handedOver: 0 });
    expect(await hasFullAccess()).toBe(false);
  });

  it("cannot be cancelled by itself, and a grant whose end passed while it waited for approval is not run", async () => {
    const helpdesk = await portal.signIn(DEMO_USERS.helpdesk, ["ExoDesk.Helpdesk"]);
    const grant = await grantFullAccess(helpdesk, new Date(Date.now() + HOUR));
    const removal = await removalOf(grant.requestId);
    await expect(portal.cancel({ user: helpdesk, actor: actorOf(helpdesk), requestId: removal.id })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await removalOf(grant.requestId)).status).toBe("SCHEDULED");

    await portal.db.approvalPolicy.update({ where: { actionId: "full-access.grant" }, data: { requiresApproval: true } });
    try {
      const pending = await portal.submit({
        user: helpdesk, actor: actorOf(helpdesk), ex: await portal.exchangeFor(helpdesk), actionId: "full-access.grant",
        rawParams: { identity: MAILBOX, trustee: SEED_MAILBOXES.yukiTanaka, autoMapping: false }, reason: "Cover", until: new Date(Date.now() + 60_000),
      });
      await portal.db.request.update({ where: { id: pending.requestId }, data: { until: new Date(Date.now() - 1000) } }); // the approver comes late
      const approver = await portal.signIn(DEMO_USERS.approver, ["ExoDesk.Approver"]);
      await expect(portal.approve({ approver, actor: actorOf(approver), ex: await portal.exchangeFor(approver), requestId: pending.requestId })).rejects.toMatchObject({ code: "CONFLICT" });
    } finally {
      await portal.db.approvalPolicy.update({ where: { actionId: "full-access.grant" }, data: { requiresApproval: false } });
    }
  });
});

describe("two portal instances on one database", () => {
  it("run a due removal exactly once", async () => {
    const helpdesk = await portal.signIn(DEMO_USERS.helpdesk, ["ExoDesk.Helpdesk"]);
    const until = new Date(Date.now() + HOUR);
    const grant = await grantFullAccess(helpdesk, until);
    await h.control("DELETE", "calls");
    const now = new Date(until.getTime() + 1000);
    // Two instances (each its own modules and database pool), their sweeps at once.
    const other = await loadPortal();
    const results = await Promise.all([portal.runDueChanges(undefined, now), other.runDueChanges(undefined, now)]);
    expect(results.map((r) => r.ran).sort()).toEqual([0, 1]);
    expect(await removeCalls()).toHaveLength(1);
    expect(await removalOf(grant.requestId)).toMatchObject({ status: "SUCCEEDED", verification: "VERIFIED" });
    expect((await eventsOf((await removalOf(grant.requestId)).id)).filter((e) => e.type === "execution.started")).toHaveLength(1);
  });
});

describe("the scheduled removal follows the right", () => {
  it("is cancelled by an early removal of the same right", async () => {
    const helpdesk = await portal.signIn(DEMO_USERS.helpdesk, ["ExoDesk.Helpdesk"]);
    const grant = await grantFullAccess(helpdesk, new Date(Date.now() + HOUR));
    const early = await portal.submit({ user: helpdesk, actor: actorOf(helpdesk), ex: await portal.exchangeFor(helpdesk), actionId: "full-access.remove", rawParams: { identity: MAILBOX, trustee: TRUSTEE } });
    expect(early.outcome?.status).toBe("SUCCEEDED");
    const removal = await removalOf(grant.requestId);
    expect(removal.status).toBe("CANCELLED");
    expect((await eventsOf(removal.id)).at(-1)).toMatchObject({ type: "removal.cancelled", actorUpn: helpdesk.upn, data: { because: "The right was removed before its end", by: early.requestId } });
    expect(await portal.runDueChanges(undefined, new Date(Date.now() + 2 * HOUR))).toEqual({ ran: 0, handedOver: 0 });
  });

  it("is cancelled by a revert of the grant", async () => {
    const helpdesk = await portal.signIn(DEMO_USERS.helpdesk, ["ExoDesk.Helpdesk"]);
    const grant = await grantFullAccess(helpdesk, new Date(Date.now() + HOUR));
    const revert = await portal.revert({ user: helpdesk, actor: actorOf(helpdesk), ex: await portal.exchangeFor(helpdesk), requestId: grant.requestId });
    expect(revert.outcome?.status).toBe("SUCCEEDED");
    const removal = await removalOf(grant.requestId);
    expect(removal.status).toBe("CANCELLED");
    expect((await eventsOf(removal.id)).at(-1)).toMatchObject({ type: "removal.cancelled", data: { because: "The grant was reverted", by: revert.requestId } });
    expect(await hasFullAccess()).toBe(false);
  });

  it("moves when the end changes, and a past end is refused", async () => {
    const helpdesk = await portal.signIn(DEMO_USERS.helpdesk, ["ExoDesk.Helpdesk"]);
    const until = new Date(Date.now() + HOUR);
    const grant = await grantFullAccess(helpdesk, until);
    const later = new Date(until.getTime() + 24 * HOUR);
    await portal.changeEnd({ user: helpdesk, actor: actorOf(helpdesk), grantId: grant.requestId, until: later });
    const removal = await removalOf(grant.requestId);
    expect(removal).toMatchObject({ status: "SCHEDULED", dueAt: later });
    expect(await portal.db.request.findUniqueOrThrow({ where: { id: grant.requestId } })).toMatchObject({ until: later });
    expect((await eventsOf(removal.id)).at(-1)).toMatchObject({ type: "removal.rescheduled", actorUpn: helpdesk.upn, data: { from: until.toISOString(), to: later.toISOString() } });
    // The old end passes: nothing runs; the new one: it does.
    expect(await portal.runDueChanges(undefined, new Date(until.getTime() + 1000))).toEqual({ ran: 0, handedOver: 0 });
    expect(await hasFullAccess()).toBe(true);
    await moveEmulatorClock(26 * HOUR);
    expect(await portal.runDueChanges(undefined, new Date(later.getTime() + 1000))).toEqual({ ran: 1, handedOver: 0 });
    expect(await hasFullAccess()).toBe(false);

    const again = await grantFullAccess(helpdesk, new Date(Date.now() + HOUR));
    await expect(portal.changeEnd({ user: helpdesk, actor: actorOf(helpdesk), grantId: again.requestId, until: new Date(Date.now() - 1000) })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { until: ["Choose an end in the future."] },
    });
  });

  it("an approved grant's end may come earlier, but a later end needs a new request", async () => {
    await portal.db.approvalPolicy.update({ where: { actionId: "full-access.grant" }, data: { requiresApproval: true } });
    try {
      const approver = await portal.signIn(DEMO_USERS.approver, ["ExoDesk.Approver"]);
      const helpdesk = await portal.signIn(DEMO_USERS.helpdesk, ["ExoDesk.Helpdesk"]);
      const until = new Date(Date.now() + 24 * HOUR);
      const asked = await portal.submit({ user: helpdesk, actor: actorOf(helpdesk), ex: await portal.exchangeFor(helpdesk), actionId: "full-access.grant", rawParams: { identity: MAILBOX, trustee: TRUSTEE, autoMapping: false }, reason: "Cover", until });
      await portal.approve({ approver, actor: actorOf(approver), ex: await portal.exchangeFor(approver), requestId: asked.requestId });
      await expect(portal.changeEnd({ user: helpdesk, actor: actorOf(helpdesk), grantId: asked.requestId, until: new Date(until.getTime() + 365 * 24 * HOUR) })).rejects.toMatchObject({
        code: "INVALID_INPUT",
        fieldErrors: { until: [expect.stringContaining("for a later end, ask for a new grant")] },
      });
      const sooner = new Date(until.getTime() - 12 * HOUR);
      await portal.changeEnd({ user: helpdesk, actor: actorOf(helpdesk), grantId: asked.requestId, until: sooner });
      expect(await removalOf(asked.requestId)).toMatchObject({ status: "SCHEDULED", dueAt: sooner });
    } finally {
      await portal.db.approvalPolicy.update({ where: { actionId: "full-access.grant" }, data: { requiresApproval: false } });
    }
  });

  it("an end in the past, or on a change that is not a grant, is refused before anything runs", async () => {
    const helpdesk = await portal.signIn(DEMO_USERS.helpdesk, ["ExoDesk.Helpdesk"]);
    await expect(grantFullAccess(helpdesk, new Date(Date.now() - 1000))).rejects.toMatchObject({ fieldErrors: { until: ["Choose an end in the future."] } });
    await expect(
      portal.submit({ user: helpdesk, actor: actorOf(helpdesk), ex: await portal.exchangeFor(helpdesk), actionId: "full-access.remove", rawParams: { identity: MAILBOX, trustee: TRUSTEE }, until: new Date(Date.now() + HOUR) }),
    ).rejects.toMatchObject({ fieldErrors: { until: ["Only a grant of a right can have an end."] } });
    // A start: only for a grant, in the future, before the end.
    const submitFrom = async (actionId: string, from: Date, until?: Date) =>
      await portal.submit({ user: helpdesk, actor: actorOf(helpdesk), ex: await portal.exchangeFor(helpdesk), actionId, rawParams: { identity: MAILBOX, trustee: TRUSTEE, autoMapping: false }, from, until });
    await expect(submitFrom("full-access.grant", new Date(Date.now() - 1000))).rejects.toMatchObject({ fieldErrors: { from: ["Choose a start in the future, or none to grant now."] } });
    await expect(submitFrom("full-access.grant", new Date(Date.now() + 2 * HOUR), new Date(Date.now() + HOUR))).rejects.toMatchObject({ fieldErrors: { from: ["The start must be before the end."] } });
    await expect(submitFrom("full-access.remove", new Date(Date.now() + HOUR))).rejects.toMatchObject({ fieldErrors: { from: ["Only a grant of a right can wait for a start."] } });
    expect(await hasFullAccess()).toBe(false);
  });
});
