import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import type { TSessionUser } from "@/lib/auth/session-user";
import type { TExchange } from "@/lib/exchange/create-exchange";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { ExchangeError } from "@/lib/exchange/errors";
import { markInterruptedExecutions, reconcileUnknownOutcomes } from "@/lib/requests/reconcile-requests";
import { submitRequest } from "@/lib/requests/submit-request";
import { useMigratedEmbeddedDb } from "../support/embedded-db";
import { ADELE, scriptedExchange } from "../support/scripted-exchange";

// Crash safety: a request a dead process left EXECUTING becomes OUTCOME_UNKNOWN and is then
// settled by reading the mailbox back, with the evidence in the audit log.
useMigratedEmbeddedDb();

const user: TSessionUser = { oid: "oid-r", tid: "tid-r", upn: "helpdesk@contoso.onmicrosoft.com", name: "Helpdesk Agent", roles: ["ExoDesk.Helpdesk"] };
const actor = { oid: user.oid, upn: user.upn, name: user.name, roles: user.roles, ip: null, userAgent: null };
const enable = { identity: ADELE, autoReplyState: "Enabled", startTime: null, endTime: null, internalMessage: "<p>Away</p>", externalMessage: "", externalAudience: "None" };

// What the write-ahead step leaves when the process dies right after it.
async function interruptedRequest(leaseUntil: Date) {
  const id = randomUUID();
  await getDb().request.create({
    data: {
      id, tenantId: user.tid, requesterOid: user.oid, requesterUpn: user.upn, requesterName: user.name,
      action: "auto-reply.set", targetMailbox: ADELE, parameters: enable, status: "EXECUTING",
      executorOid: user.oid, executorUpn: user.upn, clientRequestId: randomUUID(), startedAt: new Date(), leaseUntil,
    },
  });
  return id;
}

const statusOf = async (id: string) => (await getDb().request.findUniqueOrThrow({ where: { id } })).status;
const eventsOf = async (id: string) => (await getDb().auditEvent.findMany({ where: { requestId: id }, orderBy: { seq: "asc" } })).map((e) => e.type);

describe("requests interrupted by a crash", () => {
  it("marks executions past their lease as outcome unknown, and leaves running ones alone", async () => {
    const dead = await interruptedRequest(new Date(Date.now() - 1000));
    const running = await interruptedRequest(new Date(Date.now() + 60_000));
    await markInterruptedExecutions();
    expect(await statusOf(dead)).toBe("OUTCOME_UNKNOWN");
    expect(await statusOf(running)).toBe("EXECUTING");
    expect(await eventsOf(dead)).toEqual(["execution.interrupted"]);
    // Once its lease has run out (a sweep two minutes on), it is interrupted too…
    await markInterruptedExecutions(new Date(Date.now() + 120_000));
    expect(await statusOf(running)).toBe("OUTCOME_UNKNOWN");
    // …but, on the real clock, its mailbox is read only once the lease is over: a change in flight may still land.
    const early = await reconcileUnknownOutcomes(async () => scriptedExchange({}).ex);
    expect(await statusOf(running)).toBe("OUTCOME_UNKNOWN");
    expect(early.pending).toBe(0);
  });

  it("settles each unknown outcome by reading the mailbox back: in place → succeeded, not → failed", async () => {
    await reconcileUnknownOutcomes(async () => scriptedExchange({}).ex); // settle earlier tests' rows
    const applied = await interruptedRequest(new Date(0));
    const missing = await interruptedRequest(new Date(0));
    await markInterruptedExecutions();
    const exchanges = new Map<string, TExchange>();
    const mailboxWith = (state: "Enabled" | "Disabled"): TExchange => ({
      async invoke(cmdlet) {
        expect(cmdlet).toBe("Get-MailboxAutoReplyConfiguration"); // reads only, never a change
        return { value: [{ AutoReplyState: state, InternalMessage: "<p>Away</p>", ExternalMessage: "", ExternalAudience: "None" }], warnings: [], clientRequestId: "c" };
      },
    });
    exchanges.set(applied, mailboxWith("Enabled"));
    exchanges.set(missing, mailboxWith("Disabled"));
    let current = applied;
    const order = [applied, missing];
    const result = await reconcileUnknownOutcomes(async (u) => {
      expect(u).toMatchObject({ oid: user.oid, upn: user.upn, tid: user.tid }); // the executor's own token
      current = order.shift()!;
      return exchanges.get(current)!;
    });
    expect(result).toEqual({ settled: 2, pending: 0 });
    expect(await getDb().request.findUniqueOrThrow({ where: { id: applied } })).toMatchObject({ status: "SUCCEEDED", verification: "VERIFIED", after: { autoReplyState: "Enabled" } });
    expect(await getDb().request.findUniqueOrThrow({ where: { id: missing } })).toMatchObject({ status: "FAILED", errorKind: "not_applied" });
    const evidence = await getDb().auditEvent.findFirstOrThrow({ where: { requestId: missing, type: "request.reconciled" } });
    expect(evidence.data).toMatchObject({ status: "FAILED", readAs: user.upn, after: { autoReplyState: "Disabled" } });
    expect(await eventsOf(applied)).toEqual(["execution.interrupted", "request.reconciled"]);
    expect((await verifyAuditChain(getDb())).ok).toBe(true);
  });

  it("keeps an outcome unknown while the mailbox cannot be read, and settles it later", async () => {
    const id = await interruptedRequest(new Date(0));
    await markInterruptedExecutions();
    const signedOut = await reconcileUnknownOutcomes(async () => {
      throw new AppError("REAUTH_REQUIRED");
    });
    expect(signedOut.settled).toBe(0);
    const down = await reconcileUnknownOutcomes(async () => scriptedExchange({ before: new ExchangeError("transient", "down") }).ex);
    expect(down.settled).toBe(0);
    expect(await statusOf(id)).toBe("OUTCOME_UNKNOWN");
    await reconcileUnknownOutcomes(async () => scriptedExchange({}).ex);
    expect(await statusOf(id)).toBe("FAILED");
  });
});

describe("when the database cannot be written", () => {
  it("never calls Exchange to change anything", async () => {
    await getDb().$executeRawUnsafe(`CREATE FUNCTION refuse_writes() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$ LANGUAGE plpgsql`);
    await getDb().$executeRawUnsafe(`CREATE TRIGGER refuse_request_writes BEFORE INSERT ON "Request" FOR EACH ROW EXECUTE FUNCTION refuse_writes()`);
    try {
      const { ex, calls } = scriptedExchange({ set: "ok" });
      await expect(submitRequest({ user, actor, ex, actionId: "auto-reply.set", rawParams: enable })).rejects.toThrow();
      expect(calls.filter((c) => !c.startsWith("Get-"))).toEqual([]);
    } finally {
      await getDb().$executeRawUnsafe(`DROP TRIGGER refuse_request_writes ON "Request"`);
    }
  });
});
