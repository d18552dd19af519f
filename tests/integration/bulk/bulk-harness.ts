import { afterAll, beforeAll, beforeEach } from "vitest";
import type { TSessionUser } from "@/lib/auth/session-user";
import type { TExchange } from "@/lib/exchange/create-exchange";
import { setActionPolicy } from "@/lib/policy/change-policy";
import { realClock, type TClock } from "@/lib/time/clock";
import { DEMO_USERS } from "../../emulator/index";
import { Harness } from "../../emulator/test-support/harness";
import { VirtualClock } from "../../support/virtual-clock";
import { useMigratedEmbeddedDb } from "../support/embedded-db";
import { exchangeAs } from "../support/emulator-exchange";

// What every bulk integration test starts from: the emulator (reset before each test), the
// process's own migrated database, and automatic replies that need no approval unless a test
// protects a mailbox. The real Exchange client with each person's own token, waiting (Retry-After,
// backoff) on a virtual clock: these tests are about what runs, not when.
export const person = (upn: string, roles: TSessionUser["roles"]): TSessionUser => ({ oid: `${upn}-oid`, tid: "tid", upn, name: upn, roles });
export const actorOf = (u: TSessionUser) => ({ oid: u.oid, upn: u.upn, name: u.name, roles: [...u.roles], ip: null, userAgent: null });
export const helpdesk = person(DEMO_USERS.helpdesk, ["ExoDesk.Helpdesk"]);
export const admin = person(DEMO_USERS.admin, ["ExoDesk.Admin"]);

// Set by useBulkHarness's beforeAll (a live binding for the test files that import it).
export let h: Harness;

// One token per person, as the portal's token cache would give.
const exchanges = new Map<string, Promise<TExchange>>();
const cachedExchange = (u: TSessionUser, clock: TClock) => {
  const key = `${clock === realClock ? "real" : "virtual"}|${u.upn}`;
  return exchanges.get(key) ?? exchanges.set(key, exchangeAs(h, u.upn, clock)).get(key)!;
};
const virtualClock = new VirtualClock();
export const exchangeFor = (u: TSessionUser) => cachedExchange(u, virtualClock);
// For a test whose subject is timing: the emulator's throttling budget refills in real time.
export const exchangeOnRealClockFor = (u: TSessionUser) => cachedExchange(u, realClock);

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
