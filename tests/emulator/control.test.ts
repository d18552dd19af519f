import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO_TENANT_DOMAIN, DEMO_TENANT_ID, DEMO_USERS, SEED_MAILBOXES } from "./index";
import { Harness, LOGIN_SCOPE, TEST_APP } from "./test-support/harness";

let h: Harness;
beforeAll(async () => {
  h = await Harness.start({ tokenLifetimeSeconds: 900 });
});
afterAll(async () => {
  await h?.close();
});

describe("control API", () => {
  test("GET state returns the whole demo tenant", async () => {
    const state = await h.control("GET", "state");
    expect(state).toMatchObject({ tenantId: DEMO_TENANT_ID, domain: DEMO_TENANT_DOMAIN });
    expect(state.mailboxes.length).toBeGreaterThanOrEqual(47);
    const types = new Set(state.mailboxes.map((m: { recipientTypeDetails: string }) => m.recipientTypeDetails));
    expect([...types].sort()).toEqual(["EquipmentMailbox", "RoomMailbox", "SharedMailbox", "UserMailbox"]);
    const helpdesk = state.users.find((u: { userPrincipalName: string }) => u.userPrincipalName === DEMO_USERS.helpdesk);
    expect(helpdesk).toMatchObject({ appRoles: ["ExoDesk.Helpdesk"], roleGroups: ["Recipient Management"], writeScope: null });
    const user = (upn: string) => state.users.find((u: { userPrincipalName: string }) => u.userPrincipalName === upn);
    const sales = { department: "Sales", recipientRestrictionFilter: "Department -eq 'Sales'" };
    expect(user(DEMO_USERS.scopedHelpdesk)).toMatchObject({ readScope: sales, writeScope: sales });
    expect(user(DEMO_USERS.writeScopeHelpdesk)).toMatchObject({ appRoles: ["ExoDesk.Helpdesk"], roleGroups: ["Recipient Management"], readScope: null, writeScope: sales });
    expect(user(DEMO_USERS.writeScopeHelpdesk).displayName).toBe("Sales Write-Scope Helpdesk");
  });

  test("GET state/mailboxes/{upnOrAlias} returns one mailbox with ISO UTC dates", async () => {
    const room = await h.control("GET", `state/mailboxes/${encodeURIComponent(SEED_MAILBOXES.confRoom1)}`);
    expect(room).toMatchObject({ alias: "conf.room1", recipientTypeDetails: "RoomMailbox" });
    const shared = await h.control("GET", "state/mailboxes/sales.shared");
    expect(shared).toMatchObject({ recipientTypeDetails: "SharedMailbox", department: "Sales" });
    expect(shared.autoReply.autoReplyState).toBe("Enabled");
    expect(shared.autoReply.startTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(shared.mailboxPermissions.map((p: { user: string }) => p.user)).toContain(SEED_MAILBOXES.adeleVance);
    const adele = await h.control("GET", "state/mailboxes/adele.vance");
    expect(adele).toMatchObject({ department: "Sales", regional: { timeZone: "W. Europe Standard Time" }, calendar: { name: "Kalender" } });
    expect((await h.request("/_emulator/state/mailboxes/nobody")).status).toBe(404);
  });

  test("reset restores the seed, token lifetime, and clears calls, faults and revocations", async () => {
    const tokens = await h.tokensFor(DEMO_USERS.admin);
    await h.invoke(tokens.access_token, "Set-MailboxAutoReplyConfiguration", { Identity: "adele.vance", AutoReplyState: "Enabled" });
    await h.control("POST", "token-lifetime", { seconds: 30 });
    await h.control("POST", "faults", { kind: "latency", count: 5 });
    await h.control("POST", "revoke", { upn: DEMO_USERS.admin });
    await h.control("POST", "reset");
    expect((await h.control("GET", "state/mailboxes/adele.vance")).autoReply.autoReplyState).toBe("Disabled");
    expect((await h.control("GET", "calls")).calls).toEqual([]);
    expect((await h.control("GET", "faults")).faults).toEqual([]);
    expect((await h.tokensFor(DEMO_USERS.admin)).expires_in).toBe(900);
    // refresh tokens are gone with the reset; a new sign-in works
    const refreshed = await h.token({ grant_type: "refresh_token", client_id: TEST_APP.clientId, client_secret: TEST_APP.clientSecret, refresh_token: tokens.refresh_token, scope: LOGIN_SCOPE });
    expect(refreshed.status).toBe(400);
  });

  test("bad control requests are refused with a reason", async () => {
    const post = (path: string, body: string) => h.request(`/_emulator/${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body });
    expect((await post("revoke", JSON.stringify({ upn: "ghost@contoso.onmicrosoft.com" }))).status).toBe(404);
    expect((await post("token-lifetime", JSON.stringify({ seconds: 0 }))).status).toBe(400);
    expect((await post("faults", "not json")).status).toBe(400);
    expect((await h.request("/_emulator/nothing")).status).toBe(404);
  });
});
