// Acceptance: the database refuses to change or remove audit events, and a change made anyway
// (by someone able to switch the append-only trigger off) is found both by verifyAuditChain and
// by `npm run audit:verify`, which name the first broken event.
import { afterEach, describe, expect, it } from "vitest";
import { hashAuditRow } from "@/lib/audit/audit-row";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createTestDb, type TestDb } from "../db/test-db";
import { runAuditVerify, tamperWithTriggersOff, writeSampleEvents } from "./support/audit-fixtures";

// Read in one batch and hashed in this thread (a short chain), and in batches of two hashed in
// worker threads (as a long chain is), the chain must name the same first broken event.
async function verifyBothWays(db: PrismaClient) {
  const report = await verifyAuditChain(db);
  expect(await verifyAuditChain(db, 2, { threads: 2 })).toEqual(report);
  return report;
}

describe("audit tamper evidence", { timeout: 60_000 }, () => {
  let current: TestDb | undefined;
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  const fresh = async () => (current = await createTestDb());

  it("refuses UPDATE, DELETE and TRUNCATE of written events, leaving them untouched", async () => {
    const { db } = await fresh();
    const rows = await writeSampleEvents(db);
    const seq = rows[2]!.seq;
    await expect(db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "actorUpn" = 'mallory@contoso.example' WHERE "seq" = ${seq}`))
      .rejects.toThrow(/audit events are append-only: UPDATE on "AuditEvent" is not allowed/);
    await expect(db.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "seq" = ${seq}`))
      .rejects.toThrow(/audit events are append-only: DELETE on "AuditEvent" is not allowed/);
    await expect(db.$executeRawUnsafe('TRUNCATE "AuditEvent"'))
      .rejects.toThrow(/audit events are append-only: TRUNCATE on "AuditEvent" is not allowed/);
    expect(await db.auditEvent.findMany({ orderBy: { seq: "asc" } })).toEqual(rows);
    expect(await verifyBothWays(db)).toEqual({ ok: true, events: rows.length, head: rows.at(-1)!.hash });
  });

  it("accepts an intact chain: the CLI exits 0 and prints the head hash", async () => {
    const scenario = await fresh();
    const rows = await writeSampleEvents(scenario.db);
    const run = await runAuditVerify({ DATABASE_URL: scenario.url });
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain(`Audit chain intact: ${rows.length} events`);
    expect(run.stdout).toContain(`head ${rows.at(-1)!.hash}.`);
    expect(run.code).toBe(0);
  });

  // rows[2] is request.approved: data {comment}, actor Megan; rows[3] is execution.started
  // written by the system (no actor).
  it.each([
    ["a JSON field", 2, `"data" = jsonb_set("data", '{comment}', '"rubber-stamped"')`],
    ["the actor's UPN", 2, `"actorUpn" = 'mallory@contoso.example'`],
    ["an actor put on a system event", 3, `"actorUpn" = 'mallory@contoso.example', "actorName" = 'Mallory'`],
  ])("names exactly the altered middle event when %s is changed", async (_, index, assignment) => {
    const scenario = await fresh();
    const { db } = scenario;
    const rows = await writeSampleEvents(db);
    const victim = rows[index]!;
    await tamperWithTriggersOff(db, `UPDATE "AuditEvent" SET ${assignment} WHERE "seq" = ${victim.seq}`);
    expect(await db.auditEvent.findUniqueOrThrow({ where: { seq: victim.seq } })).not.toEqual(victim);

    expect(await verifyBothWays(db)).toEqual({
      ok: false,
      events: index,
      broken: { seq: victim.seq, id: victim.id, reason: expect.stringContaining("altered") },
    });
    // The trigger is on again after the tampering transaction.
    await expect(db.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "seq" = ${victim.seq}`)).rejects.toThrow(/append-only/);

    const run = await runAuditVerify({ DATABASE_URL: scenario.url });
    expect(run.stderr).toContain(`Audit chain BROKEN at event #${victim.seq} (id ${victim.id})`);
    expect(run.stderr).toContain(`${index} events before it verified`);
    expect(run.code).toBe(1);
  });

  it("names the event after the gap when a middle event is deleted", async () => {
    const scenario = await fresh();
    const rows = await writeSampleEvents(scenario.db);
    const [deleted, next] = [rows[3]!, rows[4]!];
    await tamperWithTriggersOff(scenario.db, `DELETE FROM "AuditEvent" WHERE "seq" = ${deleted.seq}`);

    expect(await verifyBothWays(scenario.db)).toEqual({
      ok: false,
      events: 3,
      broken: { seq: next.seq, id: next.id, reason: expect.stringContaining("link to the previous event") },
    });

    const run = await runAuditVerify({ DATABASE_URL: scenario.url });
    expect(run.stderr).toContain(`Audit chain BROKEN at event #${next.seq} (id ${next.id})`);
    expect(run.stderr).not.toContain(deleted.id);
    expect(run.code).toBe(1);
  });

  it("catches a forger who also recomputes the altered event's hash, at the next event", async () => {
    const { db } = await fresh();
    const rows = await writeSampleEvents(db);
    const victim = rows[2]!;
    const forgedData = { comment: "rubber-stamped" };
    const forgedHash = hashAuditRow({ ...victim, data: forgedData });
    await tamperWithTriggersOff(
      db,
      `UPDATE "AuditEvent" SET "data" = '${JSON.stringify(forgedData)}'::jsonb, "hash" = '${forgedHash}' WHERE "seq" = ${victim.seq}`,
    );
    expect(await verifyBothWays(db)).toMatchObject({ ok: false, events: 3, broken: { seq: rows[3]!.seq, id: rows[3]!.id } });
  });
});
