import { describe, expect, it } from "vitest";
import { summariseEvent } from "./describe-event";

describe("access.denied in the auditor's words", () => {
  it("reads events stored before refusals named their target, as before", () => {
    expect(summariseEvent("access.denied", { permission: "audit.read", path: "/audit" })).toBe("Needed audit.read at /audit.");
    expect(summariseEvent("access.denied", { permission: "policy.edit", path: null })).toBe("Needed policy.edit.");
  });

  it("says what was tried, on what, and why it was refused", () => {
    expect(summariseEvent("access.denied", { path: null, attempted: "request.cancel", because: "only the requester may cancel a request" })).toBe(
      "Tried request.cancel: only the requester may cancel a request",
    );
    const bulkId = "5f0c1f5e-6d0b-4c55-9a39-0b7f5a1d2c3e";
    expect(summariseEvent("access.denied", { path: null, attempted: "bulk.retry", because: "not theirs", bulkId })).toBe(`Tried bulk.retry on bulk change ${bulkId}: not theirs`);
  });

  it("flags a row whose data does not match the schema", () => {
    expect(summariseEvent("access.denied", { path: null, bulkId: "not-a-uuid" })).toBe("Recorded data does not match this event type's schema.");
  });
});

describe("template.changed in the auditor's words", () => {
  const templateId = "5f0c1f5e-6d0b-4c55-9a39-0b7f5a1d2c3e";
  const text = { name: "Holiday", internalMessage: "<p>Away.</p>", externalMessage: "" };
  it("names the template and what happened to it", () => {
    expect(summariseEvent("template.changed", { templateId, change: "created", name: "Holiday", before: null, after: text })).toBe('Template "Holiday" created.');
    expect(summariseEvent("template.changed", { templateId, change: "deleted", name: "Holiday", before: text, after: null })).toBe('Template "Holiday" deleted.');
  });

  it("says which parts an edit changed", () => {
    const after = { ...text, name: "Christmas", internalMessage: "<p>Off.</p>" };
    expect(summariseEvent("template.changed", { templateId, change: "edited", name: "Christmas", before: text, after })).toBe('Template "Christmas" edited: renamed from "Holiday", internal text changed.');
  });
});

describe("notification settings in the auditor's words", () => {
  it("says which switch, address or delivery changed", () => {
    expect(summariseEvent("notification.switch-changed", { event: "approval.waiting", before: { email: true, webhook: true }, after: { email: false, webhook: true } })).toBe(
      "approval.waiting: e-mail on → off, webhook on → on.",
    );
    expect(summariseEvent("notification.address-changed", { actionId: "full-access.grant", before: null, after: "team@contoso.com" })).toBe("Grant FullAccess: no address → team@contoso.com.");
    const deliveryId = "5f0c1f5e-6d0b-4c55-9a39-0b7f5a1d2c3e";
    expect(summariseEvent("notification.delivery-retried", { deliveryId, event: "request.decided", channel: "WEBHOOK", recipient: "hooks.example.net", attempts: 8, lastError: "HTTP 410" })).toBe(
      "request.decided by webhook to hooks.example.net, after 8 attempts (HTTP 410).",
    );
  });
});

describe("cover.submitted in the auditor's words", () => {
  it("names both people, the window in the mailbox's zone and the rights", () => {
    const coverId = "5f0c1f5e-6d0b-4c55-9a39-0b7f5a1d2c3e";
    const data = { coverId, mailbox: "megan@contoso.com", colleague: "christie@contoso.com", startsAt: "2026-12-07T08:00:00.000Z", endsAt: "2026-12-11T17:00:00.000Z", scheduleZone: "Europe/Berlin", autoMapping: true, calendarRole: "Editor" };
    expect(summariseEvent("cover.submitted", data)).toBe(
      `christie@contoso.com covers megan@contoso.com from 7 Dec 2026, 09:00 CET to 11 Dec 2026, 18:00 CET, with FullAccess (AutoMapping on) and calendar role Editor until the end. Cover ${coverId}.`,
    );
    expect(summariseEvent("cover.submitted", { ...data, autoMapping: false, calendarRole: null })).toContain("with FullAccess (AutoMapping off) until the end.");
  });
});

describe("policy changes in the auditor's words", () => {
  it("says what changed in an action's approval policy, old → new", () => {
    expect(summariseEvent("policy.changed", { subject: "action:full-access.grant", before: { requiresApproval: true, pendingHours: 72, default: true }, after: { requiresApproval: false, pendingHours: 24 } })).toBe(
      "Approval policy for Grant FullAccess: needs approval → runs directly, waits for a decision 72 hours → 24 hours (it had the default policy).",
    );
    expect(summariseEvent("policy.changed", { subject: "action:send-as.grant", before: { requiresApproval: true, pendingHours: 1 }, after: { requiresApproval: true, pendingHours: 8 } })).toBe(
      "Approval policy for Grant SendAs: waits for a decision 1 hour → 8 hours.",
    );
    expect(summariseEvent("policy.changed", { subject: "action:send-as.grant", before: { requiresApproval: true, pendingHours: 8 }, after: { requiresApproval: true, pendingHours: 8 } })).toBe(
      "Approval policy for Grant SendAs: unchanged, needs approval, waits 8 hours.",
    );
  });

  it("says which mailbox or department was protected or no longer is", () => {
    expect(summariseEvent("policy.changed", { subject: "protected:MAILBOX", before: null, after: "ceo@contoso.com" })).toBe("Protected mailbox added: ceo@contoso.com.");
    expect(summariseEvent("policy.changed", { subject: "protected:DEPARTMENT", before: "Legal", after: null })).toBe("Protected department removed: Legal.");
  });

  it("lists a shape it does not know field by field, never as JSON", () => {
    const summary = summariseEvent("policy.changed", { subject: "action:none", before: { requiresApproval: false }, after: { requiresApproval: true, pendingHours: 72 } });
    expect(summary).toBe("action:none: requiresApproval false → true, pendingHours (not set) → 72.");
  });
});

describe("times in the auditor's words", () => {
  const grant = "5f0c1f5e-6d0b-4c55-9a39-0b7f5a1d2c3e";
  it("prints the times a request and its schedule carry to the minute, in UTC", () => {
    expect(summariseEvent("request.submitted", { action: "full-access.grant", parameters: {}, needsApproval: true, until: "2031-01-16T01:30:00.000Z", reason: "Cover" })).toBe(
      "Grant FullAccess, needs approval, until 2031-01-16 01:30 UTC. Reason: Cover",
    );
    expect(summariseEvent("request.submitted", { action: "full-access.grant", parameters: {}, dueAt: "2031-01-10T16:00:00.000Z", until: "2031-01-16T01:30:00.000Z" })).toBe(
      "Grant FullAccess, from 2031-01-10 16:00 UTC, until 2031-01-16 01:30 UTC",
    );
    expect(summariseEvent("request.submitted", { action: "full-access.remove", parameters: {}, removalOf: grant, dueAt: "2031-01-16T01:30:00.000Z" })).toBe(
      `Remove FullAccess, the end of request ${grant}, due 2031-01-16 01:30 UTC`,
    );
    expect(summariseEvent("request.expired", { expiresAt: "2026-12-07T09:15:00.000Z" })).toBe("Nobody decided before 2026-12-07 09:15 UTC.");
    expect(summariseEvent("grant.scheduled", { dueAt: "2031-01-10T16:00:00.000Z", executorUpn: "approver@contoso.com" })).toBe(
      "Waits for its start, 2031-01-10 16:00 UTC, to run as approver@contoso.com.",
    );
    expect(summariseEvent("removal.rescheduled", { grant, from: "2031-01-16T01:30:00.000Z", to: "2031-01-12T01:30:00.000Z" })).toBe(
      `The end of request ${grant} moved from 2031-01-16 01:30 UTC to 2031-01-12 01:30 UTC.`,
    );
    expect(summariseEvent("removal.rescheduled", { grant, from: "", to: "2031-01-12T01:30:00.000Z" })).toBe(`The end of request ${grant} moved from no set time to 2031-01-12 01:30 UTC.`);
  });
});
