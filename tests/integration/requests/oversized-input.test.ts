import { describe, expect, it } from "vitest";
import { submitBulk } from "@/lib/bulk/submit-bulk";
import { parseBulkList } from "@/lib/bulk/parse-bulk-rows";
import { getDb } from "@/lib/db/client";
import { approveRequest } from "@/lib/requests/approve-request";
import { rejectRequest } from "@/lib/requests/reject-request";
import { submitRequest } from "@/lib/requests/submit-request";
import { useMigratedEmbeddedDb } from "../support/embedded-db";
import { ADELE, scriptedExchange } from "../support/scripted-exchange";
import { actorOf, person } from "../support/people";

// Posts that skip the browser's checks (a crafted server-action call): the use cases refuse
// over-long values themselves, before anything is stored, audited or sent to Exchange.
useMigratedEmbeddedDb();

const helpdesk = person("helpdesk@contoso.onmicrosoft.com", ["ExoDesk.Helpdesk"]);
const approver = person("approver@contoso.onmicrosoft.com", ["ExoDesk.Approver"]);
const enable = { identity: ADELE, autoReplyState: "Enabled", startTime: null, endTime: null, internalMessage: "<p>Away</p>", externalMessage: "", externalAudience: "None" };
const KB900 = "r".repeat(900_000);

async function counts() {
  const db = getDb();
  return { requests: await db.request.count(), events: await db.auditEvent.count() };
}

describe("over-long values posted directly", () => {
  it("a 900 KB reason is refused as a field error; nothing is stored or audited and Exchange is not called", async () => {
    const before = await counts();
    const { ex, calls } = scriptedExchange({ set: "ok" });
    await expect(submitRequest({ user: helpdesk, actor: actorOf(helpdesk), ex, actionId: "auto-reply.set", rawParams: enable, reason: KB900 })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { reason: ["Keep the reason under 500 characters."] },
    });
    expect(calls).toEqual([]);
    expect(await counts()).toEqual(before);
  });

  it("a 100,000-character identity never reaches Exchange", async () => {
    const { ex, calls } = scriptedExchange({ set: "ok" });
    await expect(
      submitRequest({ user: helpdesk, actor: actorOf(helpdesk), ex, actionId: "auto-reply.set", rawParams: { ...enable, identity: "x".repeat(100_000) } }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", fieldErrors: { identity: [expect.stringContaining("at most 320 characters")] } });
    await expect(
      submitRequest({ user: helpdesk, actor: actorOf(helpdesk), ex, actionId: "send-as.grant", rawParams: { identity: ADELE, trustee: "y".repeat(100_000) } }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", fieldErrors: { trustee: [expect.stringContaining("at most 320 characters")] } });
    expect(calls).toEqual([]);
  });

  it("a 1.2 MB message is refused with the 64 KB message, next to a too-long reason", async () => {
    const { ex, calls } = scriptedExchange({ set: "ok" });
    const rawParams = { ...enable, internalMessage: `<p>${"x".repeat(1_200_000)}</p>` };
    await expect(submitRequest({ user: helpdesk, actor: actorOf(helpdesk), ex, actionId: "auto-reply.set", rawParams, reason: KB900 })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { internalMessage: ["Keep the message under 64 KB."], reason: ["Keep the reason under 500 characters."] },
    });
    expect(calls).toEqual([]);
  });

  it("a schedule in the year 0099 is a field error, not a request for 1999", async () => {
    const { ex, calls } = scriptedExchange({ set: "ok" });
    const rawParams = { ...enable, autoReplyState: "Scheduled", startTime: "0099-06-01T09:00:00.000Z", endTime: "2099-06-01T09:00:00.000Z" };
    await expect(submitRequest({ user: helpdesk, actor: actorOf(helpdesk), ex, actionId: "auto-reply.set", rawParams })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { startTime: ["Choose a date between the years 2000 and 2099."] },
    });
    expect(calls).toEqual([]);
  });

  it("a bulk change with a 900 KB reason is refused before its mailboxes are looked up", async () => {
    const before = await counts();
    const { ex, calls } = scriptedExchange({ set: "ok" });
    await expect(
      submitBulk({ user: helpdesk, actor: actorOf(helpdesk), ex, targets: [{ line: 1, input: ADELE }], rawParams: { ...enable, identity: undefined }, reason: KB900 }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", fieldErrors: { reason: ["Keep the reason under 500 characters."] } });
    expect(calls).toEqual([]);
    expect(await counts()).toEqual(before);
  });

  it("a bulk list of 100,000 rows, or of binary, is refused with ExoDesk's message", () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => `${i.toString(36)}@c.io`).join("\n");
    expect(parseBulkList(rows).error).toMatch(/one bulk change takes at most 5000 mailboxes/);
    expect(parseBulkList("\u0000\uFFFD\uFFFD".repeat(1000)).error).toMatch(/not plain text/);
  });

  it("a 900 KB rejection reason or approval comment is refused and the request stays pending", async () => {
    await getDb().approvalPolicy.upsert({
      where: { actionId: "auto-reply.set" },
      create: { actionId: "auto-reply.set", requiresApproval: true, pendingHours: 72, updatedByUpn: "test" },
      update: { requiresApproval: true },
    });
    const { ex } = scriptedExchange({ set: "ok" });
    const { requestId } = await submitRequest({ user: helpdesk, actor: actorOf(helpdesk), ex, actionId: "auto-reply.set", rawParams: enable, reason: "Holiday cover" });
    await expect(rejectRequest({ approver, actor: actorOf(approver), requestId, reason: KB900 })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { reason: ["Keep the reason under 500 characters."] },
    });
    const approving = scriptedExchange({ set: "ok" });
    await expect(approveRequest({ approver, actor: actorOf(approver), ex: approving.ex, requestId, comment: KB900 })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { comment: ["Keep the comment under 500 characters."] },
    });
    expect(approving.calls).toEqual([]);
    expect((await getDb().request.findUniqueOrThrow({ where: { id: requestId } })).status).toBe("PENDING_APPROVAL");
  });
});
