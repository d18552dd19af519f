import { afterEach, describe, expect, it } from "vitest";
import { loadBulk } from "@/lib/bulk/load-bulk";
import { retryFailedItems } from "@/lib/bulk/retry-bulk-items";
import { runBulk } from "@/lib/bulk/run-bulk";
import { submitBulk } from "@/lib/bulk/submit-bulk";
import { getDb } from "@/lib/db/client";
import { addProtectedTarget, removeProtectedTarget } from "@/lib/policy/change-policy";
import { approveRequest } from "@/lib/requests/approve-request";
import { listAwaitingDecision } from "@/lib/requests/list-approvals";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { DEMO_USERS } from "../../emulator/index";
import { actorOf, person } from "../support/people";
import { admin, exchangeFor, h, helpdesk, useBulkHarness } from "./bulk-harness";

// "Retry the failed mailboxes" meets the policy like a new submission (issue 13, point 2):
// the emulator's call log says whose token every change to a mailbox was sent with.
useBulkHarness();
const approver = person(DEMO_USERS.approver, ["ExoDesk.Approver"]);
const MESSAGE = { autoReplyState: "Enabled", startTime: null, endTime: null, internalMessage: "<p>Office closed.</p>", externalMessage: "<p>Closed.</p>", externalAudience: "All" };
const SET = "Set-MailboxAutoReplyConfiguration";

type TCall = { upn: string; cmdlet: string | null; parameters: Record<string, unknown> | null; changed: boolean };
// Who changed which mailbox, as Exchange saw it: "mailbox by upn".
async function changesMade(): Promise<string[]> {
  const { calls } = await h.control<{ calls: TCall[] }>("GET", "calls");
  return calls.filter((c) => c.cmdlet === SET && c.changed).map((c) => `${String(c.parameters?.Identity).toLowerCase()} by ${c.upn.toLowerCase()}`);
}
async function setsSent(): Promise<string[]> {
  const { calls } = await h.control<{ calls: TCall[] }>("GET", "calls");
  return calls.filter((c) => c.cmdlet === SET).map((c) => `${String(c.parameters?.Identity).toLowerCase()} by ${c.upn.toLowerCase()}`);
}

async function protect(address: string): Promise<string> {
  await addProtectedTarget(admin, actorOf(admin), { kind: "MAILBOX", value: address });
  return (await getDb().protectedTarget.findFirstOrThrow({ where: { kind: "MAILBOX", value: address } })).id;
}

// Every Set refused by Exchange (503) until the faults are cleared: each item that runs fails.
const failEverySet = () => h.control("POST", "faults", { kind: "server-error", status: 503, count: 1000, cmdlet: SET });
const stopFailing = () => h.control("DELETE", "faults");

// What the bulk's owner was told of its end (lib/requests/notify-request.ts), oldest first.
async function toldOwner(bulkId: string): Promise<string[]> {
  const told = await getDb().notification.findMany({ where: { event: "bulk.finished", link: `/bulk/${bulkId}`, recipientOid: helpdesk.oid }, orderBy: { createdAt: "asc" } });
  return told.map((n) => n.text);
}

afterEach(async () => {
  await getDb().protectedTarget.deleteMany({});
});

describe("retrying a bulk change's failed mailboxes", () => {
  it("sends a mailbox protected since the run to an approver, who runs it with their own token; the others run as the requester", { timeout: 60_000 }, async () => {
    const { mailboxes } = await h.control<{ mailboxes: string[] }>("POST", "seed-mailboxes", { count: 2 });
    const [guarded, plain] = mailboxes.map((m) => m.toLowerCase()).sort() as [string, string];
    await failEverySet();
    const { bulkId } = await submitBulk({ user: helpdesk, actor: actorOf(helpdesk), ex: await exchangeFor(helpdesk), targets: [guarded, plain].map((input, i) => ({ line: i + 1, input })), rawParams: MESSAGE });
    await runBulk(bulkId, { exchangeFor, concurrency: 1 });
    expect((await loadBulk(helpdesk, bulkId)).counts).toMatchObject({ failed: 2 });
    // Its owner hears once, when the last mailbox has ended.
    expect(await toldOwner(bulkId)).toEqual([`Your bulk change (Set automatic replies on 2 mailboxes) has finished: 2 failed.`]);
    await stopFailing();
    await h.control("DELETE", "calls");

    await protect(guarded);
    expect(await retryFailedItems({ user: helpdesk, actor: actorOf(helpdesk), ex: await exchangeFor(helpdesk), bulkId })).toEqual({ queued: 1, pending: 1 });
    const view = await loadBulk(helpdesk, bulkId);
    const waiting = view.items.find((i) => i.address === guarded)!;
    expect(waiting).toMatchObject({ status: "PENDING_APPROVAL", attempt: 2, group: "remaining" });
    // In the approvals queue, with a reason the approver can read and a deadline.
    const queued = (await listAwaitingDecision(approver)).find((r) => r.id === waiting.requestId);
    expect(queued).toMatchObject({ bulkId, reason: expect.stringMatching(/attempt 1 failed/), expiresAt: expect.any(Date) });
    const submitted = await getDb().auditEvent.findFirstOrThrow({ where: { requestId: waiting.requestId, type: "request.submitted" } });
    expect(submitted).toMatchObject({ status: "PENDING_APPROVAL", data: expect.objectContaining({ needsApproval: true, attempt: 2, bulkId }) });

    // The runner takes only the mailbox that needs no approval, with the requester's token.
    expect(await runBulk(bulkId, { exchangeFor })).toMatchObject({ ran: 1 });
    expect(await setsSent()).toEqual([`${plain} by ${helpdesk.upn}`]);

    const outcome = await approveRequest({ approver, actor: actorOf(approver), ex: await exchangeFor(approver), requestId: waiting.requestId });
    expect(outcome).toMatchObject({ status: "SUCCEEDED" });
    expect(await changesMade()).toEqual([`${plain} by ${helpdesk.upn}`, `${guarded} by ${approver.upn}`]);
    expect(await getDb().request.findUniqueOrThrow({ where: { id: waiting.requestId } })).toMatchObject({ deciderUpn: approver.upn, executorUpn: approver.upn });
    expect((await loadBulk(helpdesk, bulkId)).counts).toMatchObject({ total: 2, done: 2, failed: 0 });
    expect((await verifyAuditChain(getDb())).ok).toBe(true);
    // The retry reopened the bulk change; its owner hears again once the retried mailboxes end.
    expect((await toldOwner(bulkId)).at(-1)).toBe(`Your bulk change (Set automatic replies on 2 mailboxes) has finished: 2 succeeded.`);
    expect(await toldOwner(bulkId)).toHaveLength(2);
  });

  it("asks again for an approved mailbox whose run failed, even when the policy would now let it run directly; the approval is never reused", { timeout: 60_000 }, async () => {
    const { mailboxes } = await h.control<{ mailboxes: string[] }>("POST", "seed-mailboxes", { count: 1 });
    const guarded = mailboxes[0]!.toLowerCase();
    const protection = await protect(guarded);
    const { bulkId, pending } = await submitBulk({
      user: helpdesk, actor: actorOf(helpdesk), ex: await exchangeFor(helpdesk), targets: [{ line: 1, input: guarded }], rawParams: MESSAGE, reason: "Office move",
    });
    expect(pending).toBe(1);
    const first = (await loadBulk(helpdesk, bulkId)).items[0]!;
    await failEverySet();
    expect(await approveRequest({ approver, actor: actorOf(approver), ex: await exchangeFor(approver), requestId: first.requestId })).toMatchObject({ status: "FAILED" });
    await stopFailing();
    await h.control("DELETE", "calls");

    // The protection is lifted: a new submission would run directly, but this attempt's
    // approval was spent on the run that failed.
    await removeProtectedTarget(admin, actorOf(admin), protection);
    expect(await retryFailedItems({ user: helpdesk, actor: actorOf(helpdesk), ex: await exchangeFor(helpdesk), bulkId })).toEqual({ queued: 0, pending: 1 });
    const retry = (await loadBulk(helpdesk, bulkId)).items[0]!;
    expect(retry).toMatchObject({ status: "PENDING_APPROVAL", attempt: 2 });
    expect(await getDb().request.findUniqueOrThrow({ where: { id: retry.requestId } })).toMatchObject({ reason: "Office move", deciderOid: null, executorOid: null });
    expect(await runBulk(bulkId, { exchangeFor })).toMatchObject({ ran: 0 });
    expect(await setsSent()).toEqual([]);

    expect(await approveRequest({ approver, actor: actorOf(approver), ex: await exchangeFor(approver), requestId: retry.requestId })).toMatchObject({ status: "SUCCEEDED" });
    expect(await changesMade()).toEqual([`${guarded} by ${approver.upn}`]);
    // Nothing ever reached this mailbox with the requester's token.
    expect((await setsSent()).filter((c) => c.endsWith(`by ${helpdesk.upn}`))).toEqual([]);
  });

  it("keeps mailboxes that never needed approval running directly with the requester's token", { timeout: 60_000 }, async () => {
    const { mailboxes } = await h.control<{ mailboxes: string[] }>("POST", "seed-mailboxes", { count: 1 });
    const address = mailboxes[0]!.toLowerCase();
    await failEverySet();
    const { bulkId } = await submitBulk({ user: helpdesk, actor: actorOf(helpdesk), ex: await exchangeFor(helpdesk), targets: [{ line: 1, input: address }], rawParams: MESSAGE });
    await runBulk(bulkId, { exchangeFor });
    await stopFailing();
    await h.control("DELETE", "calls");
    expect(await retryFailedItems({ user: helpdesk, actor: actorOf(helpdesk), ex: await exchangeFor(helpdesk), bulkId })).toEqual({ queued: 1, pending: 0 });
    await runBulk(bulkId, { exchangeFor });
    expect(await changesMade()).toEqual([`${address} by ${helpdesk.upn}`]);
  });
});
