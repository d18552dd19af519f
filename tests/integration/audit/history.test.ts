import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { TActorSnapshot, TAuditEvent } from "@/lib/audit/events";
import { decodeCursor, queryHistory, ZHistoryQuery, type THistoryRow, type TSortKey } from "@/lib/audit/query-history";
import { writeAudit } from "@/lib/audit/write-audit";
import { getDb } from "@/lib/db/client";
import { useMigratedEmbeddedDb } from "../support/embedded-db";

// The auditor's history on a real (embedded) database: ~300 events written through
// writeAudit, then every filter, sort and page checked against what was written.
useMigratedEmbeddedDb();

const actor = (upn: string, name: string): TActorSnapshot => ({ oid: `${name}-oid`, upn, name, roles: ["ExoDesk.Helpdesk"], ip: "10.0.0.1", userAgent: "vitest" });
// Spelled in mixed case: the history stores and searches them in lower case.
const ACTORS = [actor("Helpdesk@Contoso.onmicrosoft.com", "helpdesk"), actor("approver@contoso.onmicrosoft.com", "approver"), actor("Zoe.Admin@contoso.onmicrosoft.com", "zoe"), null];
const MAILBOXES = ["Adele.Vance@contoso.onmicrosoft.com", "megan.bowen@contoso.onmicrosoft.com", "SALES.shared@contoso.onmicrosoft.com", undefined];
const ACTIONS = ["auto-reply.set", "full-access.grant", "send-as.remove", undefined];
const STATUSES = ["SUCCEEDED", "FAILED", "PENDING_APPROVAL", undefined];
const DAYS = ["2026-03-01", "2026-03-02", "2026-03-03"];
const REQUESTS = [randomUUID(), randomUUID(), randomUUID()];

type TWritten = { id?: string; at: Date; type: string; actorUpn: string | null; mailbox: string | null; action: string | null; status: string | null; requestId: string | null };
const written: TWritten[] = [];
let rows: THistoryRow[] = [];

function eventFor(i: number, action: string | undefined): TAuditEvent {
  const clientRequestId = randomUUID();
  switch (i % 5) {
    case 0:
      return { type: "request.submitted", data: { action: action ?? "auto-reply.set", parameters: { n: i } } };
    case 1:
      return { type: "execution.started", data: { action: action ?? "auto-reply.set", clientRequestId } };
    case 2:
      return { type: "execution.finished", data: { status: "SUCCEEDED", verification: "VERIFIED", clientRequestId, before: null, after: { n: i }, warnings: [], error: null } };
    case 3:
      return { type: "session.signed-in", data: {} };
    default:
      return { type: "policy.changed", data: { subject: `action:${action ?? "none"}`, before: null, after: i } };
  }
}

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  try {
    // Ten events per transaction keeps the set-up quick; each still goes through writeAudit.
    for (let batch = 0; batch < 30; batch++) {
      await getDb().$transaction(async (tx) => {
        for (let i = batch * 10; i < batch * 10 + 10; i++) {
          const day = DAYS[Math.floor(i / 100)]!;
          // The first and last event of each day sit on its edges.
          const offset = i % 100 === 0 ? 0 : i % 100 === 99 ? 86_400_000 - 1 : (i % 100) * 60_000;
          const at = new Date(Date.parse(`${day}T00:00:00.000Z`) + offset);
          vi.setSystemTime(at);
          const a = ACTORS[i % 4]!;
          const mailbox = MAILBOXES[(i * 7 + Math.floor(i / 5)) % 4];
          const action = ACTIONS[(i * 3 + Math.floor(i / 4)) % 4];
          const status = STATUSES[(i + Math.floor(i / 16)) % 4];
          const requestId = i % 10 === 0 ? REQUESTS[(i / 10) % 3] : undefined;
          const event = eventFor(i, action);
          await writeAudit(tx, event, a, { requestId, targetMailbox: mailbox, action, status });
          written.push({ at, type: event.type, actorUpn: a?.upn.toLowerCase() ?? null, mailbox: mailbox?.toLowerCase() ?? null, action: action ?? null, status: status ?? null, requestId: requestId ?? null });
        }
      });
    }
  } finally {
    vi.useRealTimers();
  }
  rows = (await queryHistory(getDb(), ZHistoryQuery.parse({ dir: "asc" }), { limit: 10_000 })).rows;
  rows.forEach((r, i) => (written[i]!.id = r.id));
}, 120_000);

const idsOf = (list: { id?: string }[]) => list.map((r) => r.id);
async function all(query: unknown) {
  return (await queryHistory(getDb(), ZHistoryQuery.parse(query), { limit: 10_000 })).rows;
}

describe("the auditor's history", () => {
  it("holds every event written, in the order written", () => {
    expect(rows).toHaveLength(300);
    expect(rows.map((r) => [r.type, r.actorUpn, r.targetMailbox, r.action, r.status, r.requestId, r.at.toISOString()])).toEqual(
      written.map((w) => [w.type, w.actorUpn, w.mailbox, w.action, w.status, w.requestId, w.at.toISOString()]),
    );
  });

  it.each([
    ["actor", { actor: "HELPDESK@contoso.onmicrosoft.com" }, (w: TWritten) => w.actorUpn === "helpdesk@contoso.onmicrosoft.com"],
    ["mailbox, whatever the case", { mailbox: "  adele.VANCE@Contoso.onmicrosoft.com " }, (w: TWritten) => w.mailbox === "adele.vance@contoso.onmicrosoft.com"],
    ["action", { action: "full-access.grant" }, (w: TWritten) => w.action === "full-access.grant"],
    ["status", { status: "FAILED" }, (w: TWritten) => w.status === "FAILED"],
    ["type", { type: "session.signed-in" }, (w: TWritten) => w.type === "session.signed-in"],
    ["request id", { requestId: REQUESTS[1] }, (w: TWritten) => w.requestId === REQUESTS[1]],
    ["one day, both edges included", { from: "2026-03-02", to: "2026-03-02" }, (w: TWritten) => w.at.toISOString().startsWith("2026-03-02")],
    ["from a day on", { from: "2026-03-02" }, (w: TWritten) => w.at >= new Date("2026-03-02T00:00:00Z")],
    ["up to a day", { to: "2026-03-01" }, (w: TWritten) => w.at < new Date("2026-03-02T00:00:00Z")],
    [
      "several at once",
      { mailbox: "sales.shared@contoso.onmicrosoft.com", status: "SUCCEEDED", from: "2026-03-01", to: "2026-03-02" },
      (w: TWritten) => w.mailbox === "sales.shared@contoso.onmicrosoft.com" && w.status === "SUCCEEDED" && w.at < new Date("2026-03-03T00:00:00Z"),
    ],
    ["nothing", { actor: "nobody@contoso.onmicrosoft.com" }, () => false],
  ])("filters by %s and returns exactly the matching events", async (_name, filter, match) => {
    const expected = written.filter(match);
    if (_name !== "nothing") expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(300);
    expect(idsOf(await all({ ...filter, dir: "asc" }))).toEqual(idsOf(expected));
    expect(idsOf(await all(filter))).toEqual(idsOf(expected).reverse());
  });

  const column: Record<TSortKey, (w: TWritten) => string | null> = { time: () => null, actor: (w) => w.actorUpn, mailbox: (w) => w.mailbox, action: (w) => w.action };
  function sorted(sort: TSortKey, dir: "asc" | "desc", list = written): TWritten[] {
    const seq = new Map(written.map((w, i) => [w, i]));
    const sign = dir === "asc" ? 1 : -1;
    return [...list].sort((a, b) => {
      const [x, y] = [column[sort](a), column[sort](b)];
      // Null values last when ascending, first when descending.
      if (x !== y) return x === null ? sign : y === null ? -sign : (x < y ? -1 : 1) * sign;
      return (seq.get(a)! - seq.get(b)!) * sign;
    });
  }
  const orders = (["time", "actor", "mailbox", "action"] as const).flatMap((sort) => (["asc", "desc"] as const).map((dir) => [sort, dir] as const));

  it.each(orders)("sorts by %s %s, system events (no actor) and rows without a mailbox or action included", async (sort, dir) => {
    const result = await all({ sort, dir });
    expect(idsOf(result)).toEqual(idsOf(sorted(sort, dir)));
    if (sort === "actor") expect(result.at(dir === "asc" ? -1 : 0)!.actorUpn).toBeNull();
  });

  it.each(orders)("pages by %s %s through every row exactly once, in order", async (sort, dir) => {
    for (const filter of [{}, { mailbox: "megan.bowen@contoso.onmicrosoft.com" }]) {
      const query = ZHistoryQuery.parse({ ...filter, sort, dir });
      const big = (await queryHistory(getDb(), query, { limit: 10_000 })).rows;
      const paged: THistoryRow[] = [];
      let next: string | null = null;
      let pages = 0;
      do {
        const page: Awaited<ReturnType<typeof queryHistory>> = await queryHistory(getDb(), query, { after: decodeCursor(next ?? undefined), limit: 7 });
        expect(page.rows.length).toBeLessThanOrEqual(7);
        paged.push(...page.rows);
        next = page.next;
        pages++;
      } while (next && pages < 100);
      expect(next).toBeNull();
      expect(new Set(idsOf(paged)).size).toBe(paged.length);
      expect(idsOf(paged)).toEqual(idsOf(big));
      const expected = sorted(sort, dir, written.filter((w) => !("mailbox" in filter) || w.mailbox === filter.mailbox));
      expect(idsOf(paged)).toEqual(idsOf(expected));
    }
  });

  it("refuses invalid filters with messages that say what to do", () => {
    const issues = (q: unknown) => {
      const r = ZHistoryQuery.safeParse(q);
      return r.success ? null : r.error.issues.map((i) => [i.path.join("."), i.message]);
    };
    expect(issues({ from: "yesterday" })).toEqual([["from", "Use a date like 2026-11-23."]]);
    expect(issues({ to: "2026-02-30" })).toEqual([["to", "Use a date like 2026-11-23."]]);
    expect(issues({ from: "2026-03-03", to: "2026-03-01" })).toEqual([["to", "The start date is after the end date."]]);
    expect(issues({ requestId: "1234" })).toEqual([["requestId", "A request id looks like 3f2c…-…; copy it from a request page."]]);
    expect(issues({ sort: "hash" })?.[0]?.[0]).toBe("sort");
    // Empty fields (an untouched form) are no filter at all.
    expect(ZHistoryQuery.parse({ actor: " ", requestId: "", from: "", to: "" })).toEqual({ sort: "time", dir: "desc" });
  });

  it("starts again at the first page when a cursor is mangled", async () => {
    const query = ZHistoryQuery.parse({ sort: "actor" });
    const first = await queryHistory(getDb(), query, { limit: 5 });
    expect(decodeCursor(first.next!)).toMatchObject({ s: expect.stringMatching(/^\d+$/) });
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
    for (const bad of ["%%%", "not-a-cursor", b64({ v: 1, s: "3" }), b64({ v: null, s: "3; DROP TABLE" }), b64({ v: null, s: "1".repeat(20) }), b64({ v: null, s: "9".repeat(19) }), first.next!.slice(0, -3)]) {
      expect(decodeCursor(bad), bad).toBeUndefined();
    }
    const again = await queryHistory(getDb(), query, { after: decodeCursor("not-a-cursor"), limit: 5 });
    expect(idsOf(again.rows)).toEqual(idsOf(first.rows));
  });
});
