import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { TSessionUser } from "@/lib/auth/session-user";
import { getDb } from "@/lib/db/client";
import { useMigratedEmbeddedDb } from "../support/embedded-db";

// Real server actions through the real wrapper, session check and database-backed rate
// limiter; only the signed-in cookie, Next's request context and the Exchange client are
// stand-ins.
const auth = vi.hoisted(() => ({ user: null as TSessionUser | null, exchange: vi.fn() }));
vi.mock("next-auth", () => ({ getServerSession: async () => (auth.user ? { exodesk: auth.user } : null) }));
vi.mock("@/lib/auth/options", () => ({ getAuthOptions: () => ({}) }));
vi.mock("@/lib/auth/exchange-for-user", () => ({ createExchangeForUser: auth.exchange }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "198.51.100.4", "user-agent": "server-actions-test" }) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

useMigratedEmbeddedDb();

const { cancelAction } = await import("@/app/(portal)/requests/[id]/actions");
const { setAutoReplyAction } = await import("@/app/(portal)/mailboxes/[identity]/auto-reply/actions");

const person = (oid: string, roles: TSessionUser["roles"]): TSessionUser => ({ oid, tid: "tid-contoso", upn: `${oid}@contoso.example`, name: oid, roles });

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [name, value] of Object.entries(fields)) f.set(name, value);
  return f;
}

beforeEach(() => {
  auth.exchange.mockReset().mockRejectedValue(new Error("no Exchange call expected in this test"));
  // Only Date is faked: every call below falls in one fixed rate-limit window.
  vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-23T10:00:05Z") });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("cancelling a request", () => {
  it("is rate-limited like every change: the 31st cancel in a minute is refused with the wait message", async () => {
    auth.user = person("oid-canceller", ["ExoDesk.Helpdesk"]);
    const answers: string[] = [];
    for (let i = 0; i < 31; i++) {
      const answer = await cancelAction(null, form({ requestId: randomUUID() }));
      answers.push(answer.message);
    }
    expect(new Set(answers.slice(0, 30))).toEqual(new Set(["That request does not exist."]));
    expect(answers[30]).toBe("Too many attempts in a short time. Wait 55 seconds, then try again.");
  });

  it("checks the role again on every call: without one the cancel is refused and the refusal recorded", async () => {
    auth.user = person("oid-auditor", ["ExoDesk.Auditor"]);
    expect(await cancelAction(null, form({ requestId: randomUUID() }))).toMatchObject({ ok: false, message: "You do not have the ExoDesk role needed for this." });
    auth.user = null;
    expect(await cancelAction(null, form({ requestId: randomUUID() }))).toMatchObject({ ok: false, message: "Your session has ended. Sign in again to continue.", reauth: true });
    const denied = await getDb().auditEvent.findMany({ where: { type: "access.denied", actorOid: "oid-auditor" } });
    expect(denied).toHaveLength(1);
  });
});

describe("a form its schema refuses", () => {
  it("answers with field errors and never reaches the use case or Exchange", async () => {
    auth.user = person("oid-auto-reply", ["ExoDesk.Helpdesk"]);
    const answer = await setAutoReplyAction(null, form({
      identity: "adele.vance@contoso.onmicrosoft.com",
      autoReplyState: "Scheduled",
      scheduleZone: "Europe/Berlin",
      startTime: "0026-06-01T09:00",
      endTime: "2026-06-02T09:00",
      internalMessage: "Away",
      reason: "holiday",
    }));
    expect(answer).toEqual({
      ok: false,
      message: "Some values are not valid. Check the highlighted fields.",
      fieldErrors: { startTime: ["Choose a date between the years 2000 and 2099."] },
      reauth: false,
    });
    expect(auth.exchange).not.toHaveBeenCalled();
    expect(await getDb().request.count({ where: { requesterOid: "oid-auto-reply" } })).toBe(0);
  });
});
