import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../tests/integration/db/test-db";
import { REQUEST_STATUSES, type TRequestStatus } from "../workflow/request-status";
import { renderFamilies } from "./exposition";
import { parseExposition } from "./parse-exposition";
import { collectRequestGauges } from "./request-gauges";

// The grouped count against a real, migrated database.
let testDb: TestDb;

beforeAll(async () => {
  testDb = await createTestDb();
});

afterAll(async () => {
  await testDb?.close();
});

async function addRequest(action: string, status: TRequestStatus) {
  await testDb.db.request.create({
    data: {
      id: randomUUID(), tenantId: "t1", requesterOid: "oid", requesterUpn: "helpdesk@contoso.onmicrosoft.com", requesterName: "Helpdesk",
      action, targetMailbox: "adele.vance@contoso.onmicrosoft.com", parameters: {}, status,
    },
  });
}

describe("requests by state", () => {
  it("lists every state, 0 included, and the state and action pairs that occur", async () => {
    await addRequest("auto-reply.set", "SUCCEEDED");
    await addRequest("auto-reply.set", "SUCCEEDED");
    await addRequest("full-access.grant", "SUCCEEDED");
    await addRequest("full-access.grant", "PENDING_APPROVAL");
    await addRequest("send-as.grant", "FAILED");

    const { families, samples } = parseExposition(renderFamilies(await collectRequestGauges(testDb.db)));
    expect(families.map((f) => [f.name, f.type])).toEqual([["exodesk_requests", "gauge"], ["exodesk_requests_by_action", "gauge"]]);
    expect(families[0]!.help).toMatch(/every instance reports the same/);

    const byState = Object.fromEntries(samples.filter((s) => s.name === "exodesk_requests").map((s) => [s.labels.state, s.value]));
    expect(Object.keys(byState).sort()).toEqual([...REQUEST_STATUSES].sort());
    expect(byState).toMatchObject({ SUCCEEDED: 3, PENDING_APPROVAL: 1, FAILED: 1, EXECUTING: 0, EXPIRED: 0 });

    expect(samples.filter((s) => s.name === "exodesk_requests_by_action").map((s) => [s.labels.state, s.labels.action, s.value])).toEqual([
      ["FAILED", "send-as.grant", 1],
      ["PENDING_APPROVAL", "full-access.grant", 1],
      ["SUCCEEDED", "auto-reply.set", 2],
      ["SUCCEEDED", "full-access.grant", 1],
    ]);
  });
});
