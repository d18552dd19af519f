import { beforeAll, describe, expect, it } from "vitest";
import type { TSessionUser } from "@/lib/auth/session-user";
import { findMailboxes, getRecipient } from "@/lib/cmdlets/read-mailbox";
import { submitRequest } from "@/lib/requests/submit-request";
import { DEMO_USERS } from "../../emulator/index";
import { useHarness } from "../../emulator/test-support/harness";
import { useMigratedEmbeddedDb } from "../support/embedded-db";
import { exchangeAs } from "../support/emulator-exchange";
import { actorOf, setApprovalRequired } from "../support/people";

// Every catalogue action through the real Exchange client against the emulator, as the
// helpdesk person whose Exchange write scope covers Sales only (reading the whole organisation),
// and reads as the helpdesk person whose read scope is Sales too.
useMigratedEmbeddedDb();
const h = useHarness();
// Exchange's own scope is under test here, so every action runs directly (no approval step).
beforeAll(() => setApprovalRequired(false, actions.map(([actionId]) => actionId)));

const scoped: TSessionUser = { oid: "scoped-oid", tid: "tid", upn: DEMO_USERS.writeScopeHelpdesk, name: "Sales Write-Scope Helpdesk", roles: ["ExoDesk.Helpdesk"] };
const actor = actorOf(scoped);
const SALES = "sales.shared@contoso.onmicrosoft.com";
const MARKETING = "megan.bowen@contoso.onmicrosoft.com";
const TRUSTEE = "alex.wilber@contoso.onmicrosoft.com";

const actions: [string, Record<string, unknown>][] = [
  ["auto-reply.set", { autoReplyState: "Enabled", startTime: null, endTime: null, internalMessage: "<p>Away</p>", externalMessage: "", externalAudience: "None" }],
  ["full-access.grant", { trustee: TRUSTEE, autoMapping: false }],
  ["full-access.remove", { trustee: TRUSTEE }],
  ["send-as.grant", { trustee: TRUSTEE }],
  ["send-as.remove", { trustee: TRUSTEE }],
  ["send-on-behalf.grant", { trustee: TRUSTEE }],
  ["send-on-behalf.remove", { trustee: TRUSTEE }],
  ["calendar.set", { trustee: TRUSTEE, accessRights: "Reviewer", delegate: false, canViewPrivateItems: false, sendNotificationToUser: false }],
  ["calendar.remove", { trustee: TRUSTEE }],
];

describe("a helpdesk whose write scope is Sales", () => {
  it.each(actions)("%s: changes a Sales mailbox and gets the write-scope error elsewhere", async (actionId, params) => {
    if (actionId.endsWith(".remove")) {
      // Something to remove first, granted by an unscoped helpdesk person.
      const grantId = actionId === "calendar.remove" ? "calendar.set" : actionId.replace(".remove", ".grant");
      const [, grantParams] = actions.find(([id]) => id === grantId)!;
      const helpdesk = { ...scoped, oid: "helpdesk-oid", upn: DEMO_USERS.helpdesk };
      const full = await exchangeAs(h, helpdesk.upn);
      for (const identity of [MARKETING, SALES]) {
        const granted = await submitRequest({ user: helpdesk, actor, ex: full, actionId: grantId, rawParams: { identity, ...grantParams } });
        expect(granted.outcome?.status).toBe("SUCCEEDED");
      }
    }
    const ex = await exchangeAs(h, scoped.upn);
    const outside = await submitRequest({ user: scoped, actor, ex, actionId, rawParams: { identity: MARKETING, ...params } });
    expect(outside.outcome).toMatchObject({ status: "FAILED", error: { kind: "out_of_scope" } });
    expect(outside.outcome?.error?.message).toContain("out of the current user's write scope");

    const inside = await submitRequest({ user: scoped, actor, ex, actionId, rawParams: { identity: SALES, ...params } });
    expect(inside.outcome?.status, JSON.stringify(inside.outcome?.error)).toBe("SUCCEEDED");
    expect(inside.outcome?.verification).toBe("VERIFIED");
  });
});

describe("a helpdesk whose read scope is Sales too", () => {
  it("finds no mailbox outside Sales: Exchange answers not found", async () => {
    const ex = await exchangeAs(h, DEMO_USERS.scopedHelpdesk);
    await expect(getRecipient(ex, MARKETING)).rejects.toMatchObject({ kind: "not_found" });
    expect(await findMailboxes(ex, "megan")).toEqual([]);
    expect((await getRecipient(ex, SALES)).department).toBe("Sales");
    const user = { ...scoped, oid: "sales-unit-oid", upn: DEMO_USERS.scopedHelpdesk };
    const [actionId, params] = actions[0]!;
    // The portal reads the mailbox first; Exchange's not-found makes it a field error, no write is sent.
    const change = submitRequest({ user, actor: { ...actor, oid: user.oid, upn: user.upn }, ex, actionId, rawParams: { identity: MARKETING, ...params } });
    await expect(change).rejects.toMatchObject({ code: "INVALID_INPUT", fieldErrors: { identity: [expect.stringContaining("No mailbox matches")] } });
    expect(ex.calls.filter((c) => !c.startsWith("Get-"))).toEqual([]);
    const everyone = await exchangeAs(h, DEMO_USERS.helpdesk);
    expect((await getRecipient(everyone, MARKETING)).department).toBe("Marketing");
  });
});
