import { expect, test } from "@playwright/test";
import pg from "pg";
import type { TStack } from "../../scripts/stack/start-stack";
import { callEmulator } from "../support/emulator-control";
import { applyVerified, fillEnabledReply, signInAs } from "./support";
import { startOwnStack } from "./support/own-stack";

// A B2B guest works at the helpdesk: Entra's client_info names their home tenant (Fabrikam)
// while the ID token names them in Contoso, and their v2.0 ID token has no upn (not configured
// as an optional claim), only preferred_username = their home sign-in name. They sign in,
// change an auto-reply (Exchange anchored on that name, the audit naming them by it), sign
// out, and their cached tokens are gone. A stack of its own, so that its database can be read
// afterwards (the embedded one admits one process: read once the portal has stopped).
const GUEST = "alex_fabrikam.com#EXT#"; // local part of the guest's UPN in Contoso
const GUEST_NAME = "alex@fabrikam.com"; // preferred_username: the home sign-in name
const ADELE = "adele.vance@contoso.onmicrosoft.com";

let stack: TStack | undefined;
test.afterAll(async () => {
  await stack?.stop();
});

type TUser = { oid: string; userPrincipalName: string };
type TCall = { cmdlet: string | null; status: number; anchorMailbox: string | null };

async function tokenCacheKeys(s: TStack): Promise<string[]> {
  const db = new pg.Client({ connectionString: s.portalEnv.DATABASE_URL });
  await db.connect();
  try {
    return (await db.query<{ key: string }>(`SELECT key FROM "TokenCache"`)).rows.map((r) => r.key);
  } finally {
    await db.end();
  }
}

test("a guest signs in, changes an auto-reply, and sign-out removes their cached tokens", async ({ page }) => {
  test.setTimeout(300_000);
  const s = await startOwnStack("guest");
  stack = s;
  const control = <T>(method: "GET" | "POST", path: string, body?: unknown) => callEmulator<T>({ url: s.emulatorUrl, caPath: s.caCertPath }, method, path, body);
  const { users, tenantId } = await control<{ users: TUser[]; tenantId: string }>("GET", "/_emulator/state");
  const guest = users.find((u) => u.userPrincipalName.startsWith(GUEST))!;
  const guestKey = `${guest.oid}.${tenantId}`;

  await signInAs(page, GUEST, `/mailboxes/${encodeURIComponent(ADELE)}/auto-reply`, s.portalUrl);
  await expect(page.getByRole("heading", { name: "Automatic replies for Adele Vance" })).toBeVisible();
  await fillEnabledReply(page, "Set by a guest");
  await applyVerified(page);
  const mailbox = await control<{ autoReply: { internalMessage: string | null } }>("GET", `/_emulator/state/mailboxes/${ADELE}`);
  expect(mailbox.autoReply.internalMessage).toContain("Set by a guest");

  // Exchange was anchored on the name the ID token gives (no upn claim by default).
  const { calls } = await control<{ calls: TCall[] }>("GET", "/_emulator/calls");
  const set = calls.find((c) => c.cmdlet === "Set-MailboxAutoReplyConfiguration");
  expect(set).toMatchObject({ status: 200, anchorMailbox: `UPN:${GUEST_NAME}` });
  await page.getByRole("link", { name: "See the request" }).click();
  // Requested by / Executed as: the session's name for the guest, taken from the ID token.
  await expect(page.getByRole("main").getByRole("definition").filter({ hasText: `Alex Guest (Fabrikam) (${GUEST_NAME})` })).toBeVisible();
  await expect(page.getByRole("main").getByRole("definition").filter({ hasText: new RegExp(`^${GUEST_NAME}$`) })).toBeVisible();
  const requestId = new URL(page.url()).pathname.split("/").pop()!;

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/signin");

  // The audit names the guest by the same name.
  await signInAs(page, "auditor", `/audit/requests/${requestId}`, s.portalUrl);
  await expect(page.getByText(`by ${GUEST_NAME}`).first()).toBeVisible();

  // The auditor's row is there (the read sees rows); the guest's is gone, under any key.
  const keys = await tokenCacheKeys(s);
  expect(keys).toHaveLength(1);
  expect(keys).not.toContain(guestKey);
});
