import { expect, type Page } from "@playwright/test";
import { callEmulator } from "../support/emulator-control";

export const DOMAIN = "contoso.onmicrosoft.com";

export function emulator() {
  const url = process.env.E2E_EMULATOR_URL;
  const caPath = process.env.E2E_EMULATOR_CA;
  if (!url || !caPath) throw new Error("the e2e global setup did not start the emulator");
  return {
    get: <T>(path: string) => callEmulator<T>({ url, caPath }, "GET", path),
    post: <T>(path: string, body?: unknown) => callEmulator<T>({ url, caPath }, "POST", path, body ?? {}),
    del: <T>(path: string) => callEmulator<T>({ url, caPath }, "DELETE", path),
  };
}

// Signs in through the emulator's Entra ID page, as a person would.
export async function signInAs(page: Page, user: string, startPath = "/mailboxes") {
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(startPath)}`);
  await page.getByRole("button", { name: "Sign in with Microsoft" }).click();
  await completeEmulatorSignIn(page, user);
}

export async function completeEmulatorSignIn(page: Page, user: string) {
  await page.getByRole("button", { name: `Sign in as ${user}@${DOMAIN}` }).click();
  await page.waitForURL((url) => url.origin === new URL(page.url()).origin && !url.pathname.includes("/oauth2/"));
}

export async function openAutoReply(page: Page, search: string, address: string) {
  await page.goto("/mailboxes");
  await page.getByLabel("Mailbox").fill(search);
  await page.getByRole("link", { name: new RegExp(address.replace(".", "\\.")) }).click();
  await expect(page.getByRole("heading", { name: /Automatic replies for/ })).toBeVisible();
}

export type TCall = { cmdlet: string; status: number; parameters: Record<string, unknown>; upn?: string };

export async function writeCalls(): Promise<TCall[]> {
  const calls = await emulator().get<TCall[] | { calls: TCall[] }>("/_emulator/calls");
  const list = Array.isArray(calls) ? calls : calls.calls;
  return list.filter((c) => !c.cmdlet.startsWith("Get-"));
}
