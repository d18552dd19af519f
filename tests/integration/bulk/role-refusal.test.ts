import { describe, expect, it } from "vitest";
import { loadBulk } from "@/lib/bulk/load-bulk";
import { runBulk } from "@/lib/bulk/run-bulk";
import { submitBulk } from "@/lib/bulk/submit-bulk";
import { getDb } from "@/lib/db/client";
import { DEMO_USERS } from "../../emulator/index";
import { exchangeAs } from "../support/emulator-exchange";
import { actorOf } from "../support/people";
import { h, helpdesk, useBulkHarness } from "./bulk-harness";

// Issue 14 point 2: a bulk run whose requester lost the Exchange write role does not pause for
// a sign-in that cannot help: each item fails with the role refusal and the run ends.
useBulkHarness();
const MESSAGE = { autoReplyState: "Enabled", startTime: null, endTime: null, internalMessage: "<p>Closed.</p>", externalMessage: "", externalAudience: "None" };

describe("a bulk run refused by Exchange roles", () => {
  it.each(["unauthorized", "forbidden"] as const)("%s form: every item FAILED with the role refusal, the run not paused", async (form) => {
    const { mailboxes } = await h.control<{ mailboxes: string[] }>("POST", "seed-mailboxes", { count: 3 });
    const { bulkId } = await submitBulk({
      user: helpdesk,
      actor: actorOf(helpdesk),
      ex: await exchangeAs(h, helpdesk.upn),
      targets: mailboxes.map((input, i) => ({ line: i + 1, input })),
      rawParams: MESSAGE,
    });
    await h.control("POST", "quirks", { roleRefusal: form });
    // By the time the run starts, the requester's Exchange roles only read (as the auditor's do).
    const readOnly = await exchangeAs(h, DEMO_USERS.auditor);
    expect(await runBulk(bulkId, { exchangeFor: async () => readOnly })).toMatchObject({ ran: 3, paused: null });
    const view = await loadBulk(helpdesk, bulkId);
    expect(view.counts).toMatchObject({ total: 3, failed: 3, remaining: 0 });
    const stored = await getDb().request.findMany({ where: { id: { in: view.items.map((i) => i.requestId) } } });
    for (const request of stored) {
      expect(request).toMatchObject({ status: "FAILED", errorKind: "rbac_denied" });
      expect(request.errorMessage).toMatch(/^Your Exchange roles do not allow changing a mailbox's automatic replies/);
    }
  });
});
