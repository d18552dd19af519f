import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { TSessionUser } from "@/lib/auth/session-user";
import type { TExchange } from "@/lib/cmdlets/types";
import { getDb } from "@/lib/db";
import { invokeCommand } from "@/lib/exchange/client";
import { submitRequest } from "@/lib/requests/submit-request";
import { DEMO_USERS } from "../../emulator/index";
import { Harness } from "../../emulator/test-support/harness";
import { httpsRequest } from "../../emulator/test-support/https-client";
import { useMigratedEmbeddedDb } from "../support/embedded-db";

// Every catalogue action through the real Exchange client against the emulator, as the
// helpdesk person whose Exchange management scope covers Sales only.
useMigratedEmbeddedDb();
let h: Harness;
beforeAll(async () => {
  h = await Harness.start();
  // Exchange's own scope is under test here, so every action runs directly (no approval step).
  for (const [actionId] of actions) {
    await getDb().approvalPolicy.create({ data: { actionId, requiresApproval: false, updatedByUpn: "test" } });
  }
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.control("POST", "reset");
});

// The real client, over HTTPS that trusts only the emulator's certificate.
const viaEmulator: typeof fetch = async (input, init) => {
  const res = await httpsRequest(h.em.caCertPath, String(input), {
    method: init?.method,
    headers: Object.fromEntries(new Headers(init?.headers).entries()),
    body: typeof init?.body === "string" ? init.body : undefined,
  });
  const headers = new Headers();
  for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
  return new Response(res.status === 204 ? null : new Uint8Array(res.body), { status: res.status, headers });
};

async function exchangeAs(upn: string): Promise<TExchange> {
  const accessToken = await h.accessToken(upn);
  return { invoke: (cmdlet, parameters, options) => invokeCommand({ baseUrl: h.em.url, tenantId: h.em.tenantId, accessToken, anchorUpn: upn, cmdlet, parameters, fetchImpl: viaEmulator, ...options }) };
}

const scoped: TSessionUser = { oid: "scoped-oid", tid: "tid", upn: DEMO_USERS.scopedHelpdesk, name: "Scoped Helpdesk", roles: ["ExoDesk.Helpdesk"] };
const actor = { oid: scoped.oid, upn: scoped.upn, name: scoped.name, roles: scoped.roles, ip: null, userAgent: null };
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

describe("a helpdesk scoped to Sales", () => {
  it.each(actions)("%s: changes a Sales mailbox and gets the write-scope error elsewhere", async (actionId, params) => {
    if (actionId.endsWith(".remove")) {
      // Something to remove first, granted by an unscoped helpdesk person.
      const grantId = actionId === "calendar.remove" ? "calendar.set" : actionId.replace(".remove", ".grant");
      const [, grantParams] = actions.find(([id]) => id === grantId)!;
      const helpdesk = { ...scoped, oid: "helpdesk-oid", upn: DEMO_USERS.helpdesk };
      const full = await exchangeAs(helpdesk.upn);
      for (const identity of [MARKETING, SALES]) {
        const granted = await submitRequest({ user: helpdesk, actor, ex: full, actionId: grantId, rawParams: { identity, ...grantParams } });
        expect(granted.outcome?.status).toBe("SUCCEEDED");
      }
    }
    const ex = await exchangeAs(scoped.upn);
    const outside = await submitRequest({ user: scoped, actor, ex, actionId, rawParams: { identity: MARKETING, ...params } });
    expect(outside.outcome).toMatchObject({ status: "FAILED", error: { kind: "out_of_scope" } });
    expect(outside.outcome?.error?.message).toContain("out of the current user's write scope");

    const inside = await submitRequest({ user: scoped, actor, ex, actionId, rawParams: { identity: SALES, ...params } });
    expect(inside.outcome?.status, JSON.stringify(inside.outcome?.error)).toBe("SUCCEEDED");
    expect(inside.outcome?.verification).toBe("VERIFIED");
  });
});
