import { beforeAll, describe, expect, it, vi } from "vitest";
import type { TSessionUser } from "@/lib/auth/session-user";
import { getDb } from "@/lib/db/client";
import {
  countUnreadNotifications,
  listNotifications,
  markAllNotificationsRead,
  markNotificationsRead,
  NOTIFICATIONS_PER_PAGE,
} from "@/lib/notifications/list-notifications";
import { getReadableRequest } from "@/lib/requests/list-requests";
import { rejectRequest } from "@/lib/requests/reject-request";
import { submitRequest } from "@/lib/requests/submit-request";
import { useMigratedEmbeddedDb } from "../support/embedded-db";
import { actorOf, person, setApprovalRequired } from "../support/people";
import { ADELE, scriptedExchange } from "../support/scripted-exchange";

// A page's refusal to show a request is recorded with the browser's headers.
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "user-agent": "in-app-test" }) }));

// The in-app list, on the real database: a request that waits tells the approvers who signed in,
// each sees only their own entries, and opening the request marks only theirs read.
useMigratedEmbeddedDb();

const helpdesk = person("helpdesk@contoso.onmicrosoft.com", ["ExoDesk.Helpdesk"]);
const approverA = person("approver@contoso.onmicrosoft.com", ["ExoDesk.Approver"]);
const approverB = person("approver2@contoso.onmicrosoft.com", ["ExoDesk.Approver"]);
// Approver too, but never signed in: nobody knows to tell them.
const approverNew = person("approver3@contoso.onmicrosoft.com", ["ExoDesk.Approver"]);
// Same object id in another tenant: a different person.
const otherTenant: TSessionUser = { ...approverA, tid: "another-tid" };
const enable = { identity: ADELE, autoReplyState: "Enabled", startTime: null, endTime: null, internalMessage: "<p>Away</p>", externalMessage: "", externalAudience: "None" };

beforeAll(async () => {
  await setApprovalRequired(true, ["auto-reply.set"]);
  for (const p of [helpdesk, approverA, approverB]) {
    await getDb().person.create({ data: { oid: p.oid, tid: p.tid, upn: p.upn, name: p.name, roles: p.roles, lastSignInAt: new Date() } });
  }
});

async function submitPending(reason = "Holiday cover") {
  const { ex } = scriptedExchange({ set: "ok" });
  const result = await submitRequest({ user: helpdesk, actor: actorOf(helpdesk), ex, actionId: "auto-reply.set", rawParams: enable, reason });
  expect(result.pending).not.toBeNull();
  return result.requestId;
}

describe("the in-app list", () => {
  it("tells each approver who signed in, and each sees only their own entries", async () => {
    const id = await submitPending("Cover for the audit week");
    for (const approver of [approverA, approverB]) {
      const { entries } = await listNotifications(approver);
      const entry = entries.find((n) => n.link === `/requests/${id}`);
      expect(entry, `${approver.upn} was told`).toMatchObject({ event: "approval.waiting", readAt: null, subject: "Waiting for your approval: Set automatic replies on Adele Vance" });
      expect(entry!.text).toContain("Their reason: Cover for the audit week.");
    }
    // The requester is not told of their own request; a later approver and another tenant's same oid never were.
    for (const nobody of [helpdesk, approverNew, otherTenant]) {
      expect((await listNotifications(nobody)).entries.filter((n) => n.link === `/requests/${id}`), nobody.upn).toEqual([]);
    }
    expect(await countUnreadNotifications(otherTenant)).toBe(0);
    expect(await countUnreadNotifications(approverNew)).toBe(0);
  });

  it("lets a told approver read the request's page; nobody else who is not a party to it", async () => {
    const id = await submitPending();
    expect(await getReadableRequest(approverA, id)).toMatchObject({ id, status: "PENDING_APPROVAL" });
    expect(await getReadableRequest(approverNew, id)).toBeNull();
    expect(await getReadableRequest(otherTenant, id)).toBeNull();
    // Their attempt is recorded as any foreign request's is; the told approver's reading is not.
    const refusals = await getDb().auditEvent.findMany({ where: { type: "access.denied", requestId: id } });
    expect(refusals.map((e) => e.actorOid).sort()).toEqual([approverNew.oid, otherTenant.oid].sort());
  });

  it("marks read only the opener's entries about the request opened, and the bell counts the rest", async () => {
    const [first, second] = [await submitPending(), await submitPending()];
    const before = { a: await countUnreadNotifications(approverA), b: await countUnreadNotifications(approverB) };
    // The request on screen is left out of the count before its page has marked it.
    expect(await countUnreadNotifications(approverA, `/requests/${first}`)).toBe(before.a - 1);

    expect(await markNotificationsRead(approverA, `/requests/${first}`)).toBe(1);
    expect(await markNotificationsRead(approverA, `/requests/${first}`)).toBe(0); // read once, its time kept
    expect(await countUnreadNotifications(approverA)).toBe(before.a - 1);
    expect(await countUnreadNotifications(approverB)).toBe(before.b);
    const { entries } = await listNotifications(approverA);
    expect(entries.find((n) => n.link === `/requests/${first}`)!.readAt).toBeInstanceOf(Date);
    expect(entries.find((n) => n.link === `/requests/${second}`)!.readAt).toBeNull();
    // Someone who was never told marks nothing, not even another person's entry.
    expect(await markNotificationsRead(helpdesk, `/requests/${second}`)).toBe(0);
    expect(await markNotificationsRead(otherTenant, `/requests/${second}`)).toBe(0);

    expect(await markAllNotificationsRead(approverA)).toBe(before.a - 1);
    expect(await countUnreadNotifications(approverA)).toBe(0);
    expect(await countUnreadNotifications(approverB)).toBe(before.b);
  });

  it("tells the requester of a rejection with the approver's reason", async () => {
    const id = await submitPending();
    await rejectRequest({ approver: approverA, actor: actorOf(approverA), requestId: id, reason: "Not during the audit" });
    const entry = (await listNotifications(helpdesk)).entries.find((n) => n.link === `/requests/${id}`);
    expect(entry).toMatchObject({ event: "request.decided", subject: "Rejected: Set automatic replies on Adele Vance", readAt: null });
    expect(entry!.text).toContain("Their reason: Not during the audit.");
  });

  it("lists newest first, a page at a time", async () => {
    const reader = person("reader@contoso.onmicrosoft.com", ["ExoDesk.Auditor"]);
    const start = Date.UTC(2026, 11, 1);
    await getDb().notification.createMany({
      data: Array.from({ length: NOTIFICATIONS_PER_PAGE + 3 }, (_, i) => ({
        tid: reader.tid, recipientOid: reader.oid, event: "report.finished", link: "/reports", subject: `Report ${i}`, text: "Done.", createdAt: new Date(start + i * 60_000),
      })),
    });
    const first = await listNotifications(reader);
    expect(first.more).toBe(true);
    expect(first.entries).toHaveLength(NOTIFICATIONS_PER_PAGE);
    expect(first.entries[0]!.subject).toBe(`Report ${NOTIFICATIONS_PER_PAGE + 2}`);
    const second = await listNotifications(reader, 2);
    expect(second).toMatchObject({ more: false });
    expect(second.entries.map((n) => n.subject)).toEqual(["Report 2", "Report 1", "Report 0"]);
  });
});
