import { expect, test, type Page } from "@playwright/test";
import { setApprovalPolicies } from "./policy-support";
import { autoReplyOf, emulator, fillEnabledReply, mailbox, openAutoReply, signInAs } from "./support";

// Automatic replies run directly by default; these journeys have an admin make them need
// approval first (through the policy page), and put the default back at the end.
const setAutoReplyApproval = (page: Page, on: boolean) => setApprovalPolicies(page, ["Set automatic replies"], on);

async function requestReply(page: Page, text: string, reason: string) {
  await openAutoReply(page, "adele", mailbox("adele.vance"));
  await fillEnabledReply(page, text);
  await page.getByLabel(/^Reason/).fill(reason);
  await page.getByRole("button", { name: "Apply change" }).click();
}

test.describe.configure({ mode: "serial" });

test("by default a FullAccess grant waits for an approver, then runs with the approver's token", async ({ page }) => {
  await emulator().post("/_emulator/reset");
  await signInAs(page, "helpdesk", `/mailboxes/${encodeURIComponent(mailbox("megan.bowen"))}/access`);
  await page.getByRole("radio", { name: "FullAccess", exact: true }).check();
  await page.getByLabel("Person").fill(mailbox("alex.wilber"));
  await page.getByLabel(/^Reason/).fill("Alex covers Megan's inbox this week");
  await page.getByRole("button", { name: "Grant FullAccess" }).click();
  await expect(page.getByText(/Sent for approval/)).toBeVisible();
  const before = await emulator().get<{ mailboxPermissions: { user: string }[] }>(`/_emulator/state/mailboxes/${mailbox("megan.bowen")}`);
  expect(before.mailboxPermissions.map((p) => p.user)).not.toContain(mailbox("alex.wilber"));

  await page.context().clearCookies();
  await signInAs(page, "approver", "/approvals");
  const item = page.getByRole("listitem").filter({ hasText: "Alex covers Megan's inbox this week" });
  await item.getByRole("button", { name: /^Approve and apply:/ }).click();
  await expect(item.getByRole("status")).toContainText("Done and verified");
  await item.getByRole("link", { name: "See the request" }).click();
  await expect(page.getByTestId("request-status")).toHaveText("Succeeded · verified");
  await expect(page.getByText(/Requested by.*Helpdesk Agent/s)).toBeVisible();

  const after = await emulator().get<{ mailboxPermissions: { user: string; accessRights: string[] }[] }>(`/_emulator/state/mailboxes/${mailbox("megan.bowen")}`);
  expect(after.mailboxPermissions.find((p) => p.user === mailbox("alex.wilber"))?.accessRights).toEqual(["FullAccess"]);
  const { calls } = await emulator().get<{ calls: { cmdlet: string; upn: string }[] }>("/_emulator/calls");
  expect(calls.find((c) => c.cmdlet === "Add-MailboxPermission")?.upn).toBe(mailbox("approver"));
  await expect(page.locator("dd").filter({ hasText: /^approver@contoso\.onmicrosoft\.com$/ })).toBeVisible(); // executed as
});

test.describe("automatic replies made to need approval", () => {
test.beforeEach(async ({ page }) => {
  await emulator().post("/_emulator/reset");
  await setAutoReplyApproval(page, true);
});

test.afterEach(async ({ page }) => {
  await page.context().clearCookies();
  await setAutoReplyApproval(page, false);
});

test("a change that needs approval waits, the approver approves, and it runs as the approver", async ({ page }) => {
  await signInAs(page, "helpdesk");
  await requestReply(page, "Approved reply", "");
  await expect(page.locator("#reason-error")).toHaveText("Say why this change is needed.");
  await page.getByLabel(/^Reason/).fill("Adele is on leave until Monday");
  await page.getByRole("button", { name: "Apply change" }).click();
  await expect(page.getByText(/Sent for approval/)).toBeVisible();
  expect((await autoReplyOf("adele.vance")).autoReplyState).toBe("Disabled");
  await page.getByRole("link", { name: "See the request" }).click();
  await expect(page.getByTestId("request-status")).toHaveText("Waiting for approval");
  await page.waitForURL(/\/requests\/[0-9a-f-]{36}$/);
  const requestUrl = page.url();

  await page.context().clearCookies();
  await signInAs(page, "approver", "/approvals");
  await expect(page.getByLabel(/^\d+ waiting for your decision$/)).toBeVisible();
  const item = page.getByRole("listitem").filter({ hasText: "Adele is on leave until Monday" });
  await expect(item).toContainText("Asked by Helpdesk Agent");
  // The mailbox now, read with the approver's token, against what is asked.
  await expect(item.getByRole("list", { name: "What changes" })).toContainText("Automatic replies: Off → On");
  await item.getByLabel("Comment (optional)").fill("Fine");
  await item.getByRole("button", { name: /^Approve and apply:/ }).click();
  // The approver sees the outcome in place, on the request's card, which links to its page.
  await expect(item.getByRole("status")).toContainText("Done and verified");
  await expect(item.getByRole("status")).toBeFocused();
  await item.getByRole("link", { name: "See the request" }).click();
  await expect(page.getByTestId("request-status")).toHaveText("Succeeded · verified");
  expect((await autoReplyOf("adele.vance")).internalMessage).toContain("Approved reply");

  const [set] = (await emulator().get<{ calls: { cmdlet: string; upn: string }[] }>("/_emulator/calls")).calls.filter((c) => c.cmdlet.startsWith("Set-"));
  expect(set?.upn).toBe(mailbox("approver")); // Exchange saw the approver's own token

  await page.context().clearCookies();
  await signInAs(page, "helpdesk", new URL(requestUrl).pathname);
  await expect(page.getByTestId("request-status")).toHaveText("Succeeded · verified");
  await expect(page.getByText(/Approving Manager \(approver@contoso\.onmicrosoft\.com\).*Fine/)).toBeVisible();
  await expect(page.getByText("Executed as")).toBeVisible();
  await expect(page.locator("dd").filter({ hasText: /^approver@contoso\.onmicrosoft\.com$/ })).toBeVisible();
});

test("an approver cannot approve their own request: no button, and a crafted call is refused", async ({ page }) => {
  await signInAs(page, "helpdesk");
  await requestReply(page, "Someone else's", "Cover for the helpdesk");
  await expect(page.getByText(/Sent for approval/)).toBeVisible();
  await page.context().clearCookies();

  await signInAs(page, "approver");
  await requestReply(page, "My own", "My own request");
  await expect(page.getByText(/Sent for approval/)).toBeVisible();
  await page.getByRole("link", { name: "See the request" }).click();
  await page.waitForURL(/\/requests\/[0-9a-f-]{36}$/);
  const ownId = new URL(page.url()).pathname.split("/").pop()!;

  await page.goto("/approvals");
  await expect(page.getByRole("listitem").filter({ hasText: "My own request" })).toHaveCount(0);
  const other = page.getByRole("listitem").filter({ hasText: "Cover for the helpdesk" });
  const otherId = (await other.getAttribute("data-request-id"))!;
  // Replay the approve call with the approver's own request id, as a crafted request would.
  await page.route("**/approvals", async (route) => {
    const body = route.request().postData();
    if (route.request().method() === "POST" && body?.includes(otherId)) await route.continue({ postData: body.replaceAll(otherId, ownId) });
    else await route.continue();
  });
  await other.getByRole("button", { name: /^Approve and apply:/ }).click();
  await expect(other.getByText("You cannot decide your own request; another approver must.")).toBeVisible();
  expect((await autoReplyOf("adele.vance")).autoReplyState).toBe("Disabled");

  // The auditor finds the attempt in the history, on the approver's own request.
  await page.unrouteAll({ behavior: "wait" });
  await page.context().clearCookies();
  await signInAs(page, "auditor", "/");
  await page.goto(`/audit?type=access.denied&actor=${encodeURIComponent(mailbox("approver"))}`);
  const refusal = page.locator("tbody tr").filter({ hasText: "Tried request.approve: approvers cannot decide their own request" });
  await expect(refusal.first()).toBeVisible();
  await expect(refusal.first()).toContainText(mailbox("adele.vance"));
});

test("rejecting needs a reason; the requester sees who rejected and why, and can no longer cancel", async ({ page }) => {
  await signInAs(page, "helpdesk");
  await requestReply(page, "Rejected reply", "Please");
  await page.getByRole("link", { name: "See the request" }).click();
  await page.waitForURL(/\/requests\/[0-9a-f-]{36}$/);
  const requestPath = new URL(page.url()).pathname;
  await page.context().clearCookies();

  await signInAs(page, "approver", "/approvals");
  const item = page.getByRole("listitem").filter({ hasText: "Rejected reply" });
  await item.getByRole("button", { name: /^Reject:/ }).click();
  await expect(item.getByText("Say why you reject it; the requester reads this.")).toBeVisible();
  await item.getByLabel("Reason for rejecting").fill("Not during the audit");
  await item.getByRole("button", { name: /^Reject:/ }).click();
  await expect(item.getByRole("status")).toContainText("Rejected. It will not run");
  await item.getByRole("link", { name: "See the request" }).click();
  await expect(page.getByTestId("request-status")).toHaveText("Rejected");
  await page.goto("/approvals");
  await expect(page.getByRole("listitem").filter({ hasText: "Rejected reply" })).toHaveCount(0);
  await page.context().clearCookies();

  await signInAs(page, "helpdesk", requestPath);
  await expect(page.getByTestId("request-status")).toHaveText("Rejected");
  await expect(page.locator("dd").filter({ hasText: "Not during the audit" })).toContainText("Approving Manager (approver@contoso.onmicrosoft.com)");
  await expect(page.getByRole("button", { name: "Cancel this request" })).toHaveCount(0);
});

test("a requester can cancel while pending, and a cancelled request never runs", async ({ page }) => {
  await signInAs(page, "helpdesk");
  await requestReply(page, "Cancelled reply", "Changed my mind later");
  await page.getByRole("link", { name: "See the request" }).click();
  await page.getByRole("button", { name: "Cancel this request" }).click();
  await expect(page.getByTestId("request-status")).toHaveText("Cancelled");
  await page.context().clearCookies();
  await signInAs(page, "approver", "/approvals");
  await expect(page.getByRole("listitem").filter({ hasText: "Changed my mind later" })).toHaveCount(0);
  expect((await autoReplyOf("adele.vance")).autoReplyState).toBe("Disabled");
});
});
