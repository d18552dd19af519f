import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { SignJWT, generateKeyPair } from "jose";
import { callEmulator } from "../support/emulator-control";
import type { TReceivedMail } from "../emulator/notifications/mail-sink";
import type { TReceivedWebhook } from "../emulator/notifications/webhook-receiver";
import { applyVerified, emulator, fillEnabledReply, mailbox, openAutoReply, signInAs } from "./support";
import { allStacks } from "./support/worker-stack";

// Runs after every other journey (see playwright.config.ts), so the logs and the databases of
// every worker's stack hold everything the suite did: sign-ins, refreshes, revocations, faults.
const JWS = /eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,}/;
const REFRESH_TOKEN = /1\.A[A-Za-z0-9_-]{100,}/; // Entra's refresh token form, as the emulator issues it

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

function findSecretIn(text: string, secrets: string[]): string | null {
  const hit = JWS.exec(text)?.[0] ?? REFRESH_TOKEN.exec(text)?.[0] ?? secrets.find((s) => text.includes(s));
  return hit ? `${hit.slice(0, 24)}…` : null;
}

test("the patterns recognise real tokens", async () => {
  const { privateKey } = await generateKeyPair("RS256");
  const jwt = await new SignJWT({ scp: "Exchange.Manage", upn: "x@contoso.onmicrosoft.com" }).setProtectedHeader({ alg: "RS256", kid: "k" }).setAudience("https://outlook.office365.com").sign(privateKey);
  expect(JWS.test(jwt)).toBe(true);
  expect(REFRESH_TOKEN.test(`1.A${"x".repeat(160)}`)).toBe(true);
});

test("no token or secret in the session cookie, the browser's storage, the logs, the mail and webhooks sent, or the database", async ({ page, context }) => {
  const runDir = process.env.E2E_RUN_DIR!;
  const stacks = allStacks();
  // Every stack the suite started (each worker's, and those of journeys with their own) and its secrets.
  const files = filesUnder(runDir);
  const secretValues = files
    .filter((f) => f.endsWith("demo-secrets.json"))
    .flatMap((f) => {
      const secrets = JSON.parse(readFileSync(f, "utf8")) as Record<string, string>;
      return [secrets.clientSecret!, secrets.nextAuthSecret!, secrets.tokenCacheKey!, secrets.smtpPassword!, secrets.webhookSecret!];
    })
    .concat(process.env.E2E_METRICS_TOKEN!); // global-setup's scraper token for /api/metrics

  await emulator().post("/_emulator/reset");
  await signInAs(page, "helpdesk");
  await openAutoReply(page, "adele", mailbox("adele.vance"));
  await fillEnabledReply(page, "Scan me");
  await applyVerified(page);

  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name.endsWith("next-auth.session-token"));
  expect(session, "a session cookie exists").toBeDefined();
  // next-auth's cookie is an encrypted JWE (five parts, "dir" key), not a readable JWT.
  expect(session!.value.split(".")).toHaveLength(5);
  expect(session!.httpOnly).toBe(true);
  for (const c of cookies) expect(findSecretIn(c.value, secretValues), `cookie ${c.name}`).toBeNull();

  const storage = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
  expect(findSecretIn(storage, secretValues), "browser storage").toBeNull();
  const html = await page.content();
  expect(findSecretIn(html, secretValues), "page HTML").toBeNull();

  const logs = files.filter((f) => f.endsWith(".log"));
  expect(logs.length).toBeGreaterThanOrEqual(2 * stacks.length + 2); // a portal and an emulator per worker, and the crash journey's
  for (const log of logs) {
    const text = readFileSync(log, "utf8");
    expect(findSecretIn(text, [...secretValues, session!.value]), path.relative(runDir, log)).toBeNull();
  }
  // The portals' own lines are structured: JSON with a level, a time and the request's id.
  const lines = stacks.flatMap((s) => readFileSync(path.join(s.dir, "portal.log"), "utf8").split("\n")).filter((l) => l.startsWith("{"));
  const actions = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === "server action");
  expect(actions.length).toBeGreaterThan(10);
  for (const line of actions) {
    expect(line).toMatchObject({ level: "info", service: "exodesk", requestId: expect.stringMatching(/^[\w-]{8,64}$/), time: expect.any(String), outcome: expect.stringMatching(/^(ok|error)$/) });
  }

  // The notifications the portals sent: every message each worker's mail server received, whole
  // (headers included), and every webhook's body and headers (kept across the emulator's resets).
  const sent = await Promise.all(
    stacks.map(async (s) => {
      const base = { url: s.emulatorUrl, caPath: s.caPath };
      const { messages } = await callEmulator<{ messages: TReceivedMail[] }>(base, "GET", "/_emulator/mail");
      const { webhooks } = await callEmulator<{ webhooks: TReceivedWebhook[] }>(base, "GET", "/_emulator/webhooks");
      return [...messages.map((m) => m.raw), ...webhooks.map((w) => `${JSON.stringify(w.headers)}\n${w.body}`)];
    }),
  );
  expect(sent.flat().some((m) => m.includes("/requests/")), "the portals sent notifications to scan").toBe(true);
  for (const [i, message] of sent.flat().entries()) expect(findSecretIn(message, [...secretValues, session!.value]), `notification ${i}`).toBeNull();

  // The database files themselves, read raw: rows that hold plain text are readable here
  // (the positive control below), so a token stored in clear would be too.
  const raw = [...new Set(stacks.map((s) => s.dataDir))].flatMap(filesUnder).map((f) => readFileSync(f).toString("latin1"));
  expect(raw.some((r) => r.includes(mailbox("adele.vance"))), "the scan can see stored text").toBe(true);
  for (const [i, r] of raw.entries()) expect(findSecretIn(r, secretValues), `database file ${i}`).toBeNull();
});
