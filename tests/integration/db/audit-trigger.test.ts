// The audit table is append-only in the database itself (migration
// audit_append_only).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "./test-db";
import { expectAuditEventsAppendOnly } from "./helpers";

describe("AuditEvent is append-only", { timeout: 60_000 }, () => {
  let testDb: TestDb;
  beforeAll(async () => {
    testDb = await createTestDb();
  }, 120_000);
  afterAll(async () => {
    await testDb?.close();
  });

  it("refuses UPDATE, DELETE and TRUNCATE with a clear message, and keeps accepting INSERT", async () => {
    await expectAuditEventsAppendOnly(testDb.db);
  });

  it("gives every createTestDb() call its own fresh database", async () => {
    const other = await createTestDb();
    try {
      expect(await testDb.db.auditEvent.count()).toBeGreaterThan(0);
      expect(await other.db.auditEvent.count()).toBe(0);
    } finally {
      await other.close();
    }
  });
});
