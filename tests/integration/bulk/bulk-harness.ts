import { beforeAll } from "vitest";
import type { TSessionUser } from "@/lib/auth/session-user";
import type { TExchange } from "@/lib/exchange/create-exchange";
import { setActionPolicy } from "@/lib/policy/change-policy";
import { realClock, type TClock } from "@/lib/time/clock";
import { DEMO_USERS } from "../../emulator/index";
import { useHarness, type Harness } from "../../emulator/test-support/harness";
import { VirtualClock } from "../../support/virtual-clock";
import { useMigratedEmbeddedDb } from "../support/embedded-db";
import { exchangeAs } from "../support/emulator-exchange";
import { actorOf, person } from "../support/people";

// What every bulk integration test starts from: the emulator (reset before each test), the
// process's own migrated database, and automatic replies that need no approval unless a test
// protects a mailbox. The real Exchange client with each person's own token, waiting (Retry-After,
// backoff) on a virtual clock: these tests are about what runs, not when.
export const helpdesk = person(DEMO_USERS.helpdesk, ["ExoDesk.Helpdesk"]);
export const admin = person(DEMO_USERS.admin, ["ExoDesk.Admin"]);

// Set by useBulkHarness (a live binding for the test files that import it).
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
  h = useHarness();
  beforeAll(async () => {
    exchanges.clear();
    await setActionPolicy(admin, actorOf(admin), { actionId: "auto-reply.set", requiresApproval: false, pendingHours: 72 });
  });
}
