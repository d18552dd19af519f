import { describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import type { TSessionUser } from "@/lib/auth/session-user";
import type { TExchange } from "@/lib/exchange/create-exchange";
import { getDb } from "@/lib/db/client";
import { ExchangeError } from "@/lib/exchange/errors";
import { submitRequest } from "@/lib/requests/submit-request";
import { useMigratedEmbeddedDb } from "../support/embedded-db";
import { ADELE, scriptedExchange } from "../support/scripted-exchange";

// The request flow on a real (embedded) database with a scripted Exchange: every way Exchange
// can answer a change ends in an honest state, with the audit written before Exchange is called.
const user: TSessionUser = { oid: "oid-1", tid: "tid-1", upn: "helpdesk@contoso.onmicrosoft.com", name: "Helpdesk Agent", roles: ["ExoDesk.Helpdesk"] };
const actor = { oid: user.oid, upn: user.upn, name: user.name, roles: user.roles, ip: "127.0.0.1", userAgent: "vitest" };

useMigratedEmbeddedDb();

const enable = { identity: ADELE, autoReplyState: "Enabled", startTime: null, endTime: null, internalMessage: "<p>Away</p>", externalMessage: "", externalAudience: "None" };

async function submit(ex: TExchange) {
  const { requestId, outcome } = await submitRequest({ user, actor, ex, actionId: "auto-reply.set", rawParams: enable });
  const request = await getDb().request.findUniqueOrThrow({ where: { id: requestId } });
  return { request, outcome };
}

describe("executing a change", () => {
  it("records the request and its audit events before Exchange is asked to change anything", async () => {
    let seenAtSet: { status?: string; events: string[] } | null = null;
    const { ex } = scriptedExchange({ set: "ok" });
    const spy: TExchange = {
      async invoke(cmdlet, parameters, options) {
        if (cmdlet === "Set-MailboxAutoReplyConfiguration") {
          const request = await getDb().request.findFirst({ where: { clientRequestId: options?.clientRequestId } });
          const events = await getDb().auditEvent.findMany({ where: { requestId: request?.id }, orderBy: { seq: "asc" } });
          seenAtSet = { status: request?.status, events: events.map((e) => e.type) };
        }
        return ex.invoke(cmdlet, parameters, options);
      },
    };
    const { request } = await submit(spy);
    expect(seenAtSet).toEqual({ status: "EXECUTING", events: ["request.submitted", "execution.started"] });
    expect(request).toMatchObject({ status: "SUCCEEDED", verification: "VERIFIED", executorUpn: user.upn });
    const events = await getDb().auditEvent.findMany({ where: { requestId: request.id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.type)).toEqual(["request.submitted", "execution.started", "execution.finished"]);
    expect(events[2]!.data).toMatchObject({ status: "SUCCEEDED", before: { autoReplyState: "Disabled" }, after: { autoReplyState: "Enabled" } });
  });

  it("reports drift when Exchange accepts the change but the mailbox shows something else", async () => {
    const { request } = await submit(scriptedExchange({ set: "ignore" }).ex);
    expect(request).toMatchObject({ status: "SUCCEEDED", verification: "DRIFTED" });
  });

  it("fails without a read-back when Exchange refuses (throttled, out of scope)", async () => {
    for (const kind of ["throttled", "out_of_scope"] as const) {
      const { ex, calls } = scriptedExchange({ set: new ExchangeError(kind, `refused: ${kind}`) });
      const { request } = await submit(ex);
      expect(request).toMatchObject({ status: "FAILED", errorKind: kind, errorMessage: `refused: ${kind}` });
      expect(calls.at(-1)).toBe("Set-MailboxAutoReplyConfiguration");
    }
  });

  it("reads the mailbox back after an unclear answer: applied → verified, not applied → failed", async () => {
    const applied = await submit(scriptedExchange({ set: new ExchangeError("unreadable", "garbled") }).ex);
    expect(applied.request).toMatchObject({ status: "SUCCEEDED", verification: "VERIFIED" });
    expect(applied.request.warnings.join(" ")).toContain("garbled");
    const lost = await submit(scriptedExchange({ set: new ExchangeError("transient", "Exchange is unavailable") }).ex);
    expect(lost.request).toMatchObject({ status: "FAILED", errorKind: "transient" });
  });

  it("says the outcome is unknown when the answer is unclear and the mailbox cannot be read back", async () => {
    const { request } = await submit(
      scriptedExchange({ set: new ExchangeError("unreadable", "garbled"), readsAfterSet: new ExchangeError("transient", "down") }).ex,
    );
    expect(request).toMatchObject({ status: "OUTCOME_UNKNOWN", errorKind: "unreadable" });
  });

  it("succeeds unverified when the change was accepted but the read-back failed", async () => {
    const { request } = await submit(scriptedExchange({ set: "ok", readsAfterSet: new ExchangeError("transient", "down") }).ex);
    expect(request).toMatchObject({ status: "SUCCEEDED", verification: null });
    expect(request.warnings.join(" ")).toContain("not verified");
  });

  it("fails before any change when the before-state cannot be read", async () => {
    const { ex, calls } = scriptedExchange({ before: new ExchangeError("rbac_denied", "Insufficient access rights to perform the operation.") });
    const { request } = await submit(ex);
    expect(request).toMatchObject({ status: "FAILED", errorKind: "rbac_denied" });
    expect(calls).not.toContain("Set-MailboxAutoReplyConfiguration");
  });

  it("refuses invalid input with field errors before Exchange is called", async () => {
    const { ex, calls } = scriptedExchange({ set: "ok" });
    await expect(submitRequest({ user, actor, ex, actionId: "auto-reply.set", rawParams: { ...enable, internalMessage: "" } })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { internalMessage: ["Write the reply people inside the organisation get."] },
    });
    expect(calls).toEqual([]);
  });

  it("refuses people without the Helpdesk role on the server", async () => {
    const { ex, calls } = scriptedExchange({ set: "ok" });
    await expect(submitRequest({ user: { ...user, roles: ["ExoDesk.Auditor"] }, actor, ex, actionId: "auto-reply.set", rawParams: enable })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(calls).toEqual([]);
  });

  it("keeps one unbroken hash chain across everything written, and names the first altered event", async () => {
    const report = await verifyAuditChain(getDb());
    expect(report).toMatchObject({ ok: true });
    expect(report.events).toBeGreaterThan(10);

    // An edit made with the append-only trigger switched off is still caught by the chain.
    const victim = await getDb().auditEvent.findFirstOrThrow({ where: { type: "execution.finished" }, orderBy: { seq: "asc" } });
    await getDb().$transaction([
      getDb().$executeRawUnsafe('ALTER TABLE "AuditEvent" DISABLE TRIGGER USER'),
      getDb().$executeRaw`UPDATE "AuditEvent" SET "data" = jsonb_set("data", '{status}', '"FAILED"') WHERE "id" = ${victim.id}::uuid`,
      getDb().$executeRawUnsafe('ALTER TABLE "AuditEvent" ENABLE TRIGGER USER'),
    ]);
    const broken = await verifyAuditChain(getDb(), 3);
    expect(broken).toMatchObject({ ok: false, broken: { id: victim.id, reason: expect.stringContaining("altered") } });
  });
});
