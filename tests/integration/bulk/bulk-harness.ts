import { afterAll, beforeAll, beforeEach } from "vitest";
import type { TSessionUser } from "@/lib/auth/session-user";
import { setActionPolicy } from "@/lib/policy/change-policy";
import { DEMO_USERS } from "../../emulator/index";
import { Harness } from "../../emulator/test-support/harness";
import { useMigratedEmbeddedDb } from "../support/embedded-db";
import { exchangeAs } from "../support/emulator-exchange";

// What every bulk integration test starts from: the emulator (reset before each test), the
// process's own migrated database, and automatic replies that need no approval unless a test
// protects a mailbox. The real Exchange client with each person's own token.
export const person = (upn: string, roles: TSessionUser["roles"]): TSessionUser => ({ oid: `${upn}-oid`, tid: "tid", upn, name: upn, roles });
export const actorOf = (u: TSessionUser) => ({ oid: u.oid, upn: u.upn, name: u.name, roles: [...u.roles], ip: null, userAgent: null });
export const helpdesk = person(DEMO_USERS.helpdesk, ["ExoDesk.Helpdesk"]);
export const admin = person(DEMO_USERS.admin, ["ExoDesk.Admin"]);

// Set by useBulkHarness's beforeAll (a live binding for the test files that import it).
export let h: Harness;

// One token per person, as the portal's token cache would give.
const exchanges = new Map<string, ReturnType<typeof exchangeAs>>();
export const exchangeFor = (u: TSessionUser) => exchanges.get(u.upn) ?? exchanges.set(u.upn, exchangeAs(h, u.upn)).get(u.upn)!;

export function useBulkHarness(): void {
  useMigratedEmbeddedDb();
  beforeAll(async () => {
    h = await Harness.start();
    exchanges.clear();
    await setActionPolicy(admin, actorOf(admin), { actionId: "auto-reply.set", requiresApproval: false, pendingHours: 72 });
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(async () => {
    await h.control("POST", "reset");
  });
}
