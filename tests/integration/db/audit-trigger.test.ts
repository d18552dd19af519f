// The audit table is append-only in the database itself (migration
// audit_append_only).
import { describe, expect, it } from "vitest";
import { createTestDb, useTestDb } from "./test-db";
import { expectAuditEventsAppendOnly } from "./helpers";

describe("AuditEvent is append-only", { timeout: 60_000 }, () => {
  const testDb = useTestDb();

  it("refuses UPDATE, DELETE and TRUNCATE with a clear message, and keeps accepting INSERT", async () => {
    await expectAuditEventsAppendOnly(testDb().db);
  });

  it("gives every createTestDb() call its own fresh database", async () => {
    const other = await createTestDb();
    try {
      expect(await testDb().db.auditEvent.count()).toBeGreaterThan(0);
      expect(await other.db.auditEvent.count()).toBe(0);
    } finally {
      await other.close();
    }
  });
});
