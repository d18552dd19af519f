import type { APIRequestContext, APIResponse, Browser, BrowserContext } from "@playwright/test";
import { signInAs } from "../support";
import { PORTAL_URL } from "./worker-stack";

// Calling the portal as one identity, the way a browser would but without one: server actions
// by their id (what any client may do), route handlers and pages with the identity's cookies.

export const IDENTITIES = ["nobody", "helpdesk", "scoped.helpdesk", "writescope.helpdesk", "approver", "auditor", "admin", "norole", "noexchange"] as const;
export type TIdentity = (typeof IDENTITIES)[number];

// The worker's own portal.
export const PORTAL = PORTAL_URL;

// The two answers that mean "you may not": lib/errors/app-error.ts's UNAUTHENTICATED and FORBIDDEN.
export const REFUSALS = ["Your session has ended. Sign in again to continue.", "You do not have the ExoDesk role needed for this."];
const REFUSED_PATH = /^\/(signin|no-access)(?=[/?#]|$)/;

export type TVerdict = "refused" | "allowed" | "broken";
export type TAnswer = { verdict: TVerdict; detail: string };

// One signed-in browser context per identity, its cookies reused for every call.
export async function signInEveryone(browser: Browser): Promise<Map<TIdentity, BrowserContext>> {
  const contexts = new Map<TIdentity, BrowserContext>();
  for (const who of IDENTITIES) {
    const context = await browser.newContext({ baseURL: PORTAL });
    if (who !== "nobody") {
      const page = await context.newPage();
      await signInAs(page, who, "/");
      await page.close();
    }
    contexts.set(who, context);
  }
  return contexts;
}

export type TCall = { form: Record<string, string> } | { args: unknown[] };

// React's reply encoding: a FormData argument becomes "$K<n>" with its fields as "_<n>_<name>".
// The fields must precede the root "0": the server resolves "$K1" when "0" arrives.
function encodeCall(call: TCall): { multipart: FormData } | { data: string; headers: Record<string, string> } {
  if ("args" in call) return { data: JSON.stringify(call.args), headers: { "content-type": "text/plain;charset=UTF-8" } };
  const multipart = new FormData();
  for (const [name, value] of Object.entries(call.form)) multipart.append(`_1_${name}`, value);
  multipart.append("0", JSON.stringify([null, "$K1"]));
  return { multipart };
}

// `portal`: another portal than the run's own (a journey with portals of its own).
export async function callAction(api: APIRequestContext, actionId: string, pagePath: string, call: TCall, portal = PORTAL): Promise<APIResponse> {
  const body = encodeCall(call);
  const headers = { "next-action": actionId, origin: portal, accept: "text/x-component", ...("headers" in body ? body.headers : {}) };
  return await api.post(new URL(pagePath, portal).toString(), { ...body, headers, maxRedirects: 0, failOnStatusCode: false });
}

// The message an action returned, read from its RSC answer.
export function messageOf(text: string): string | null {
  const m = /"message":("(?:[^"\\]|\\.)*")/.exec(text);
  return m ? (JSON.parse(m[1]!) as string) : null;
}

export async function classifyAction(res: APIResponse): Promise<TAnswer> {
  const redirect = res.headers()["x-action-redirect"]?.split(";")[0];
  if (redirect) return { verdict: REFUSED_PATH.test(redirect) ? "refused" : "allowed", detail: `→ ${redirect}` };
  const text = await res.text();
  if (res.status() !== 200 || !res.headers()["content-type"]?.includes("text/x-component")) {
    return { verdict: "broken", detail: `HTTP ${res.status()} ${text.slice(0, 120)}` };
  }
  const message = messageOf(text);
  if (message && REFUSALS.includes(message)) return { verdict: "refused", detail: message };
  return { verdict: "allowed", detail: message ?? text.split("\n").slice(1).join(" ").slice(0, 80) };
}

export async function classifyRoute(res: APIResponse): Promise<TAnswer> {
  const status = res.status();
  if (status === 401 || status === 403) return { verdict: "refused", detail: `${status} ${(await res.text()).slice(0, 80)}` };
  if (status >= 500 || status === 404 || status === 405) return { verdict: "broken", detail: `HTTP ${status}` };
  return { verdict: "allowed", detail: `HTTP ${status}` };
}

// Where a page sends this identity: a redirect (HTTP or, once streaming has begun, Next's
// meta refresh) to the sign-in or no-access page is a refusal; the page itself (or its
// not-found) is an allowance.
export async function classifyPage(api: APIRequestContext, url: string): Promise<TAnswer> {
  const res = await api.get(url, { maxRedirects: 0, failOnStatusCode: false });
  const status = res.status();
  const location = status >= 300 && status < 400 ? res.headers()["location"] : /<meta[^>]+http-equiv="refresh"[^>]+url=([^"]+)"/i.exec(await res.text())?.[1];
  if (location) {
    const target = new URL(location.replace(/&amp;/g, "&"), PORTAL).pathname;
    return { verdict: REFUSED_PATH.test(target) ? "refused" : "allowed", detail: `→ ${target}` };
  }
  if (status >= 500) return { verdict: "broken", detail: `HTTP ${status}` };
  return { verdict: "allowed", detail: `HTTP ${status}` };
}

// The matrix as a table for the report: one row per entry, one column per identity.
export function formatMatrix(rows: { key: string; cells: Map<TIdentity, { answer: TAnswer; expected: boolean }> }[]): string {
  const short = (v: TAnswer, expected: boolean) => (v.verdict === "allowed" ? "allow" : v.verdict === "refused" ? "-" : "BROKEN") + ((v.verdict === "allowed") === expected ? "" : " (!)");
  const width = Math.max(...rows.map((r) => r.key.length));
  const header = `${"".padEnd(width)} | ${IDENTITIES.map((i) => i.padEnd(15)).join(" | ")}`;
  const lines = rows.map((r) => `${r.key.padEnd(width)} | ${IDENTITIES.map((i) => short(r.cells.get(i)!.answer, r.cells.get(i)!.expected).padEnd(15)).join(" | ")}`);
  // What an allowed call answered, so "allowed" can be seen to mean "got past the check".
  const answers = rows.map((r) => `${r.key}: ${[...r.cells.values()].find((c) => c.answer.verdict === "allowed")?.answer.detail ?? "(refused for all)"}`);
  return [header, "-".repeat(header.length), ...lines, "", ...answers].join("\n");
}
