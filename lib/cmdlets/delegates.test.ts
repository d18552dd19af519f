import { describe, expect, it } from "vitest";
import { findAction } from "./catalogue";
import { setCalendarPermission, ZSetCalendarPermission } from "./calendar-permission";
import { ZGrantFullAccess } from "./full-access";

const target = { identity: "adele.vance@contoso.onmicrosoft.com", trustee: "megan.bowen@contoso.onmicrosoft.com" };
const calendar = { ...target, accessRights: "Editor", delegate: false, canViewPrivateItems: false, sendNotificationToUser: false };

function errorsOf(schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } }, input: unknown) {
  const r = schema.safeParse(input);
  return Object.fromEntries((r.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));
}

describe("delegate schemas refuse invalid combinations before any Exchange call", () => {
  it("CanViewPrivateItems without Delegate", () => {
    expect(errorsOf(ZSetCalendarPermission, { ...calendar, canViewPrivateItems: true }).canViewPrivateItems).toMatch(/only be shown to a delegate/);
  });

  it("Delegate with a role other than Editor", () => {
    expect(errorsOf(ZSetCalendarPermission, { ...calendar, accessRights: "Reviewer", delegate: true }).delegate).toMatch(/Only an Editor/);
    expect(errorsOf(ZSetCalendarPermission, { ...calendar, delegate: true, canViewPrivateItems: true })).toEqual({});
  });

  it("a trustee equal to the mailbox, for every delegate action", () => {
    const self = { ...target, trustee: target.identity.toUpperCase() };
    for (const id of ["full-access.remove", "send-as.grant", "send-as.remove", "send-on-behalf.grant", "send-on-behalf.remove", "calendar.remove"]) {
      expect(errorsOf(findAction(id)!.schema, self).trustee, id).toMatch(/its own delegate/);
    }
    expect(errorsOf(ZGrantFullAccess, { ...self, autoMapping: true }).trustee).toMatch(/its own delegate/);
    expect(errorsOf(ZSetCalendarPermission, { ...calendar, ...self }).trustee).toMatch(/its own delegate/);
  });

  it("a sharing notification with a role Exchange sends none for (only AvailabilityOnly, LimitedDetails, Reviewer, Editor)", () => {
    for (const role of ["AvailabilityOnly", "LimitedDetails", "Reviewer", "Editor"]) {
      expect(errorsOf(ZSetCalendarPermission, { ...calendar, accessRights: role, sendNotificationToUser: true }), role).toEqual({});
    }
    for (const role of ["Owner", "PublishingEditor", "PublishingAuthor", "Author", "NonEditingAuthor", "Contributor"]) {
      expect(errorsOf(ZSetCalendarPermission, { ...calendar, accessRights: role, sendNotificationToUser: true }).sendNotificationToUser, role).toMatch(
        /only with the AvailabilityOnly, LimitedDetails, Reviewer or Editor role/,
      );
      expect(errorsOf(ZSetCalendarPermission, { ...calendar, accessRights: role, sendNotificationToUser: false }), role).toEqual({});
    }
  });

  it("an unknown calendar role and a missing AutoMapping choice", () => {
    expect(errorsOf(ZSetCalendarPermission, { ...calendar, accessRights: "God" }).accessRights).toBeDefined();
    expect(errorsOf(ZGrantFullAccess, target).autoMapping).toBeDefined();
  });
});

describe("calendar verification and inverse", () => {
  const before = { folder: "adele:\\Kalender", accessRights: [] as string[], sharingPermissionFlags: "None" };

  it("compares delegate flags whatever their order and spacing", () => {
    const p = ZSetCalendarPermission.parse({ ...calendar, delegate: true, canViewPrivateItems: true });
    expect(setCalendarPermission.isApplied(p, { ...before, accessRights: ["Editor"], sharingPermissionFlags: "CanViewPrivateItems, Delegate" })).toBe(true);
    expect(setCalendarPermission.isApplied(p, { ...before, accessRights: ["Editor"], sharingPermissionFlags: "Delegate" })).toBe(false);
  });

  it("undoes a new entry by removing it and a changed one by restoring it", () => {
    const p = ZSetCalendarPermission.parse(calendar);
    expect(setCalendarPermission.inverse(p, before)).toEqual({ actionId: "calendar.remove", params: target });
    expect(setCalendarPermission.inverse(p, { ...before, accessRights: ["Reviewer"] })).toMatchObject({ actionId: "calendar.set", params: { accessRights: "Reviewer", delegate: false } });
  });

  it("pairs every grant with its removal", () => {
    for (const [grant, remove] of [["full-access.grant", "full-access.remove"], ["send-as.grant", "send-as.remove"], ["send-on-behalf.grant", "send-on-behalf.remove"]] as const) {
      expect(findAction(grant)!.inverse({ ...target, autoMapping: false }, {}).actionId).toBe(remove);
      expect(findAction(remove)!.inverse(target, {}).actionId).toBe(grant);
    }
  });
});

describe("delegate targets a crafted post may send", () => {
  it("refuse identities and trustees longer than an address can be", async () => {
    const { ZDelegateTarget } = await import("./delegate-params");
    const r = ZDelegateTarget.safeParse({ identity: "x".repeat(100_000), trustee: "y".repeat(321) });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
      ["identity", "A mailbox is named by at most 320 characters. Choose it from the suggestions or paste its address."],
      ["trustee", "A person is named by at most 320 characters. Choose them from the suggestions or paste their address."],
    ]);
  });
});
