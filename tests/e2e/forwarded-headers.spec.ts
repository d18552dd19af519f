import { randomUUID } from "node:crypto";
import { expect, test, type Browser } from "@playwright/test";
import pg from "pg";
import type { TStack } from "../../scripts/stack/start-stack";
import { signInAs } from "./support";
import { callAction, messageOf } from "./support/access-client";
import { fillSegments, readBuiltApp } from "./support/built-app";
import { startOwnStack } from "./support/own-stack";

// Issue 13, point 4: X-Forwarded-For was believed from anyone. Portals of their own, started as
// production starts them (scripts/serve.ts): one trusting no proxy (the default), reached
// directly by clients that forge the header; one trusting 127.0.0.1 and ::1 as proxies.

test.describe.configure({ mode: "serial" });

const FORGED = "198.51.100.77";
const LOOPBACK = /^(127\.0\.0\.1|::1)$/;
const BROWSER_SIGN_INS = 2; // admin@ and auditor@, through "localhost" (127.0.0.1 or ::1)
const ADD_PROTECTION = "app/(portal)/admin/policies/actions.ts#addProtectionAction";

// Protects a made-up department as admin@ (a policy.changed event, a mutation rate-limit count).
async function protectDepartment(browser: Browser, stack: TStack, headers: Record<string, string>): Promise<string> {
  const admin = await browser.newContext({ baseURL: stack.portalUrl, extraHTTPHeaders: headers });
  await signInAs(await admin.newPage(), "admin", "/admin/policies", stack.portalUrl);
  const action = readBuiltApp().actions.find((a) => a.key === ADD_PROTECTION)!;
  const department = `Forwarded ${randomUUID().slice(0, 8)}`;
  const res = await callAction(admin.request, action.id, fillSegments(action.page, {}), { form: { kind: "DEPARTMENT", value: department } }, stack.portalUrl);
  expect(messageOf(await res.text())).toBe("Protected: every change to it now needs approval.");
  await admin.close();
  return department;
}

// The address the audit recorded for that change, read by auditor@ from the export.
async function auditedAddress(browser: Browser, stack: TStack, department: string, headers: Record<string, string>): Promise<string | null> {
  const auditor = await browser.newContext({ baseURL: stack.portalUrl, extraHTTPHeaders: headers });
  await signInAs(await auditor.newPage(), "auditor", "/audit", stack.portalUrl);
  const res = await auditor.request.get("/api/audit/export?format=jsonl&type=policy.changed");
  expect(res.status()).toBe(200);
  const rows = (await res.text()).trim().split("\n").slice(1).map((l) => JSON.parse(l) as { actorIp: string | null; data: { after?: string } });
  await auditor.close();
  const row = rows.find((r) => r.data.after === department);
  expect(row, `the audit has the protection of ${department}`).toBeDefined();
  return row!.actorIp;
}

// Every rate-limit key the portal wrote, read once it has stopped.
async function rateLimitKeys(stack: TStack): Promise<Map<string, number>> {
  await stack.stop();
  const client = new pg.Client({ connectionString: stack.portalEnv.DATABASE_URL });
  await client.connect();
  try {
    const sql = `SELECT "key", SUM("count")::int AS "count" FROM "RateLimitBucket" GROUP BY "key"`;
    const rows = (await client.query<{ key: string; count: number }>(sql)).rows;
    return new Map(rows.map((r) => [r.key, r.count]));
  } finally {
    await client.end();
  }
}

test("a forged X-Forwarded-For from an untrusted peer changes neither the audited address nor any rate-limit key", async ({ browser, playwright }) => {
  test.setTimeout(300_000);
  // Listening on "::": 127.0.0.1 and ::1 are two client addresses on this one machine.
  const stack = await startOwnStack("forwarded-untrusted", {}, { hostname: "::" });
  const port = new URL(stack.portalUrl).port;
  try {
    const forged = { "x-forwarded-for": FORGED, "x-real-ip": FORGED, "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" };
    const department = await protectDepartment(browser, stack, forged);
    expect(await auditedAddress(browser, stack, department, forged)).toMatch(LOOPBACK);

    // A forged X-Forwarded-Host cannot make a foreign Origin pass as the portal's own.
    const action = readBuiltApp().actions.find((a) => a.key === ADD_PROTECTION)!;
    const outsider = await playwright.request.newContext();
    const foreign = await outsider.post(`${stack.portalUrl}/admin/policies`, {
      headers: { "next-action": action.id, origin: "https://evil.example", "x-forwarded-host": "evil.example", "content-type": "text/plain;charset=UTF-8" },
      data: "[]", maxRedirects: 0, failOnStatusCode: false,
    });
    expect(foreign.status()).toBe(403);
    await outsider.dispose();

    // The sign-in limit (100 starts per address per 5 minutes), aimed at a victim: an attacker
    // on 127.0.0.1 names ::1 in every start. It counts against the attacker alone.
    const attacker = await playwright.request.newContext();
    const start = (from: "127.0.0.1" | "[::1]", forwardedFor?: string) =>
      attacker.post(`http://${from}:${port}/api/auth/signin/entra`, {
        headers: { origin: `http://${from}:${port}`, ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}) },
        form: { json: "true" }, maxRedirects: 0, failOnStatusCode: false,
      });
    let refusedAt = -1;
    // Windows are fixed: 100 starts, or up to 200 if they straddle the turn of a window.
    for (let i = 0; i <= 200 && refusedAt < 0; i++) if ((await start("127.0.0.1", "::1")).status() === 429) refusedAt = i;
    expect(refusedAt).toBeGreaterThanOrEqual(100 - BROWSER_SIGN_INS);
    expect(refusedAt).toBeLessThanOrEqual(200);
    // A new made-up address each time does not dodge it either.
    expect((await start("127.0.0.1", `203.0.113.${Math.floor(Math.random() * 250) + 1}`)).status()).toBe(429);
    // The victim named in every start may still start signing in.
    expect((await start("[::1]")).status()).not.toBe(429);
    await attacker.dispose();

    const keys = await rateLimitKeys(stack);
    const names = [...keys.keys()];
    expect(names.filter((k) => k.includes("198.51.100.") || k.includes("203.0.113.")), "keys naming a forged address").toEqual([]);
    expect(names.filter((k) => k.startsWith("mutation:ip:")).map((k) => k.slice("mutation:ip:".length))).toEqual([expect.stringMatching(LOOPBACK)]);
    expect(keys.get("signin:ip:127.0.0.1")).toBeGreaterThan(100);
    // The victim's own start, and admin@'s and auditor@'s sign-ins if "localhost" is ::1 here.
    expect(keys.get("signin:ip:::1") ?? 0, "starts counted against the victim").toBeLessThanOrEqual(1 + BROWSER_SIGN_INS);
  } finally {
    await stack.stop();
  }
});

test("behind a trusted proxy the forwarded client address is used, read from the right past the proxies", async ({ browser }) => {
  test.setTimeout(300_000);
  const stack = await startOwnStack("forwarded-trusted", { EXODESK_TRUSTED_PROXIES: "127.0.0.1, ::1" });
  try {
    // The leftmost entry is whatever the client claimed; the proxy appended the real one.
    const department = await protectDepartment(browser, stack, { "x-forwarded-for": `${FORGED}, 203.0.113.50, 127.0.0.1` });
    expect(await auditedAddress(browser, stack, department, { "x-forwarded-for": "203.0.113.60" })).toBe("203.0.113.50");
    const keys = await rateLimitKeys(stack);
    expect(keys.get("mutation:ip:203.0.113.50")).toBe(1);
    expect([...keys.keys()].filter((k) => k.includes(FORGED))).toEqual([]);
  } finally {
    await stack.stop();
  }
});
