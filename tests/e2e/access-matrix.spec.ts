import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type BrowserContext } from "@playwright/test";
import { mailbox } from "./support";
import {
  callAction,
  classifyAction,
  classifyPage,
  classifyRoute,
  formatMatrix,
  IDENTITIES,
  messageOf,
  REFUSALS,
  signInEveryone,
  type TAnswer,
  type TCall,
  type TIdentity,
} from "./support/access-client";
import { fillSegments, readBuiltApp, type TBuiltApp } from "./support/built-app";

// Every server action, route handler and page the build serves, called as every demo identity
// (and as nobody). Which identities may pass is written down here, once; the build decides
// what is called, so a new action or route fails this spec until it has a row.

const H = "ExoDesk.Helpdesk";
const AP = "ExoDesk.Approver";
const AU = "ExoDesk.Auditor";
const AD = "ExoDesk.Admin";
type TRole = typeof H | typeof AP | typeof AU | typeof AD;
type TAllow = readonly TRole[] | "anyone";
// The rate limit each entry declares (lib/action/authorised.ts TRateLimit): every change, every call to
// Exchange and every read of the whole audit chain is limited; plain database reads are not.
type TLimitKind = "mutation" | "lookup" | "chain" | "none";

// The demo users' app roles (tests/emulator/tenant/seed-people.ts); nobody has no session.
const ROLES: Record<TIdentity, readonly TRole[] | null> = {
  nobody: null,
  helpdesk: [H],
  "scoped.helpdesk": [H],
  "writescope.helpdesk": [H],
  approver: [AP],
  auditor: [AU],
  admin: [AD],
  norole: [],
  noexchange: [H],
};

const TARGET = mailbox("adele.vance");
const MISSING = randomUUID(); // a request id nobody has
const SAMPLES = { identity: TARGET, address: TARGET, id: MISSING };
const form = (fields: Record<string, string>): TCall => ({ form: fields });

// What the wrappers in a source file are given as their rate limit. The argument is required
// (lib/action/authorised.ts), so a handler without a wrapper (the public health check) has none.
function declaredLimits(file: string, exportName?: string): string[] {
  const source = readFileSync(path.join(process.cwd(), file), "utf8");
  const start = exportName ? `export const ${exportName} = ` : "";
  const pattern = new RegExp(`${start}authorised(?:Form|Route)?\\(\\s*"[^"]+",\\s*\\{\\s*rateLimit:\\s*"(\\w+)"`, "g");
  return [...source.matchAll(pattern)].map((m) => m[1]!);
}

// Inputs are harmless: each is refused by validation or names nothing, so an allowed call
// proves it got past the access check without changing anything.
const EXPECTED = {
  actions: {
    "app/(portal)/mailboxes/actions.ts#searchMailboxes": { allow: [H, AP, AD], limit: "lookup", call: { args: ["zz-no-such-mailbox"] } },
    "app/(portal)/mailboxes/[identity]/auto-reply/actions.ts#setAutoReplyAction": { allow: [H, AP], limit: "mutation", call: form({ identity: TARGET, autoReplyState: "Bogus" }) },
    "app/(portal)/mailboxes/[identity]/access/actions.ts#changeAccessAction": { allow: [H, AP], limit: "mutation", call: form({ identity: TARGET, actionId: "not-offered" }) },
    // No colleague and no window: refused by validation, nothing recorded or sent.
    "app/(portal)/mailboxes/[identity]/cover/actions.ts#submitCoverAction": { allow: [H, AP], limit: "mutation", call: form({ identity: TARGET, autoReplyState: "Scheduled" }) },
    "app/(portal)/approvals/actions.ts#approveAction": { allow: [AP], limit: "mutation", call: form({ requestId: MISSING }) },
    "app/(portal)/approvals/actions.ts#rejectAction": { allow: [AP], limit: "mutation", call: form({ requestId: MISSING, reason: "access matrix" }) },
    "app/(portal)/requests/[id]/actions.ts#cancelAction": { allow: [H, AP, AD], limit: "mutation", call: form({ requestId: MISSING }) },
    "app/(portal)/requests/[id]/actions.ts#revertAction": { allow: [H, AP], limit: "mutation", call: form({ requestId: MISSING }) },
    "app/(portal)/requests/[id]/actions.ts#changeEndAction": { allow: [H, AP], limit: "mutation", call: form({ requestId: MISSING, until: "" }) },
    "app/(portal)/removals/actions.ts#removeNowAction": { allow: [H, AP], limit: "mutation", call: form({ requestId: MISSING }) },
    "app/(portal)/admin/policies/actions.ts#savePolicyAction": { allow: [AD], limit: "mutation", call: form({ actionId: "set-auto-reply", pendingHours: "0" }) },
    "app/(portal)/admin/policies/actions.ts#addProtectionAction": { allow: [AD], limit: "mutation", call: form({ kind: "NOTHING", value: "" }) },
    "app/(portal)/admin/policies/actions.ts#removeProtectionAction": { allow: [AD], limit: "mutation", call: form({ id: MISSING }) },
    "app/(portal)/admin/policies/actions.ts#saveNotificationSwitchAction": { allow: [AD], limit: "mutation", call: form({ event: "no.such-event" }) },
    "app/(portal)/admin/policies/actions.ts#saveNotifyAddressAction": { allow: [AD], limit: "mutation", call: form({ actionId: "full-access.grant", notifyAddress: "not an address" }) },
    "app/(portal)/admin/policies/actions.ts#retryDeliveryAction": { allow: [AD], limit: "mutation", call: form({ id: MISSING }) },
    // Called without a form, so it is refused after the access check and marks nothing read.
    "app/(portal)/notifications/actions.ts#markAllReadAction": { allow: [H, AP, AU, AD], limit: "mutation", call: { args: [] } },
    "app/(portal)/admin/templates/actions.ts#createTemplateAction": { allow: [AD], limit: "mutation", call: form({ name: "", internalMessage: "" }) },
    "app/(portal)/admin/templates/actions.ts#updateTemplateAction": { allow: [AD], limit: "mutation", call: form({ id: MISSING, name: "", internalMessage: "" }) },
    "app/(portal)/admin/templates/actions.ts#deleteTemplateAction": { allow: [AD], limit: "mutation", call: form({ id: MISSING }) },
    "app/(portal)/audit/actions.ts#checkAuditChainAction": { allow: [AU], limit: "chain", call: { args: [] } },
    // Called without a form, so it is refused after the access check and starts no report.
    "app/(portal)/reports/actions.ts#startReportAction": { allow: [H, AP, AD], limit: "mutation", call: { args: [] } },
    "app/(portal)/bulk/actions.ts#checkBulkList": { allow: [H, AP], limit: "lookup", call: { args: [""] } },
    "app/(portal)/bulk/actions.ts#listDepartmentMailboxes": { allow: [H, AP], limit: "lookup", call: { args: [""] } },
    "app/(portal)/bulk/actions.ts#submitBulkAction": { allow: [H, AP], limit: "mutation", call: form({ autoReplyState: "Bogus", targets: "" }) },
    "app/(portal)/bulk/actions.ts#retryFailedAction": { allow: [H, AP], limit: "mutation", call: { args: [MISSING] } },
    "app/(portal)/bulk/actions.ts#stopBulkAction": { allow: [H, AP], limit: "mutation", call: { args: [MISSING] } },
    // Called without a form, so it is refused after the access check and ends no session.
    "app/(portal)/actions.ts#signOutEverywhereAction": { allow: [H, AP, AU, AD], limit: "mutation", call: { args: [] } },
    "app/(portal)/admin/sessions/actions.ts#endSessionsAction": { allow: [AD], limit: "mutation", call: form({ oid: MISSING, tid: MISSING }) },
  } satisfies Record<string, { allow: TAllow; limit: TLimitKind; call: TCall }>,
  routes: {
    "GET /api/audit/export": { allow: [AU], limit: "chain", query: "?format=jsonl&type=policy.changed" },
    "GET /api/health": { allow: "anyone", limit: "none", query: "" },
    // An invalid sort is refused (400) before the report is looked up.
    "GET /api/reports/[id]/export": { allow: [H, AP, AD], limit: "none", query: "?sort=nonsense" },
    "GET /api/metrics": { allow: [AD], limit: "none", query: "" },
    // The header's counts: every app role has the header.
    "GET /api/header-counts": { allow: [H, AP, AU, AD], limit: "none", query: "" },
  } satisfies Record<string, { allow: TAllow; limit: TLimitKind; query: string }>,
  pages: {
    "/": [H, AP, AU, AD], // a redirect to the person's home page
    "/signin": "anyone",
    "/no-access": "anyone",
    "/mailboxes": [H, AP, AD],
    "/mailboxes/[identity]/auto-reply": [H, AP, AD],
    "/mailboxes/[identity]/access": [H, AP, AD],
    "/mailboxes/[identity]/cover": [H, AP, AD],
    "/covers/[id]": [H, AP],
    "/requests": [H, AP, AD],
    "/requests/[id]": [H, AP, AD],
    "/notifications": [H, AP, AU, AD],
    "/approvals": [AP],
    "/removals": [H, AP],
    "/audit": [AU],
    "/audit/mailboxes/[address]": [AU],
    "/audit/requests/[id]": [AU],
    "/admin/policies": [AD],
    "/admin/sessions": [AD],
    "/admin/templates": [AD],
    "/reports": [H, AP, AD],
    "/reports/[id]": [H, AP, AD],
    "/bulk": [H, AP],
    "/bulk/new": [H, AP],
    "/bulk/[id]": [H, AP],
  } satisfies Record<string, TAllow>,
};

const mayPass = (allow: TAllow, who: TIdentity) => allow === "anyone" || (ROLES[who] ?? []).some((r) => allow.includes(r));

type TRow = { key: string; cells: Map<TIdentity, { answer: TAnswer; expected: boolean }> };

async function runMatrix(title: string, entries: [string, TAllow][], ask: (key: string, who: TIdentity) => Promise<TAnswer>) {
  const rows: TRow[] = [];
  const wrong: string[] = [];
  for (const [key, allow] of entries) {
    const row: TRow = { key, cells: new Map() };
    for (const who of IDENTITIES) {
      const answer = await ask(key, who);
      const expected = mayPass(allow, who);
      row.cells.set(who, { answer, expected });
      if (answer.verdict === "broken") wrong.push(`${key} as ${who}: broken answer ${answer.detail}`);
      else if ((answer.verdict === "allowed") !== expected) wrong.push(`${key} as ${who}: ${answer.verdict} but expected ${expected ? "allowed" : "refused"} (${answer.detail})`);
    }
    rows.push(row);
  }
  const table = formatMatrix(rows);
  console.log(`\n${title}\n${table}\n`);
  await test.info().attach(title, { body: table, contentType: "text/plain" });
  expect(wrong, "unexpected allows/refusals").toEqual([]);
}

test.describe.configure({ mode: "serial" });

let built: TBuiltApp;
let contexts: Map<TIdentity, BrowserContext>;
const api = (who: TIdentity): APIRequestContext => contexts.get(who)!.request;
const action = (key: keyof typeof EXPECTED.actions) => {
  const found = built.actions.find((a) => a.key === key);
  if (!found) throw new Error(`the build has no action ${key}`);
  return { id: found.id, page: fillSegments(found.page, SAMPLES) };
};

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  built = readBuiltApp();
  contexts = await signInEveryone(browser);
});

test.afterAll(async () => {
  for (const context of contexts?.values() ?? []) await context.close();
});

test("the table lists exactly the actions, route handlers and pages the build serves", async () => {
  expect(built.actions.map((a) => a.key).sort()).toEqual(Object.keys(EXPECTED.actions).sort());
  // Next answers OPTIONS on a route handler with the methods it exports.
  const routeKeys: string[] = [];
  for (const route of built.routes) {
    const allow = (await api("nobody").fetch(fillSegments(route, SAMPLES), { method: "OPTIONS" })).headers()["allow"];
    expect(allow, `OPTIONS ${route} names its methods`).toBeTruthy();
    for (const m of allow!.split(",").map((s) => s.trim())) if (m !== "OPTIONS" && m !== "HEAD") routeKeys.push(`${m} ${route}`);
  }
  expect(routeKeys.sort()).toEqual(Object.keys(EXPECTED.routes).sort());
  expect(built.pages).toEqual(Object.keys(EXPECTED.pages).sort());
});

test("every action and route handler has the rate limit its row names; every server action has one", async () => {
  const lines: string[] = [];
  const wrong: string[] = [];
  for (const action of built.actions) {
    const row: { limit: TLimitKind } = EXPECTED.actions[action.key as keyof typeof EXPECTED.actions];
    const [file, name] = action.key.split("#") as [string, string];
    const declared = declaredLimits(file, name);
    lines.push(`${action.key}: ${declared.join(", ") || "(no wrapper)"}`);
    if (declared.length !== 1 || declared[0] !== row.limit) wrong.push(`${action.key} declares ${JSON.stringify(declared)}, its row says ${row.limit}`);
    // A server action is a POST that changes something, calls Exchange or reads the chain.
    if (row.limit === "none") wrong.push(`${action.key} is a server action without a rate limit`);
  }
  for (const [key, row] of Object.entries(EXPECTED.routes)) {
    const file = `app${key.split(" ")[1]}/route.ts`;
    const declared = [...new Set(declaredLimits(file))];
    lines.push(`${key}: ${declared.join(", ") || "(no wrapper)"}`);
    if ((declared.length ? declared : ["none"]).join() !== row.limit) wrong.push(`${key} declares ${JSON.stringify(declared)}, its row says ${row.limit}`);
  }
  await test.info().attach("rate limits", { body: lines.join("\n"), contentType: "text/plain" });
  expect(wrong).toEqual([]);
});

test("every server action answers exactly the identities its table row allows", async () => {
  test.setTimeout(300_000);
  const entries = Object.entries(EXPECTED.actions).map(([k, v]) => [k, v.allow] as [string, TAllow]);
  await runMatrix("server actions", entries, async (key, who) => {
    const { id, page } = action(key as keyof typeof EXPECTED.actions);
    return await classifyAction(await callAction(api(who), id, page, EXPECTED.actions[key as keyof typeof EXPECTED.actions].call));
  });
});

test("every route handler answers exactly the identities its table row allows", async () => {
  const entries = Object.entries(EXPECTED.routes).map(([k, v]) => [k, v.allow] as [string, TAllow]);
  await runMatrix("route handlers", entries, async (key, who) => {
    const [method, route] = key.split(" ") as [string, string];
    const url = fillSegments(route, SAMPLES) + EXPECTED.routes[key as keyof typeof EXPECTED.routes].query;
    return await classifyRoute(await api(who).fetch(url, { method, maxRedirects: 0, failOnStatusCode: false }));
  });
});

test("every page opens for exactly the identities its table row allows", async () => {
  test.setTimeout(300_000);
  await runMatrix("pages", Object.entries(EXPECTED.pages), async (key, who) => await classifyPage(api(who), fillSegments(key, SAMPLES)));
});

// A page's visible text once it has streamed in, without scripts and markup, to compare two
// answers. A part still waiting for Exchange when the frame was sent (`<!--$?-->`: its "Reading
// … from Exchange…" note) is left out; the part that replaces it follows in the same answer.
// Whether Exchange answered before the frame went is a matter of timing.
async function visibleText(who: TIdentity, url: string): Promise<string> {
  const res = await api(who).get(url, { maxRedirects: 0, failOnStatusCode: false });
  const body = (await res.text())
    .replace(/<!--\$\?-->[\s\S]*?<!--\/\$-->/g, "")
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");
  return `HTTP ${res.status()} ${res.headers()["location"] ?? ""} ${body}`.trim();
}

test("a request id in a URL or a form never reaches someone else's request", async () => {
  test.setTimeout(180_000);
  // A pending request of helpdesk@ (FullAccess grants wait for approval; make sure they still do).
  const policy = action("app/(portal)/admin/policies/actions.ts#savePolicyAction");
  await callAction(api("admin"), policy.id, policy.page, form({ actionId: "full-access.grant", requiresApproval: "on", pendingHours: "72" }));
  const access = action("app/(portal)/mailboxes/[identity]/access/actions.ts#changeAccessAction");
  const created = await callAction(api("helpdesk"), access.id, access.page, form({
    identity: TARGET, actionId: "full-access.grant", trustee: mailbox("megan.bowen"), autoMapping: "on", reason: "access matrix: a request others must not see",
  }));
  // The answer links the request it created.
  const answer = await created.text();
  const id = /"\/requests\/([0-9a-f-]{36})"/.exec(answer)?.[1];
  expect(id, `a pending request was created (${messageOf(answer)})`).toBeTruthy();

  // Its page: the requester sees it, and so does approver@, who was told it waits (a notification:
  // approvers who signed in before it was made); for anyone else it is exactly as missing as a random id.
  expect(await visibleText("helpdesk", `/requests/${id}`)).toMatch(/^HTTP 200/);
  expect(await visibleText("approver", `/requests/${id}`)).toMatch(/^HTTP 200/);
  for (const who of ["scoped.helpdesk", "writescope.helpdesk", "admin", "noexchange", "auditor", "norole", "nobody"] as const) {
    const mine = await visibleText(who, `/requests/${id}`);
    expect(mine, `/requests/<id> as ${who}`).toEqual(await visibleText(who, `/requests/${randomUUID()}`));
    expect(mine, `/requests/<id> as ${who}`).toMatch(who === "auditor" || who === "norole" ? /^HTTP 307 \/no-access/ : who === "nobody" ? /^HTTP 307 \/signin/ : /^HTTP 404/);
  }
  // The access page's "last change" banner follows the same rule.
  const accessPage = `/mailboxes/${encodeURIComponent(TARGET)}/access`;
  expect(await visibleText("approver", `${accessPage}?request=${id}`)).toEqual(await visibleText("approver", `${accessPage}?request=${MISSING}`));

  // The audit view of a request is the auditor's alone.
  expect(await visibleText("auditor", `/audit/requests/${id}`)).toMatch(/^HTTP 200/);
  for (const who of ["helpdesk", "approver", "admin", "norole"] as const) {
    expect(await visibleText(who, `/audit/requests/${id}`), `/audit/requests/<id> as ${who}`).toMatch(/^HTTP 307 \/no-access/);
  }

  // Cancel and revert with its id answer others as they answer a random id: not found.
  const cancel = action("app/(portal)/requests/[id]/actions.ts#cancelAction");
  const revert = action("app/(portal)/requests/[id]/actions.ts#revertAction");
  for (const [act, who] of [[cancel, "scoped.helpdesk"], [cancel, "noexchange"], [cancel, "approver"], [cancel, "admin"], [revert, "scoped.helpdesk"], [revert, "approver"]] as const) {
    const theirs = messageOf(await (await callAction(api(who), act.id, act.page, form({ requestId: id!, reason: "x" }))).text());
    const random = messageOf(await (await callAction(api(who), act.id, act.page, form({ requestId: randomUUID(), reason: "x" }))).text());
    expect(theirs, `${act === cancel ? "cancel" : "revert"} as ${who}`).toEqual(random);
    expect(theirs).toMatch(/does not exist/);
    expect(REFUSALS).not.toContain(theirs);
  }

  // Nobody else touched it: its requester can still cancel it (which also clears the queue).
  const cancelled = await callAction(api("helpdesk"), cancel.id, cancel.page, form({ requestId: id! }));
  expect(messageOf(await cancelled.text())).toBe("Cancelled. It will not run.");
});
