import { beforeAll, describe, expect, it, vi } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { summariseEvent } from "@/lib/audit/describe-event";
import type { TSessionUser } from "@/lib/auth/session-user";
import { getDb } from "@/lib/db/client";
import { approveRequest } from "@/lib/requests/approve-request";
import { cancelRequest } from "@/lib/requests/cancel-request";
import { getVisibleRequest } from "@/lib/requests/list-requests";
import { rejectRequest } from "@/lib/requests/reject-request";
import { revertRequest } from "@/lib/requests/revert-request";
import { submitRequest } from "@/lib/requests/submit-request";
import { loadMyReport } from "@/lib/reports/load-report";
import { useMigratedEmbeddedDb } from "../support/embedded-db";
import { ADELE, scriptedExchange } from "../support/scripted-exchange";
import { actorOf, person, setApprovalRequired } from "../support/people";

// Refusals that depend on whose a request is (issue 13, point 3): each is an access.denied
// event naming what was tried and on which request, while the person gets the same answer
// as before. Pages call without an actor; theirs comes from the request being served.
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "user-agent": "refusals-test-page" }) }));

useMigratedEmbeddedDb();
beforeAll(() => setApprovalRequired(true, ["auto-reply.set"]));

const helpdesk = person("helpdesk@contoso.onmicrosoft.com", ["ExoDesk.Helpdesk"]);
const otherHelpdesk = person("helpdesk2@contoso.onmicrosoft.com", ["ExoDesk.Helpdesk"]);
const approver = person("approver@contoso.onmicrosoft.com", ["ExoDesk.Approver"]);
const otherApprover = person("approver2@contoso.onmicrosoft.com", ["ExoDesk.Approver"]);
const auditor = person("auditor@contoso.onmicrosoft.com", ["ExoDesk.Auditor"]);
const enable = { identity: ADELE, autoReplyState: "Enabled", startTime: null, endTime: null, internalMessage: "<p>Away</p>", externalMessage: "", externalAudience: "None" };

async function submitPending(requester: TSessionUser) {
  const { ex } = scriptedExchange({ set: "ok" });
  const result = await submitRequest({ user: requester, actor: actorOf(requester), ex, actionId: "auto-reply.set", rawParams: enable, reason: "Holiday cover" });
  return result.requestId;
}

// The refusals recorded since `seq` for this person, as the auditor reads them.
async function refusalsOf(user: TSessionUser, after: bigint) {
  const rows = await getDb().auditEvent.findMany({ where: { type: "access.denied", actorUpn: user.upn, seq: { gt: after } }, orderBy: { seq: "asc" } });
  return rows.map((r) => ({ requestId: r.requestId, targetMailbox: r.targetMailbox, data: r.data as Record<string, unknown>, summary: summariseEvent(r.type, r.data), userAgent: r.actorUserAgent }));
}
async function head(): Promise<bigint> {
  return (await getDb().auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } }))?.seq ?? 0n;
}

describe("refusals on someone else's request", () => {
  it("an approver deciding their own request is refused on the record, approving and rejecting alike", async () => {
    const id = await submitPending(approver);
    const since = await head();
    await expect(approveRequest({ approver, actor: actorOf(approver), ex: scriptedExchange({ set: "ok" }).ex, requestId: id })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "You cannot decide your own request; another approver must.",
    });
    await expect(rejectRequest({ approver, actor: actorOf(approver), requestId: id, reason: "no" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await refusalsOf(approver, since)).toEqual([
      expect.objectContaining({ requestId: id, targetMailbox: ADELE, data: expect.objectContaining({ attempted: "request.approve", because: expect.stringMatching(/own request/) }) }),
      expect.objectContaining({ requestId: id, targetMailbox: ADELE, data: expect.objectContaining({ attempted: "request.reject" }) }),
    ]);
    expect((await refusalsOf(approver, since))[0]!.summary).toBe("Tried request.approve: approvers cannot decide their own request");
    // Still pending: another approver decides it.
    expect(await getDb().request.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "PENDING_APPROVAL" });
  });

  it("another helpdesk person cancelling gets the answer for a missing request, and the attempt is recorded", async () => {
    const id = await submitPending(helpdesk);
    const since = await head();
    const missing = crypto.randomUUID();
    const asMissing = await cancelRequest({ user: otherHelpdesk, actor: actorOf(otherHelpdesk), requestId: missing }).catch((e: unknown) => e);
    await expect(cancelRequest({ user: otherHelpdesk, actor: actorOf(otherHelpdesk), requestId: id })).rejects.toEqual(asMissing);
    expect(await refusalsOf(otherHelpdesk, since)).toEqual([
      expect.objectContaining({ requestId: id, targetMailbox: ADELE, data: expect.objectContaining({ attempted: "request.cancel" }) }),
    ]);
    expect(await getDb().request.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "PENDING_APPROVAL" });
  });

  it("another helpdesk person reverting or opening the page of a request gets 'not found', and both are recorded", async () => {
    const id = await submitPending(helpdesk);
    await approveRequest({ approver: otherApprover, actor: actorOf(otherApprover), ex: scriptedExchange({ set: "ok" }).ex, requestId: id });
    expect(await getDb().request.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "SUCCEEDED" });
    const since = await head();
    const { ex, calls } = scriptedExchange({ set: "ok" });
    await expect(revertRequest({ user: otherHelpdesk, actor: actorOf(otherHelpdesk), ex, requestId: id, reason: "undo" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(calls).toEqual([]);
    // The request page as it calls it: no actor, so the one serving the page is recorded.
    expect(await getVisibleRequest(otherHelpdesk, id)).toBeNull();
    expect(await getVisibleRequest(otherHelpdesk, crypto.randomUUID())).toBeNull();
    expect(await refusalsOf(otherHelpdesk, since)).toEqual([
      expect.objectContaining({ requestId: id, data: expect.objectContaining({ attempted: "request.revert" }), userAgent: null }),
      expect.objectContaining({ requestId: id, targetMailbox: ADELE, data: expect.objectContaining({ attempted: "request.view" }), userAgent: "refusals-test-page" }),
    ]);
    // Those who asked, decided or executed it still open it, with nothing recorded.
    const before = await head();
    expect(await getVisibleRequest(helpdesk, id)).toMatchObject({ id });
    expect(await getVisibleRequest(otherApprover, id)).toMatchObject({ id });
    expect(await head()).toBe(before);
  });

  it("someone else's report is as missing as one that does not exist, and the attempt is recorded", async () => {
    const report = await getDb().mailboxReport.create({ data: { tenantId: "tid", requesterOid: helpdesk.oid, requesterUpn: helpdesk.upn, requesterName: helpdesk.name, status: "READY" } });
    const since = await head();
    const asMissing = await loadMyReport(getDb(), otherHelpdesk, crypto.randomUUID()).catch((e: unknown) => e);
    await expect(loadMyReport(getDb(), otherHelpdesk, report.id)).rejects.toEqual(asMissing);
    expect(await loadMyReport(getDb(), helpdesk, report.id)).toMatchObject({ id: report.id });
    expect(await refusalsOf(otherHelpdesk, since)).toEqual([expect.objectContaining({ requestId: null, data: expect.objectContaining({ attempted: "report.view", reportId: report.id }) })]);
  });

  it("role refusals inside the use cases are recorded too, and the chain holds", async () => {
    const id = await submitPending(helpdesk);
    const since = await head();
    await expect(approveRequest({ approver: auditor, actor: actorOf(auditor), ex: scriptedExchange({ set: "ok" }).ex, requestId: id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(revertRequest({ user: auditor, actor: actorOf(auditor), ex: scriptedExchange({ set: "ok" }).ex, requestId: id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await refusalsOf(auditor, since)).map((r) => r.data.attempted)).toEqual(["request.approve", "request.revert"]);
    expect((await verifyAuditChain(getDb())).ok).toBe(true);
  });
});
