import { beforeAll, describe, expect, it } from "vitest";
import type { TSessionUser } from "@/lib/auth/session-user";
import { getDb } from "@/lib/db/client";
import { ExchangeError } from "@/lib/exchange/errors";
import { approveRequest } from "@/lib/requests/approve-request";
import { cancelRequest } from "@/lib/requests/cancel-request";
import { rejectRequest } from "@/lib/requests/reject-request";
import { expireOverdueRequests } from "@/lib/requests/expire-requests";
import { submitRequest } from "@/lib/requests/submit-request";
import { useMigratedEmbeddedDb } from "../support/embedded-db";
import { ADELE, scriptedExchange } from "../support/scripted-exchange";
import { actorOf, person, setApprovalRequired } from "../support/people";

useMigratedEmbeddedDb();
// The scripted Exchange knows automatic replies; make them need approval here.
beforeAll(() => setApprovalRequired(true, ["auto-reply.set"]));

const helpdesk = person("helpdesk@contoso.onmicrosoft.com", ["ExoDesk.Helpdesk"]);
const approverA = person("approver@contoso.onmicrosoft.com", ["ExoDesk.Approver"]);
const approverB = person("approver2@contoso.onmicrosoft.com", ["ExoDesk.Approver"]);
const enable = { identity: ADELE, autoReplyState: "Enabled", startTime: null, endTime: null, internalMessage: "<p>Away</p>", externalMessage: "", externalAudience: "None" };

async function submitPending(requester = helpdesk) {
  const { ex, calls } = scriptedExchange({ set: "ok" });
  const result = await submitRequest({ user: requester, actor: actorOf(requester), ex, actionId: "auto-reply.set", rawParams: enable, reason: "Holiday cover" });
  expect(result.pending).not.toBeNull();
  expect(calls).not.toContain("Set-MailboxAutoReplyConfiguration");
  return result.requestId;
}

const approve = (approver: TSessionUser, requestId: string, ex = scriptedExchange({ set: "ok" }).ex) =>
  approveRequest({ approver, actor: actorOf(approver), ex, requestId, comment: "ok" });

describe("requests that need approval", () => {
  it("need a reason, wait without touching Exchange, and record who asked", async () => {
    const { ex } = scriptedExchange({ set: "ok" });
    await expect(submitRequest({ user: helpdesk, actor: actorOf(helpdesk), ex, actionId: "auto-reply.set", rawParams: enable })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { reason: ["Say why this change is needed."] },
    });
    const id = await submitPending();
    const request = await getDb().request.findUniqueOrThrow({ where: { id } });
    expect(request).toMatchObject({ status: "PENDING_APPROVAL", reason: "Holiday cover", executorUpn: null });
    expect(request.expiresAt!.getTime() - request.createdAt.getTime()).toBeCloseTo(72 * 3600_000, -4);
  });

  it("run at once when approved, as the approver, and the audit names both people", async () => {
    const id = await submitPending();
    const { ex, calls } = scriptedExchange({ set: "ok" });
    const outcome = await approve(approverA, id, ex);
    expect(outcome).toMatchObject({ status: "SUCCEEDED", verification: "VERIFIED" });
    expect(calls).toContain("Set-MailboxAutoReplyConfiguration");
    const request = await getDb().request.findUniqueOrThrow({ where: { id } });
    expect(request).toMatchObject({ requesterUpn: helpdesk.upn, deciderUpn: approverA.upn, executorUpn: approverA.upn, decisionComment: "ok" });
    const events = await getDb().auditEvent.findMany({ where: { requestId: id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => [e.type, e.actorUpn])).toEqual([
      ["request.submitted", helpdesk.upn],
      ["request.approved", approverA.upn],
      ["execution.started", approverA.upn],
      ["execution.finished", approverA.upn],
    ]);
  });

  it("cannot be approved by the requester, nor by someone without the Approver role", async () => {
    const own = await submitPending(person("approver@contoso.onmicrosoft.com", ["ExoDesk.Approver", "ExoDesk.Helpdesk"]));
    await expect(approve(approverA, own)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const id = await submitPending();
    await expect(approve(person("h2@contoso.onmicrosoft.com", ["ExoDesk.Helpdesk"]), id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await getDb().request.findUniqueOrThrow({ where: { id } })).status).toBe("PENDING_APPROVAL");
  });

  it("reach Exchange exactly once when two approvers approve at the same moment", async () => {
    const id = await submitPending();
    const a = scriptedExchange({ set: "ok" });
    const b = scriptedExchange({ set: "ok" });
    const results = await Promise.allSettled([approve(approverA, id, a.ex), approve(approverB, id, b.ex)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: "CONFLICT" });
    const sets = [...a.calls, ...b.calls].filter((c) => c === "Set-MailboxAutoReplyConfiguration");
    expect(sets).toHaveLength(1);
  });

  it("end FAILED with Exchange's reason when the approver's own roles do not cover the change; nothing is retried", async () => {
    const id = await submitPending();
    const { ex, calls } = scriptedExchange({ set: new ExchangeError("rbac_denied", "Insufficient access rights to perform the operation.") });
    const outcome = await approve(approverA, id, ex);
    expect(outcome).toMatchObject({ status: "FAILED", error: { kind: "rbac_denied" } });
    expect(calls.filter((c) => c === "Set-MailboxAutoReplyConfiguration")).toHaveLength(1);
    expect(await getDb().request.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "FAILED", errorMessage: "Insufficient access rights to perform the operation." });
  });

  it("need a reason to be rejected; rejected, cancelled and expired requests can never run", async () => {
    const rejected = await submitPending();
    await expect(rejectRequest({ approver: approverA, actor: actorOf(approverA), requestId: rejected, reason: "  " })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await rejectRequest({ approver: approverA, actor: actorOf(approverA), requestId: rejected, reason: "Not during the audit" });
    expect(await getDb().request.findUniqueOrThrow({ where: { id: rejected } })).toMatchObject({ status: "REJECTED", decisionComment: "Not during the audit" });

    const cancelled = await submitPending();
    await expect(cancelRequest({ user: approverA, actor: actorOf(approverA), requestId: cancelled })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await cancelRequest({ user: helpdesk, actor: actorOf(helpdesk), requestId: cancelled });

    const expired = await submitPending();
    await getDb().request.update({ where: { id: expired }, data: { expiresAt: new Date(Date.now() - 1000) } });

    for (const id of [rejected, cancelled, expired]) {
      const { ex, calls } = scriptedExchange({ set: "ok" });
      await expect(approve(approverB, id, ex)).rejects.toMatchObject({ code: "CONFLICT" });
      expect(calls).toEqual([]);
    }
    expect((await getDb().request.findUniqueOrThrow({ where: { id: expired } })).status).toBe("EXPIRED");
    await expect(cancelRequest({ user: helpdesk, actor: actorOf(helpdesk), requestId: rejected })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("are expired by the periodic sweep once past their limit", async () => {
    const id = await submitPending();
    await getDb().request.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await expireOverdueRequests()).toBeGreaterThanOrEqual(1);
    expect((await getDb().request.findUniqueOrThrow({ where: { id } })).status).toBe("EXPIRED");
    const events = await getDb().auditEvent.findMany({ where: { requestId: id, type: "request.expired" } });
    expect(events).toHaveLength(1);
  });
});
