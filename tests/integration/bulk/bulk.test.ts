import { describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { loadBulk } from "@/lib/bulk/load-bulk";
import { retryFailedItems, stopBulk } from "@/lib/bulk/retry-bulk-items";
import { runBulk } from "@/lib/bulk/run-bulk";
import { submitBulk, type TBulkTarget } from "@/lib/bulk/submit-bulk";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { DEMO_USERS, SEED_MAILBOXES } from "../../emulator/index";
import { readMailbox } from "../support/emulator-exchange";
import { actorOf, person } from "../support/people";
import { exchangeFor, exchangeOnRealClockFor, h, helpdesk, useBulkHarness } from "./bulk-harness";

// Bulk automatic replies end to end: the real Exchange client against the emulator, the
// process's own database, and the emulator's stored state as the judge.
useBulkHarness();
const auditor = person(DEMO_USERS.auditor, ["ExoDesk.Auditor"]);
const MESSAGE = { autoReplyState: "Enabled", startTime: null, endTime: null, internalMessage: "<p>Closed for the holiday.</p>", externalMessage: "<p>Closed.</p>", externalAudience: "All" };

async function seeded(count: number): Promise<string[]> {
  const { mailboxes } = await h.control<{ mailboxes: string[] }>("POST", "seed-mailboxes", { count });
  return mailboxes;
}
const targets = (addresses: string[]): TBulkTarget[] => addresses.map((input, i) => ({ line: i + 1, input }));

async function submit(addresses: string[], user = helpdesk, rawParams: Record<string, unknown> = MESSAGE) {
  return await submitBulk({ user, actor: actorOf(user), ex: await exchangeFor(user), targets: targets(addresses), rawParams });
}

describe("a bulk change of automatic replies", () => {
  it("a runner whose lease another instance took over leaves that instance's lease alone when it ends", async () => {
    const { bulkId } = await submit(await seeded(3));
    const takenOver = new Date(Date.now() + 3_600_000);
    let first = true;
    const run = await runBulk(bulkId, {
      concurrency: 1,
      exchangeFor: async (u) => {
        if (first) {
          first = false; // another instance takes the bulk over while this runner works
          await getDb().bulk.update({ where: { id: bulkId }, data: { runnerLeaseUntil: takenOver } });
        }
        return exchangeFor(u);
      },
    });
    expect(run.leased).toBe(true);
    expect((await getDb().bulk.findUniqueOrThrow({ where: { id: bulkId } })).runnerLeaseUntil).toEqual(takenOver);
  });

  it("runs every mailbox once, verified, each with its own audit trail, and the chain holds", async () => {
    const mailboxes = await seeded(40);
    const { bulkId, queued, pending } = await submit(mailboxes);
    expect({ queued, pending }).toEqual({ queued: 40, pending: 0 });

    expect(await runBulk(bulkId, { exchangeFor })).toMatchObject({ ran: 40, paused: null });
    const view = await loadBulk(helpdesk, bulkId);
    expect(view.counts).toMatchObject({ total: 40, done: 40, failed: 0, remaining: 0, verified: 40 });
    for (const address of mailboxes) {
      const { autoReply } = await readMailbox(h, address);
      expect(autoReply).toMatchObject({ autoReplyState: "Enabled", externalAudience: "All" });
      expect(autoReply.internalMessage).toContain(MESSAGE.internalMessage);
    }
    const sets = (await h.control<{ calls: { cmdlet: string }[] }>("GET", "calls")).calls.filter((c) => c.cmdlet === "Set-MailboxAutoReplyConfiguration");
    expect(sets).toHaveLength(40);

    const events = await getDb().auditEvent.groupBy({ by: ["type"], where: { requestId: { in: view.items.map((i) => i.requestId) } }, _count: true });
    expect(Object.fromEntries(events.map((e) => [e.type, e._count]))).toEqual({ "request.submitted": 40, "execution.started": 40, "execution.finished": 40 });
    expect((await verifyAuditChain(getDb())).ok).toBe(true);
    // A second run finds nothing left to do.
    expect(await runBulk(bulkId, { exchangeFor })).toMatchObject({ ran: 0 });
  });

  it("turning replies off for many mailboxes keeps each one's own messages and audience", async () => {
    const mailboxes = await seeded(3);
    expect(await runBulk((await submit(mailboxes)).bulkId, { exchangeFor })).toMatchObject({ ran: 3 });
    // What the bulk form posts for Off: no message, no audience (their fields are hidden).
    const off = { autoReplyState: "Disabled", startTime: null, endTime: null, internalMessage: null, externalMessage: null, externalAudience: null };
    const { bulkId } = await submit(mailboxes, helpdesk, off);
    expect(await runBulk(bulkId, { exchangeFor })).toMatchObject({ ran: 3 });
    expect((await loadBulk(helpdesk, bulkId)).counts).toMatchObject({ done: 3, verified: 3 });
    for (const address of mailboxes) {
      const { autoReply } = await readMailbox(h, address);
      expect(autoReply).toMatchObject({ autoReplyState: "Disabled", externalAudience: "All" });
      expect(autoReply.internalMessage).toContain(MESSAGE.internalMessage);
      expect(autoReply.externalMessage).toContain(MESSAGE.externalMessage);
    }
  });

  it("under Exchange's per-person throttling, every mailbox still ends verified, with the workers waiting their turn (real clock: the emulator's budget refills in real time)", { timeout: 120_000 }, async () => {
    const mailboxes = await seeded(30);
    const { bulkId } = await submit(mailboxes);
    await h.control("POST", "throttling", { concurrency: 2, ratePerSecond: 10, burst: 5 });
    try {
      await runBulk(bulkId, { exchangeFor: exchangeOnRealClockFor, concurrency: 4 });
    } finally {
      await h.control("DELETE", "throttling");
    }
    const view = await loadBulk(helpdesk, bulkId);
    expect(view.items.filter((i) => i.group !== "done").map((i) => `${i.address}: ${i.errorMessage}`)).toEqual([]);
    expect(view.counts).toMatchObject({ done: 30, verified: 30 });
  });

  it("refuses the whole list when a mailbox is unknown or the message is invalid, and writes nothing", async () => {
    const [first] = await seeded(1);
    const bulksBefore = await getDb().bulk.count();
    const requestsBefore = await getDb().request.count({ where: { targetMailbox: first } });
    await expect(submit([first!, "nobody@contoso.onmicrosoft.com"])).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("line 2") });
    await expect(submit([first!], helpdesk, { ...MESSAGE, internalMessage: "" })).rejects.toMatchObject({ fieldErrors: { internalMessage: expect.any(Array) } });
    await expect(submit([first!], auditor)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await getDb().bulk.count()).toBe(bulksBefore);
    expect(await getDb().request.count({ where: { targetMailbox: first } })).toBe(requestsBefore);
  });

  it("lets failed mailboxes be retried as new attempts, and a stop cancels only what has not started", { timeout: 120_000 }, async () => {
    const mailboxes = await seeded(6);
    // Exchange unavailable for every retry of the first two changes: nothing applied.
    await h.control("POST", "faults", { kind: "server-error", status: 503, count: 12, cmdlet: "Set-MailboxAutoReplyConfiguration" });
    const { bulkId } = await submit(mailboxes);
    await runBulk(bulkId, { exchangeFor, concurrency: 1 });
    let view = await loadBulk(helpdesk, bulkId);
    expect(view.counts).toMatchObject({ done: 4, failed: 2 });
    expect(view.items.filter((i) => i.group === "failed").every((i) => i.errorMessage)).toBe(true);

    expect(await retryFailedItems({ user: helpdesk, actor: actorOf(helpdesk), ex: await exchangeFor(helpdesk), bulkId })).toEqual({ queued: 2, pending: 0 });
    await expect(retryFailedItems({ user: helpdesk, actor: actorOf(helpdesk), ex: await exchangeFor(helpdesk), bulkId })).rejects.toBeInstanceOf(AppError);
    await runBulk(bulkId, { exchangeFor });
    view = await loadBulk(helpdesk, bulkId);
    expect(view.counts).toMatchObject({ total: 6, done: 6, failed: 0 });
    expect(view.items.filter((i) => i.attempt === 2)).toHaveLength(2);
    // Each mailbox was changed once: two refused attempts plus six that ran.
    const calls = (await h.control<{ calls: { cmdlet: string; changed: boolean }[] }>("GET", "calls")).calls;
    expect(calls.filter((c) => c.cmdlet === "Set-MailboxAutoReplyConfiguration" && c.changed)).toHaveLength(6);

    const more = await seeded(10);
    const second = await submit(more.slice(6));
    expect(await stopBulk({ user: helpdesk, actor: actorOf(helpdesk), bulkId: second.bulkId })).toBe(4);
    expect((await loadBulk(helpdesk, second.bulkId)).counts).toMatchObject({ "not-run": 4, remaining: 0 });
    expect(await runBulk(second.bulkId, { exchangeFor })).toMatchObject({ ran: 0 });
  });

  it("a helpdesk scoped to Sales can bulk-change Sales mailboxes only: others are refused before submission, and Exchange refuses what slips past", { timeout: 60_000 }, async () => {
    const scoped = person(DEMO_USERS.scopedHelpdesk, ["ExoDesk.Helpdesk"]);
    const before = await readMailbox(h, SEED_MAILBOXES.meganBowen);
    await expect(submit([SEED_MAILBOXES.adeleVance, SEED_MAILBOXES.meganBowen], scoped)).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: expect.stringContaining(`line 2: No mailbox "${SEED_MAILBOXES.meganBowen}" in the part of Exchange you can see.`),
    });
    const { bulkId } = await submit([SEED_MAILBOXES.adeleVance, SEED_MAILBOXES.salesShared], scoped);
    await runBulk(bulkId, { exchangeFor });
    expect((await loadBulk(scoped, bulkId)).counts).toMatchObject({ done: 2, verified: 2 });

    // A Marketing item that reached the queue anyway (written straight into the database) runs
    // with the scoped person's token, and Exchange answers as for a mailbox that does not exist.
    const row = await getDb().request.findFirstOrThrow({ where: { bulkId } });
    await getDb().request.create({ data: { ...row, id: crypto.randomUUID(), targetMailbox: SEED_MAILBOXES.meganBowen, parameters: { ...(row.parameters as object), identity: SEED_MAILBOXES.meganBowen }, status: "QUEUED", before: undefined, after: undefined, verification: null, executorOid: null, executorUpn: null, clientRequestId: null, startedAt: null, finishedAt: null, leaseUntil: null } });
    await runBulk(bulkId, { exchangeFor });
    const marketing = (await loadBulk(scoped, bulkId)).items.find((i) => i.address === SEED_MAILBOXES.meganBowen);
    expect(marketing).toMatchObject({ status: "FAILED", errorKind: "not_found" });
    expect(await readMailbox(h, SEED_MAILBOXES.meganBowen)).toEqual(before);
  });

  it("is the requester's own: another person gets the answer for a missing bulk, and each refusal is audited", async () => {
    const { bulkId } = await submit([SEED_MAILBOXES.adeleVance]);
    const other = person(DEMO_USERS.approver, ["ExoDesk.Approver"]);
    const missing = crypto.randomUUID();
    await expect(loadBulk(other, bulkId, actorOf(other))).rejects.toMatchObject({ code: "NOT_FOUND", message: "No bulk change with that id is yours to see." });
    await expect(loadBulk(other, missing, actorOf(other))).rejects.toMatchObject({ code: "NOT_FOUND", message: "No bulk change with that id is yours to see." });
    await expect(stopBulk({ user: other, actor: actorOf(other), bulkId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(retryFailedItems({ user: other, actor: actorOf(other), ex: await exchangeFor(other), bulkId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const denied = await getDb().auditEvent.findMany({ where: { type: "access.denied", actorUpn: other.upn }, orderBy: { seq: "asc" } });
    // Only the real bulk's refusals: an id that exists nowhere is simply missing.
    expect(denied.map((e) => e.data)).toEqual(
      ["bulk.view", "bulk.stop", "bulk.retry"].map((attempted) => expect.objectContaining({ attempted, bulkId, because: expect.any(String) })),
    );
    expect((await verifyAuditChain(getDb())).ok).toBe(true);
  });

  it("pauses, leaving items queued, when the requester's token cannot be had (or stops on an unexpected error), and carries on later", async () => {
    const mailboxes = await seeded(3);
    const { bulkId } = await submit(mailboxes);
    const refused = await runBulk(bulkId, { exchangeFor: () => Promise.reject(new AppError("REAUTH_REQUIRED")) });
    expect(refused.paused).toMatch(/sign in again/);
    expect((await loadBulk(helpdesk, bulkId)).counts).toMatchObject({ remaining: 3 });
    expect((await loadBulk(helpdesk, bulkId)).pausedReason).toMatch(/sign in again/);
    // An unexpected error stops every worker and frees the bulk for the next run.
    await expect(runBulk(bulkId, { exchangeFor: () => Promise.reject(new Error("database gone")) })).rejects.toThrow("database gone");
    expect(await getDb().bulk.findUniqueOrThrow({ where: { id: bulkId } })).toMatchObject({ runnerLeaseUntil: null });
    await runBulk(bulkId, { exchangeFor });
    const view = await loadBulk(helpdesk, bulkId);
    expect(view).toMatchObject({ pausedReason: null, counts: { done: 3 } });
  });
});
