import { expect, type Locator, type Page } from "@playwright/test";
import pg from "pg";
import { callEmulator } from "../support/emulator-control";
import { PORTAL_URL, workerStack } from "./support/worker-stack";

export const DOMAIN = "contoso.onmicrosoft.com";

// The emulator of this worker's stack.
export function emulator() {
  const { emulatorUrl: url, caPath } = workerStack();
  return {
    get: <T>(path: string) => callEmulator<T>({ url, caPath }, "GET", path),
    post: <T>(path: string, body?: unknown) => callEmulator<T>({ url, caPath }, "POST", path, body ?? {}),
    del: <T>(path: string) => callEmulator<T>({ url, caPath }, "DELETE", path),
  };
}

// Signs in through the emulator's Entra ID page, as a person would. `portalUrl`: a portal other
// than the worker's own (journeys that start portals of their own).
export async function signInAs(page: Page, user: string, startPath = "/mailboxes", portalUrl?: string) {
  await page.goto(`${portalUrl ?? ""}/signin?callbackUrl=${encodeURIComponent(startPath)}`);
  await page.getByRole("button", { name: "Sign in with Microsoft" }).click();
  await completeEmulatorSignIn(page, user, portalUrl);
}

export async function completeEmulatorSignIn(page: Page, user: string, portalUrl = PORTAL_URL) {
  const port = new URL(portalUrl).port;
  await page.getByRole("button", { name: `Sign in as ${user}@${DOMAIN}` }).click();
  await page.waitForURL((url) => url.port === port && !url.pathname.startsWith("/api/auth"));
}

// Finds the mailbox with the type-ahead picker and opens its automatic replies.
export async function openAutoReply(page: Page, search: string, address: string) {
  await page.goto("/mailboxes");
  await page.getByLabel("Mailbox").fill(search);
  await page.getByRole("link", { name: new RegExp(address.replace(/\./g, "\\.")) }).click();
  await expect(page.getByRole("heading", { name: /Automatic replies for/ })).toBeVisible();
}

export const mailbox = (local: string) => `${local}@${DOMAIN}`;

// The rich-text editor of the reply to people inside the organisation or to external senders,
// named by its field's label (in a page, or one of its forms).
export function replyEditor(page: Page | Locator, which: "internal" | "external"): Locator {
  return page.getByRole("textbox", { name: which === "internal" ? "Reply to people inside the organisation" : "Reply to external senders", exact: true });
}

// The HTML the form posts for that reply (what the editor gives).
export function postedMessage(page: Page | Locator, which: "internal" | "external"): Locator {
  return page.locator(`input[type="hidden"][name="${which}Message"]`);
}

// Pastes `html` over everything in an editor as a browser does from Word, Outlook or a web
// page: as text/html on the clipboard, with a plain-text version beside it.
export async function pasteHtml(editor: Locator, html: string) {
  await editor.press("ControlOrMeta+a");
  await editor.evaluate((el, markup) => {
    const data = new DataTransfer();
    data.setData("text/html", markup);
    data.setData("text/plain", markup.replace(/<[^>]*>/g, ""));
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, html);
}

// Turns automatic replies on with `internal` (text, as a person types it into the editor) for
// people inside the organisation; outside it nobody gets a reply unless `outside` names an
// audience and its message.
export async function fillEnabledReply(page: Page, internal: string, outside?: { audience: "Known" | "All"; message: string }) {
  await page.getByRole("radio", { name: "On" }).check();
  await replyEditor(page, "internal").fill(internal);
  await page.getByLabel("Reply to senders outside the organisation").selectOption(outside?.audience ?? "None");
  if (outside) await replyEditor(page, "external").fill(outside.message);
}

// Applies the form's change and waits for the portal to say Exchange did it and it was read back.
export async function applyVerified(page: Page) {
  await page.getByRole("button", { name: "Apply change" }).click();
  await expect(page.getByText("Done and verified")).toBeVisible();
}

export type TAutoReplyState = {
  autoReplyState: string;
  startTime: string;
  endTime: string;
  internalMessage: string | null;
  externalMessage: string | null;
  externalAudience: string;
};

export async function autoReplyOf(local: string): Promise<TAutoReplyState> {
  return (await emulator().get<{ autoReply: TAutoReplyState }>(`/_emulator/state/mailboxes/${mailbox(local)}`)).autoReply;
}

export type TCall = { cmdlet: string | null; status: number; parameters: Record<string, unknown> | null; upn: string; clientRequestId: string | null };

export async function changeCalls(): Promise<TCall[]> {
  const { calls } = await emulator().get<{ calls: TCall[] }>("/_emulator/calls");
  return calls.filter((c) => c.cmdlet !== null && !c.cmdlet.startsWith("Get-"));
}

// Asks, on the access page of `owner`'s mailbox, for Alex Wilber to get FullAccess (until
// `until`, in the mailbox's time, if given), which waits for an approver by default; returns the
// request's page.
export async function requestFullAccessForAlex(page: Page, owner: string, reason: string, until?: string): Promise<string> {
  await page.goto(`/mailboxes/${encodeURIComponent(mailbox(owner))}/access`);
  await page.getByRole("radio", { name: "FullAccess", exact: true }).check();
  await page.getByLabel("Person").fill(mailbox("alex.wilber"));
  await page.getByLabel(/^Reason/).fill(reason);
  if (until) await page.getByLabel(/^Until \(optional\)/).fill(until);
  await page.getByRole("button", { name: "Grant FullAccess" }).click();
  await expect(page.getByText(/Sent for approval/)).toBeVisible();
  return (await page.getByRole("link", { name: "See the request" }).getAttribute("href"))!;
}

// A scheduled change come due and handed to the helpdesk, as the sweep leaves it when the person
// it runs as can no longer be signed in (time-bound.spec.ts shows the sweep doing so): put in
// place in this worker's database, without waiting for a sweep or revoking anyone's sign-in.
// `of`: a time-bound grant's removal (the grant's request page), or an absence cover's grant.
export async function handToSomeone(of: { removalOf: string } | { coverId: string; action: string }) {
  const [where, params] = "removalOf" in of ? [`"removalOfId" = $1`, [of.removalOf.split("/").pop()]] : [`"coverId" = $1 AND action = $2`, [of.coverId, of.action]];
  const db = new pg.Client({ connectionString: workerStack().databaseUrl });
  await db.connect();
  try {
    const { rowCount } = await db.query(
      `UPDATE "Request" SET status = 'NEEDS_SOMEONE', "dueAt" = now(), "errorMessage" = 'The sign-in of the person it runs as could not be renewed.' WHERE ${where} AND status = 'SCHEDULED'`,
      params,
    );
    expect(rowCount, "the scheduled change").toBe(1);
  } finally {
    await db.end();
  }
}
