import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { TSessionUser } from "@/lib/auth/session-user";
import { loadBulk } from "@/lib/bulk/load-bulk";
import { runBulk } from "@/lib/bulk/run-bulk";
import { submitBulk } from "@/lib/bulk/submit-bulk";
import { getDb } from "@/lib/db";
import { setActionPolicy } from "@/lib/policy/change-policy";
import { DEMO_USERS } from "../../emulator/index";
import { Harness } from "../../emulator/test-support/harness";
import { useMigratedEmbeddedDb } from "../support/embedded-db";
import { exchangeAs } from "../support/emulator-exchange";

// Issue 14 point 2: a bulk run whose requester lost the Exchange write role does not pause for
// a sign-in that cannot help: each item fails with the role refusal and the run ends.
useMigratedEmbeddedDb();
let h: Harness;
const person = (upn: string, roles: TSessionUser["roles"]): TSessionUser => ({ oid: `${upn}-oid`, tid: "tid", upn, name: upn, roles });
const helpdesk = person(DEMO_USERS.helpdesk, ["ExoDesk.Helpdesk"]);
const admin = person(DEMO_USERS.admin, ["ExoDesk.Admin"]);
const actorOf = (u: TSessionUser) => ({ oid: u.oid, upn: u.upn, name: u.name, roles: [...u.roles], ip: null, userAgent: null });
const MESSAGE = { autoReplyState: "Enabled", startTime: null, endTime: null, internalMessage: "<p>Closed.</p>", externalMessage: "", externalAudience: "None" };

beforeAll(async () => {
  h = await Harness.start();
  await setActionPolicy(admin, actorOf(admin), { actionId: "auto-reply.set", requiresApproval: false, pendingHours: 72 });
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.control("POST", "reset");
});

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
