import { beforeAll, describe, expect, it } from "vitest";
import { listCatalogue } from "@/lib/cmdlets/catalogue";
import type { TExchange } from "@/lib/exchange/create-exchange";
import { getDb } from "@/lib/db/client";
import { setActionPolicy } from "@/lib/policy/change-policy";
import { approveRequest } from "@/lib/requests/approve-request";
import { revertRequest } from "@/lib/requests/revert-request";
import { submitRequest } from "@/lib/requests/submit-request";
import { DEMO_USERS } from "../../emulator/index";
import { useHarness } from "../../emulator/test-support/harness";
import { useMigratedEmbeddedDb } from "../support/embedded-db";
import { exchangeAs, readMailbox } from "../support/emulator-exchange";
import { actorOf, person } from "../support/people";
import { MAILBOX, revertCases, TRUSTEE } from "../support/revert-cases";

// One-click revert, end to end: the real Exchange client against the emulator, the embedded
// database, and the emulator's own stored state as the judge of "as it was before".
useMigratedEmbeddedDb();
const h = useHarness();
const helpdesk = person(DEMO_USERS.helpdesk, ["ExoDesk.Helpdesk"]);
const approver = person(DEMO_USERS.approver, ["ExoDesk.Approver"]);
const auditor = person(DEMO_USERS.auditor, ["ExoDesk.Auditor"]);
const admin = person(DEMO_USERS.admin, ["ExoDesk.Admin"]);
const setApproval = (actionId: string, requiresApproval: boolean) => setActionPolicy(admin, actorOf(admin), { actionId, requiresApproval, pendingHours: 72 });

beforeAll(async () => {
  for (const action of listCatalogue()) await setApproval(action.id, false);
});

async function change(actionId: string, params: Record<string, unknown>, ex: TExchange, user = helpdesk, reason?: string, mailbox = MAILBOX) {
  return await submitRequest({ user, actor: actorOf(user), ex, actionId, rawParams: { identity: mailbox, ...params }, reason });
}

describe("reverting a change", () => {
  it.each(revertCases)("$name: the revert runs, is linked to the change, and the mailbox is as it was", async ({ mailbox = MAILBOX, actionId, params, setup, part }) => {
    const ex = await exchangeAs(h, helpdesk.upn);
    await setup?.(ex);
    const before = part(await readMailbox(h, mailbox));

    const original = await change(actionId, params, ex, helpdesk, undefined, mailbox);
    expect(original.outcome, JSON.stringify(original.outcome?.error)).toMatchObject({ status: "SUCCEEDED", verification: "VERIFIED" });
    expect(part(await readMailbox(h, mailbox))).not.toEqual(before);

    const revert = await revertRequest({ user: helpdesk, actor: actorOf(helpdesk), ex, requestId: original.requestId, reason: "Undo" });
    expect(revert.outcome, JSON.stringify(revert.outcome?.error)).toMatchObject({ status: "SUCCEEDED", verification: "VERIFIED" });
    const row = await getDb().request.findUniqueOrThrow({ where: { id: revert.requestId } });
    expect(row).toMatchObject({ status: "SUCCEEDED", verification: "VERIFIED", revertOfId: original.requestId, executorUpn: helpdesk.upn });
    const submitted = await getDb().auditEvent.findFirstOrThrow({ where: { requestId: revert.requestId, type: "request.submitted" } });
    expect(submitted.data).toMatchObject({ revertOf: original.requestId });

    expect(part(await readMailbox(h, mailbox))).toEqual(before);
  });

  it("is refused a second time: one live revert per change", async () => {
    const ex = await exchangeAs(h, helpdesk.upn);
    const original = await change("send-as.grant", { trustee: TRUSTEE }, ex);
    const first = await revertRequest({ user: helpdesk, actor: actorOf(helpdesk), ex, requestId: original.requestId });
    expect(first.outcome?.status).toBe("SUCCEEDED");
    const calls = ex.calls.length;
    await expect(revertRequest({ user: helpdesk, actor: actorOf(helpdesk), ex, requestId: original.requestId })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("already being reverted"),
    });
    // The trustee is resolved before the claim, so only reads may have happened.
    expect(ex.calls.slice(calls).filter((c) => !c.startsWith("Get-"))).toEqual([]);
    expect(await getDb().request.count({ where: { revertOfId: original.requestId } })).toBe(1);
  });

  it("creates exactly one revert when two are asked for at the same moment", async () => {
    const ex = await exchangeAs(h, helpdesk.upn);
    const before = (await readMailbox(h, MAILBOX)).grantSendOnBehalfTo;
    const original = await change("send-on-behalf.grant", { trustee: TRUSTEE }, ex);
    const both = await Promise.allSettled([0, 1].map(() => revertRequest({ user: helpdesk, actor: actorOf(helpdesk), ex, requestId: original.requestId })));
    expect(both.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((both.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT" });
    expect(await getDb().request.count({ where: { revertOfId: original.requestId } })).toBe(1);
    expect((await readMailbox(h, MAILBOX)).grantSendOnBehalfTo).toEqual(before);
  });

  it("is refused for a change that failed or still waits for approval, and to someone who cannot see the change", async () => {
    const scoped = person(DEMO_USERS.writeScopeHelpdesk, ["ExoDesk.Helpdesk"]);
    const scopedEx = await exchangeAs(h, scoped.upn);
    const failed = await change("send-as.grant", { trustee: TRUSTEE }, scopedEx, scoped);
    expect(failed.outcome).toMatchObject({ status: "FAILED", error: { kind: "out_of_scope" } });
    await expect(revertRequest({ user: scoped, actor: actorOf(scoped), ex: scopedEx, requestId: failed.requestId })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "Only a change that succeeded can be reverted.",
    });
    const done = await change("send-as.grant", { trustee: TRUSTEE }, await exchangeAs(h, helpdesk.upn));
    await expect(revertRequest({ user: scoped, actor: actorOf(scoped), ex: scopedEx, requestId: done.requestId })).rejects.toMatchObject({ code: "NOT_FOUND" });

    await setApproval("send-as.grant", true);
    try {
      const ex = await exchangeAs(h, helpdesk.upn);
      const pending = await change("send-as.grant", { trustee: TRUSTEE }, ex, helpdesk, "New assistant");
      expect(pending.pending).not.toBeNull();
      await expect(revertRequest({ user: helpdesk, actor: actorOf(helpdesk), ex, requestId: pending.requestId })).rejects.toMatchObject({ code: "CONFLICT" });
    } finally {
      await setApproval("send-as.grant", false);
    }
  });

  it("meets the approval policy: a revert whose action needs approval waits, then runs as the approver", async () => {
    const ex = await exchangeAs(h, helpdesk.upn);
    await ex.invoke("Add-MailboxPermission", { Identity: MAILBOX, User: TRUSTEE, AccessRights: ["FullAccess"], AutoMapping: true, InheritanceType: "All" });
    const before = (await readMailbox(h, MAILBOX)).mailboxPermissions;
    const original = await change("full-access.remove", { trustee: TRUSTEE }, ex);
    expect(original.outcome?.status).toBe("SUCCEEDED");
    const removed = (await readMailbox(h, MAILBOX)).mailboxPermissions;

    await setApproval("full-access.grant", true);
    try {
      // The inverse is a grant, which now needs a reason like any other grant.
      await expect(revertRequest({ user: helpdesk, actor: actorOf(helpdesk), ex, requestId: original.requestId })).rejects.toMatchObject({
        code: "INVALID_INPUT",
        fieldErrors: { reason: ["Say why this change is needed."] },
      });
      const revert = await revertRequest({ user: helpdesk, actor: actorOf(helpdesk), ex, requestId: original.requestId, reason: "Removed by mistake" });
      expect(revert.pending).toMatchObject({ because: "This kind of change needs approval." });
      expect(await getDb().request.findUniqueOrThrow({ where: { id: revert.requestId } })).toMatchObject({
        status: "PENDING_APPROVAL",
        action: "full-access.grant",
        revertOfId: original.requestId,
      });
      expect((await readMailbox(h, MAILBOX)).mailboxPermissions).toEqual(removed);

      const approverEx = await exchangeAs(h, approver.upn);
      const outcome = await approveRequest({ approver, actor: actorOf(approver), ex: approverEx, requestId: revert.requestId });
      expect(outcome).toMatchObject({ status: "SUCCEEDED", verification: "VERIFIED" });
      expect((await readMailbox(h, MAILBOX)).mailboxPermissions).toEqual(before);
    } finally {
      await setApproval("full-access.grant", false);
    }
  });

  it("is refused to an Auditor, as are submitting and approving; nothing reaches Exchange", async () => {
    const ex = await exchangeAs(h, helpdesk.upn);
    const original = await change("send-as.grant", { trustee: TRUSTEE }, ex);
    await setApproval("send-on-behalf.grant", true);
    const pending = await change("send-on-behalf.grant", { trustee: TRUSTEE }, ex, helpdesk, "Assistant");
    await setApproval("send-on-behalf.grant", false);
    const stateBefore = await readMailbox(h, MAILBOX);
    await h.control("DELETE", "calls");

    const auditorEx = await exchangeAs(h, auditor.upn);
    const as = { actor: actorOf(auditor), ex: auditorEx };
    const forbidden = { code: "FORBIDDEN", name: "AppError" };
    await expect(revertRequest({ user: auditor, ...as, requestId: original.requestId })).rejects.toMatchObject(forbidden);
    await expect(submitRequest({ user: auditor, ...as, actionId: "send-as.remove", rawParams: { identity: MAILBOX, trustee: TRUSTEE } })).rejects.toMatchObject(forbidden);
    await expect(approveRequest({ approver: auditor, ...as, requestId: pending.requestId })).rejects.toMatchObject(forbidden);

    expect(auditorEx.calls).toEqual([]);
    expect((await h.control<{ calls: unknown[] }>("GET", "calls")).calls).toEqual([]);
    expect(await readMailbox(h, MAILBOX)).toEqual(stateBefore);
    expect(await getDb().request.count({ where: { requesterOid: auditor.oid } })).toBe(0);
    expect((await getDb().request.findUniqueOrThrow({ where: { id: pending.requestId } })).status).toBe("PENDING_APPROVAL");
  });
});
