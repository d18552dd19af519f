import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { findActiveContent } from "../../lib/html/message-html";
import { loadOrCreateSecrets } from "../../scripts/stack/secrets";
import { DEMO_TENANT_ID } from "../emulator/index";
import { FORM, formBody, httpsRequest } from "../emulator/test-support/https-client";
import { applyVerified, changeCalls, emulator, fillEnabledReply, mailbox, pasteHtml, postedMessage, replyEditor, signInAs } from "./support";
import { PORTAL_URL as PORTAL, workerStack } from "./support/worker-stack";

// Issue "Reliability and security", point 5: CSP, security headers, cookie flags, server action
// origins, callback URLs, and a public XSS payload list against every page that shows
// automatic-reply messages. The payloads are seeded straight into Exchange (the emulator), so
// they reach the pages the way a message written in Outlook would, past ExoDesk's input check.

const PAYLOADS = readFileSync(path.join(process.cwd(), "tests", "e2e", "fixtures", "xss-payloads.txt"), "utf8")
  .split("\n")
  .filter((l) => l !== "" && !l.startsWith("# "));
// 29 payloads a message, two messages a mailbox: 6 mailboxes carry the whole list (each payload
// is also checked on its own against the sanitiser in lib/security/xss-payloads.test.ts).
const PER_MESSAGE = 29;
const TARGETS = [
  "grady.archie", "henrietta.mueller", "isaiah.langer", "joni.sherman", "lee.gu", "miriam.graham",
  "nestor.wilke", "pradeep.gupta", "sofia.rossi", "liam.obrien", "jack.thompson", "mia.nguyen",
  "lucas.silva", "noah.becker", "ava.wilson", "adam.vance",
];
const chunk = <T>(xs: T[], n: number) => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, (i + 1) * n));
const messages = chunk(PAYLOADS, PER_MESSAGE).map((batch) => batch.map((p) => `<p>${p}</p>`).join("\n"));
const seeded = chunk(messages, 2).map(([internal, external = "<p>x</p>"], i) => ({ local: TARGETS[i]!, internal: internal!, external }));

test.describe.configure({ mode: "serial" });

// ---- detectors ------------------------------------------------------------------------------

type TDetector = { executions: string[]; violations: string[] };

// Every way a payload can report that it ran: the __xss binding, alert/confirm/prompt (wrapped,
// and a dialog listener for any frame the wrapper missed); CSP violations are recorded too.
async function armDetectors(context: BrowserContext): Promise<TDetector> {
  const d: TDetector = { executions: [], violations: [] };
  await context.exposeBinding("__xss", ({ frame }, arg) => void d.executions.push(`__xss(${String(arg)}) in ${frame.url()}`));
  await context.exposeBinding("__cspViolation", (_src, v: string) => void d.violations.push(v));
  await context.addInitScript(() => {
    const w = window as unknown as Record<string, unknown> & { __xss: (a: unknown) => void; __cspViolation: (v: string) => void };
    for (const name of ["alert", "confirm", "prompt"]) w[name] = (arg: unknown) => w.__xss(`${name}:${String(arg)}`);
    document.addEventListener("securitypolicyviolation", (e) =>
      w.__cspViolation(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${location.pathname} (${e.sample})`),
    );
  });
  context.on("page", (page) => watchDialogs(page, d));
  return d;
}

function watchDialogs(page: Page, d: TDetector) {
  page.on("dialog", (dialog) => {
    d.executions.push(`${dialog.type()}(${dialog.message()}) on ${page.url()}`);
    void dialog.dismiss();
  });
}

async function newSignedInPage(browser: Browser, user: string, options: { bypassCSP?: boolean } = {}) {
  const context = await browser.newContext({ baseURL: PORTAL, ignoreHTTPSErrors: true, bypassCSP: options.bypassCSP ?? false });
  const detector = await armDetectors(context);
  const page = await context.newPage();
  watchDialogs(page, detector);
  await signInAs(page, user, "/mailboxes");
  return { context, page, detector };
}

// Nothing in the rendered message may be able to run or load code, whatever the browser made of it.
async function expectInertMessages(page: Page) {
  const bad = await page.evaluate(() => {
    const found: string[] = [];
    const active = /^(script|style|iframe|frame|object|embed|svg|math|form|input|button|meta|link|base|img|image|video|audio|template|noscript)$/i;
    for (const root of Array.from(document.querySelectorAll(".prose-message"))) {
      for (const el of Array.from(root.querySelectorAll("*"))) {
        if (active.test(el.localName)) found.push(el.outerHTML.slice(0, 120));
        for (const a of Array.from(el.attributes)) {
          if (/^on/i.test(a.name) || a.name === "style" || a.name === "srcdoc") found.push(`${el.localName} ${a.name}=${a.value}`);
          if (["href", "src", "action", "formaction", "background", "xlink:href"].includes(a.name)) {
            const protocol = new URL(a.value, location.href).protocol;
            if (!["http:", "https:", "mailto:"].includes(protocol)) found.push(`${el.localName} ${a.name}=${a.value}`);
          }
        }
      }
    }
    return found;
  });
  expect(bad).toEqual([]);
}

// Lets what a payload could ride on fire: the load event (by which image and media errors have
// fired), then two animation frames and a task (animation starts, focus, toggles and zero-delay
// timers; frames of the page render with it).
async function settle(page: Page) {
  await page.waitForLoadState("load");
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve)))));
}

// Opens every preview (the raw HTML in a sandboxed frame), moves the mouse over the messages and
// lets timers, animations and error events fire.
async function exercise(page: Page) {
  const previews = page.getByRole("button", { name: "Preview", exact: true });
  while ((await previews.count()) > 0) await previews.first().click();
  await expect(page.locator("iframe[title^='Preview']").first()).toBeVisible();
  for (const box of await page.locator(".prose-message").all()) await box.hover({ force: true }).catch(() => undefined);
  await settle(page);
}

// ---- Exchange, as a helpdesk person's own client would call it --------------------------------

async function exchangeToken(upn: string): Promise<string> {
  const { emulatorUrl: emu, caPath: ca, dir } = workerStack();
  const secrets = loadOrCreateSecrets(path.join(dir, "data"));
  const redirectUri = `${PORTAL}/api/auth/callback/entra`;
  const scope = "openid profile offline_access https://outlook.office365.com/Exchange.Manage";
  const verifier = randomBytes(48).toString("base64url");
  const authorize = new URL(`${emu}/${DEMO_TENANT_ID}/oauth2/v2.0/authorize`);
  const params = {
    client_id: secrets.clientId, response_type: "code", redirect_uri: redirectUri, scope, state: "s", nonce: "n", response_mode: "query",
    code_challenge: createHash("sha256").update(verifier).digest("base64url"), code_challenge_method: "S256",
  };
  for (const [k, v] of Object.entries(params)) authorize.searchParams.set(k, v);
  const picker = (await httpsRequest(ca, authorize.toString())).text();
  const action = /<form method="post" action="([^"]+)"/.exec(picker)?.[1];
  const ctx = /name="ctx" value="([^"]+)"/.exec(picker)?.[1];
  if (!action || !ctx) throw new Error("the emulator's sign-in page has no form");
  const login = await httpsRequest(ca, new URL(action.replaceAll("&amp;", "&"), emu).toString(), { method: "POST", headers: FORM, body: formBody({ ctx, login: upn }) });
  const code = new URL(login.header("location") ?? "", PORTAL).searchParams.get("code");
  if (!code) throw new Error(`no authorization code for ${upn}: ${login.status}`);
  const token = await httpsRequest(ca, `${emu}/${DEMO_TENANT_ID}/oauth2/v2.0/token`, {
    method: "POST", headers: FORM,
    body: formBody({ grant_type: "authorization_code", client_id: secrets.clientId, client_secret: secrets.clientSecret, code, code_verifier: verifier, redirect_uri: redirectUri, scope }),
  });
  return token.json<{ access_token: string }>().access_token;
}

async function setAutoReplyInExchange(token: string, address: string, internal: string, external: string) {
  const { emulatorUrl, caPath } = workerStack();
  const res = await httpsRequest(caPath, `${emulatorUrl}/adminapi/beta/${DEMO_TENANT_ID}/InvokeCommand`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json", Authorization: `Bearer ${token}`, "X-CmdletName": "Set-MailboxAutoReplyConfiguration" },
    body: JSON.stringify({
      CmdletInput: {
        CmdletName: "Set-MailboxAutoReplyConfiguration",
        Parameters: { Identity: address, AutoReplyState: "Enabled", InternalMessage: internal, ExternalMessage: external, ExternalAudience: "All" },
      },
    }),
  });
  if (res.status !== 200) throw new Error(`Set-MailboxAutoReplyConfiguration ${address}: ${res.status} ${res.text()}`);
}

// ---- headers, cookies, nonces -----------------------------------------------------------------

const nonceOf = (csp: string | undefined) => /'nonce-([^']+)'/.exec(csp ?? "")?.[1];

function expectSecurityHeaders(headers: Record<string, string>, where: string) {
  expect(headers["x-content-type-options"], where).toBe("nosniff");
  expect(headers["referrer-policy"], where).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"], where).toBe("DENY");
  expect(headers["permissions-policy"], where).toMatch(/camera=\(\).*microphone=\(\).*geolocation=\(\)/);
  expect(headers["cross-origin-opener-policy"], where).toBe("same-origin");
  expect(headers["x-powered-by"], where).toBeUndefined();
  // The e2e portal runs on http://localhost, so no HSTS (unit-tested for https in lib/security).
  expect(headers["strict-transport-security"], where).toBeUndefined();
}

function expectStrictCsp(csp: string | undefined, where: string) {
  const nonce = nonceOf(csp);
  expect(nonce, `${where}: CSP nonce`).toBeTruthy();
  const emulatorOrigin = new URL(workerStack().emulatorUrl).origin;
  for (const d of [
    "default-src 'self'", `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`, `style-src 'self' 'nonce-${nonce}'`, "img-src 'self' data:",
    "connect-src 'self'", "frame-ancestors 'none'", `form-action 'self' ${emulatorOrigin}`, "base-uri 'none'", "object-src 'none'",
  ]) {
    expect(csp, where).toContain(d);
  }
  expect(csp, where).not.toMatch(/unsafe-inline|unsafe-eval/);
}

test("every response carries the security headers and a fresh CSP nonce that Next.js puts on its scripts", async ({ request }) => {
  const nonces = new Set<string>();
  for (let i = 0; i < 3; i++) {
    const res = await request.get("/signin");
    expect(res.status()).toBe(200);
    const headers = res.headers();
    expectSecurityHeaders(headers, "/signin");
    expectStrictCsp(headers["content-security-policy"], "/signin");
    const nonce = nonceOf(headers["content-security-policy"])!;
    nonces.add(nonce);
    const html = await res.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect(html).not.toMatch(/\sstyle="/);
  }
  expect(nonces.size).toBe(3);

  for (const apiPath of ["/api/auth/session", "/api/auth/csrf", "/api/audit/export?format=csv"]) {
    const res = await request.get(apiPath, { maxRedirects: 0 });
    expectSecurityHeaders(res.headers(), apiPath);
    expectStrictCsp(res.headers()["content-security-policy"], apiPath);
  }
  const html = await (await request.get("/signin")).text();
  const asset = /\/_next\/static\/[^"]+\.js/.exec(html)?.[0];
  expect(asset).toBeTruthy();
  expectSecurityHeaders((await request.get(asset!)).headers(), asset!);
});

test("next-auth's cookies are HttpOnly and SameSite=Lax", async ({ page, context }) => {
  const setCookies: string[] = [];
  // Every response's headers are read before the check; one still arriving when the test ends
  // (the header asking for its counts) is of no interest and must not fail it as the page closes.
  const reads: Promise<void>[] = [];
  page.on("response", (res) => {
    if (new URL(res.url()).origin !== PORTAL) return;
    reads.push(
      res.headersArray().then(
        (headers) => headers.forEach((h) => h.name.toLowerCase() === "set-cookie" && setCookies.push(...h.value.split("\n"))),
        () => {},
      ),
    );
  });
  await signInAs(page, "helpdesk", "/mailboxes");
  await Promise.all(reads);
  const authCookies = setCookies.filter((c) => /^(__Secure-|__Host-)?next-auth\./.test(c));
  const names = new Set(authCookies.map((c) => c.split("=")[0]));
  for (const n of ["next-auth.session-token", "next-auth.csrf-token", "next-auth.callback-url", "next-auth.pkce.code_verifier", "next-auth.state", "next-auth.nonce"]) {
    expect([...names], n).toContain(n);
  }
  for (const c of authCookies) {
    expect(c, c).toMatch(/;\s*HttpOnly/i);
    expect(c, c).toMatch(/;\s*SameSite=Lax/i);
    expect(c, c).toMatch(/;\s*Path=\//i);
  }
  const session = (await context.cookies()).find((c) => c.name === "next-auth.session-token");
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
});

test("pages run under the policy without a single violation, and the message preview still works", async ({ browser }) => {
  await emulator().post("/_emulator/reset");
  const { context, page, detector } = await newSignedInPage(browser, "helpdesk");
  await page.goto(`/mailboxes/${mailbox("megan.bowen")}/auto-reply`);
  await expect(page.getByRole("heading", { name: /Automatic replies for/ })).toBeVisible();
  await page.getByRole("radio", { name: "On" }).check();
  const internal = replyEditor(page, "internal");
  await internal.fill("Away until ");
  await internal.press("ControlOrMeta+b");
  await internal.pressSequentially("Monday");
  await page.getByRole("button", { name: "Preview", exact: true }).first().click();
  await expect(page.frameLocator("iframe[title^='Preview']").first().getByText("Away until")).toBeVisible();
  await page.goto("/requests");
  await page.goto("/mailboxes");
  await expect(page.getByLabel("Mailbox")).toBeVisible();
  await context.close();
  const auditor = await newSignedInPage(browser, "auditor");
  await auditor.page.goto("/audit");
  await expect(auditor.page.getByRole("heading").first()).toBeVisible();
  await auditor.context.close();
  expect(detector.violations).toEqual([]);
  expect(auditor.detector.violations).toEqual([]);
  expect([...detector.executions, ...auditor.detector.executions]).toEqual([]);
});

// ---- callback URLs ----------------------------------------------------------------------------

const TRICKY_CALLBACKS = [
  "//evil.example", "///evil.example", "/\\evil.example", "\\\\evil.example", "\\/evil.example", "/\t/evil.example",
  "/%2F%2Fevil.example", "/%5C%5Cevil.example", "https://evil.example", "HTTPS://evil.example/", "https:evil.example",
  `${PORTAL}@evil.example`, "//localhost@evil.example", "javascript:alert(1)", "JaVaScRiPt:alert(1)",
  "data:text/html,<script>alert(1)</script>", "evil.example", " //evil.example", "/./..//evil.example",
];

test("a crafted callbackUrl never leaves the portal", async ({ browser }) => {
  const { context, page } = await newSignedInPage(browser, "helpdesk");
  const left: string[] = [];
  await context.route((url) => url.hostname.endsWith("evil.example"), (route) => {
    left.push(route.request().url());
    return route.abort();
  });
  for (const value of TRICKY_CALLBACKS) {
    // Signed in, /signin sends a person straight to the callback.
    await page.goto(`/signin?callbackUrl=${encodeURIComponent(value)}`);
    expect(new URL(page.url()).origin, value).toBe(PORTAL);
    // next-auth keeps the callback in a cookie for after Entra's redirect: its redirect callback decides.
    const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
    const res = await page.request.post("/api/auth/signin/entra", { form: { csrfToken, callbackUrl: value, json: "true" }, headers: { origin: PORTAL } });
    expect(res.ok(), value).toBe(true);
    const cookie = (await context.cookies()).find((c) => c.name.endsWith("next-auth.callback-url"));
    expect(new URL(decodeURIComponent(cookie!.value)).origin, value).toBe(PORTAL);
  }
  // Sign-out's callback goes through the same check (signed out after the first, which is fine).
  for (const value of TRICKY_CALLBACKS) {
    const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
    const out = await page.request.post("/api/auth/signout", { form: { csrfToken, callbackUrl: value, json: "true" }, headers: { origin: PORTAL }, maxRedirects: 0 });
    expect(new URL((await out.json()).url).origin, value).toBe(PORTAL);
  }
  expect(left).toEqual([]);
  await context.close();

  // The whole round trip through Entra ID with a foreign callback ends on the portal.
  const fresh = await browser.newContext({ baseURL: PORTAL, ignoreHTTPSErrors: true });
  const p = await fresh.newPage();
  await signInAs(p, "helpdesk", "//evil.example/steal");
  expect(new URL(p.url()).origin).toBe(PORTAL);
  await fresh.close();
});

// ---- server actions from another origin -------------------------------------------------------

test("a server action posted from another origin, or with no origin, is refused and changes nothing", async ({ browser }) => {
  await emulator().post("/_emulator/reset");
  const { context, page } = await newSignedInPage(browser, "helpdesk");
  const address = mailbox("carmen.garcia");
  await page.goto(`/mailboxes/${address}/auto-reply`);
  await fillEnabledReply(page, "Genuine change.");
  const actionRequest = page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
  await page.getByRole("button", { name: "Apply change" }).click();
  const original = await actionRequest;
  await expect(page.getByText("Done and verified")).toBeVisible();

  await emulator().del("/_emulator/calls");
  const before = (await emulator().get<{ autoReply: unknown }>(`/_emulator/state/mailboxes/${address}`)).autoReply;
  const { origin: _o, cookie: _c, "content-length": _l, ...headers } = await original.allHeaders();
  const body = original.postDataBuffer()!;
  const replay = (origin: string | undefined) =>
    page.request.fetch(original.url(), { method: "POST", headers: { ...headers, ...(origin ? { origin } : {}) }, data: body, maxRedirects: 0 });

  for (const origin of ["https://evil.example", "http://localhost:3999", "null", undefined]) {
    const res = await replay(origin);
    expect(res.status(), String(origin)).toBeGreaterThanOrEqual(400);
    expectSecurityHeaders(res.headers(), `refused action from ${origin}`);
  }
  expect(await changeCalls()).toEqual([]);
  expect((await emulator().get<{ autoReply: unknown }>(`/_emulator/state/mailboxes/${address}`)).autoReply).toEqual(before);

  // The same bytes from the portal's own origin are accepted: the refusals above were the origin's doing.
  expect((await replay(PORTAL)).status()).toBe(200);
  await context.close();
});

// ---- XSS --------------------------------------------------------------------------------------

test.describe("the public XSS payload list", () => {
  const requestIds: string[] = [];

  test.beforeAll(async () => {
    await emulator().post("/_emulator/reset");
    const token = await exchangeToken(mailbox("helpdesk"));
    for (const m of seeded) await setAutoReplyInExchange(token, mailbox(m.local), m.internal, m.external);
    const stored = (await emulator().get<{ autoReply: { internalMessage: string } }>(`/_emulator/state/mailboxes/${mailbox(seeded[0]!.local)}`)).autoReply;
    expect(stored.internalMessage).toContain(PAYLOADS[0]);
  });

  test(`${PAYLOADS.length} payloads run nowhere on the auto-reply pages, even with CSP switched off`, async ({ browser }) => {
    test.setTimeout(300_000);
    // Without CSP the sanitiser and the preview's sandbox are all that stand in the way.
    const bare = await newSignedInPage(browser, "helpdesk", { bypassCSP: true });
    // The detectors do see a payload that runs.
    await bare.page.goto("/signin");
    await bare.page.evaluate(() => { document.body.insertAdjacentHTML("beforeend", "<img src=x onerror=alert(0)><img src=y onerror=top.__xss(0)>"); });
    await expect.poll(() => bare.detector.executions.length).toBe(2);
    bare.detector.executions.length = 0;
    for (const m of seeded) {
      await bare.page.goto(`/mailboxes/${mailbox(m.local)}/auto-reply`);
      await expect(bare.page.getByRole("heading", { name: /Automatic replies for/ })).toBeVisible();
      await expectInertMessages(bare.page);
      await exercise(bare.page);
    }
    await bare.context.close();
    expect(bare.detector.executions).toEqual([]);

    // With CSP, as deployed; then each mailbox gets a plain message through the form, so its
    // request keeps the payloads as "before".
    const { context, page, detector } = await newSignedInPage(browser, "helpdesk");
    for (const m of seeded) {
      await page.goto(`/mailboxes/${mailbox(m.local)}/auto-reply`);
      await expect(page.getByRole("heading", { name: /Automatic replies for/ })).toBeVisible();
      await expectInertMessages(page);
      await exercise(page);
      await replyEditor(page, "internal").fill("Plain again.");
      await page.getByLabel("Reply to senders outside the organisation").selectOption("All");
      await replyEditor(page, "external").fill("Plain for outside.");
      await applyVerified(page);
      const href = await page.getByRole("link", { name: "See the request" }).getAttribute("href");
      requestIds.push(href!.split("/").pop()!);
      await page.goto(href!);
      await expect(page.getByRole("heading", { name: "What changed" })).toBeVisible();
      await settle(page);
    }
    await context.close();
    test.info().annotations.push({ type: "csp-violations", description: String(detector.violations.length) });
    expect(detector.executions).toEqual([]);
  });

  test("the auditor's history, mailbox and request pages run none of them", async ({ browser }) => {
    test.setTimeout(300_000);
    expect(requestIds).toHaveLength(seeded.length);
    const { context, page, detector } = await newSignedInPage(browser, "auditor");
    await page.goto("/audit");
    await settle(page);
    for (const [i, m] of seeded.entries()) {
      await page.goto(`/audit/mailboxes/${encodeURIComponent(mailbox(m.local))}`);
      await expect(page.getByRole("heading", { name: /Every change to/ })).toBeVisible();
      await settle(page);
      await page.goto(`/audit/requests/${requestIds[i]}`);
      await expect(page.getByRole("heading", { name: "Before and after" })).toBeVisible();
      // The payloads are on the page, as Exchange stored them, in the technical details.
      await page.getByText("Technical details").click();
      await expect(page.locator("details pre").nth(1)).toContainText(JSON.stringify(PAYLOADS[i * PER_MESSAGE * 2]!).slice(1, -1));
      await settle(page);
    }
    await context.close();
    expect(detector.executions).toEqual([]);
  });

  test("pasted into the editor, they run nowhere; posted as they are, they are refused with a field error", async ({ browser }) => {
    test.setTimeout(300_000);
    const { context, page, detector } = await newSignedInPage(browser, "helpdesk");
    await page.goto(`/mailboxes/${mailbox("carmen.garcia")}/auto-reply`);
    await page.getByRole("radio", { name: "On" }).check();
    await page.getByRole("button", { name: "Preview", exact: true }).first().click();
    await emulator().del("/_emulator/calls");
    // Payloads that are only text, or that no browser runs, are accepted as text: they are left out here.
    const refusable = PAYLOADS.filter((p) => findActiveContent(p) !== null);
    expect(refusable.length).toBeGreaterThan(PAYLOADS.length * 0.85);
    for (const batch of chunk(refusable, PER_MESSAGE)) {
      // A person can only paste markup: the editor keeps its text, drops what could run, and the
      // open preview shows what is left.
      await pasteHtml(replyEditor(page, "internal"), batch.join("\n"));
      await settle(page);
      // Posted as they are, past the editor (a crafted request), the server refuses them.
      await postedMessage(page, "internal").evaluate((el, html) => ((el as HTMLInputElement).value = html), batch.join("\n"));
      const answered = page.waitForResponse((r) => r.request().method() === "POST" && Boolean(r.request().headers()["next-action"]));
      await page.getByRole("button", { name: "Apply change" }).click();
      await answered;
      await expect(page.locator("#internalMessage-error")).toContainText("not allowed in an automatic reply");
    }
    expect(await changeCalls()).toEqual([]);
    await context.close();
    expect(detector.executions).toEqual([]);
  });
});
