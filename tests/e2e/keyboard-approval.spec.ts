import { expect, test, type Page } from "@playwright/test";
import { emulator, requestFullAccessForAlex, signInAs } from "./support";

// An approver decides with the keyboard alone: Tab to each control, type, Space or Enter. Every
// control the focus lands on on the way shows where the focus is (an outline or a ring).
type TFocused = { name: string; requestId: string | null; indicator: boolean };

async function focused(page: Page): Promise<TFocused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { name: "", requestId: null, indicator: true };
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    const labels = (el as HTMLInputElement).labels;
    const name = el.getAttribute("aria-label") ?? (labels?.[0]?.textContent ?? el.textContent ?? "").trim();
    return { name, requestId: el.closest("li")?.getAttribute("data-request-id") ?? null, indicator: outline || style.boxShadow !== "none" };
  });
}

// Presses Tab until the focus is on the control named `name` (in the queue item of `requestId`),
// checking the focus indicator of every control passed on the way.
async function tabTo(page: Page, name: string | RegExp, requestId: string, key: "Tab" | "Shift+Tab" = "Tab") {
  for (let presses = 0; presses < 60; presses++) {
    await page.keyboard.press(key);
    const now = await focused(page);
    expect(now.indicator, `the focus is visible on "${now.name}"`).toBe(true);
    if (now.requestId === requestId && (typeof name === "string" ? now.name === name : name.test(now.name))) return;
  }
  throw new Error(`${key} never reached "${name}"`);
}

test("an approver rejects one request and approves another with the keyboard alone, the focus visible throughout", async ({ page }) => {
  await emulator().post("/_emulator/reset");
  await signInAs(page, "helpdesk", "/mailboxes");
  const rejected = (await requestFullAccessForAlex(page, "megan.bowen", "Keyboard journey: Alex reads Megan's inbox")).split("/").pop()!;
  const approved = (await requestFullAccessForAlex(page, "adele.vance", "Keyboard journey: Alex covers Adele")).split("/").pop()!;
  await page.context().clearCookies();

  await signInAs(page, "approver", "/approvals");
  await expect(page.getByRole("heading", { name: "Waiting for your decision" })).toBeVisible();

  // Rejecting needs a reason: the refusal says so, the reason field takes it, Enter sends it.
  await tabTo(page, /^Reject:/, rejected);
  await page.keyboard.press("Space");
  const reason = page.locator(`[data-request-id="${rejected}"] #reason-${rejected}-error`);
  await expect(reason).not.toBeEmpty();
  await tabTo(page, "Reason for rejecting", rejected, "Shift+Tab");
  await page.keyboard.type("Alex already has access through a group");
  await tabTo(page, /^Reject:/, rejected);
  await page.keyboard.press("Enter");
  // The outcome takes the place of the forms, and the focus.
  const rejectedOutcome = page.locator(`[data-request-id="${rejected}"]`).getByRole("status");
  await expect(rejectedOutcome).toContainText("Rejected. It will not run");
  await expect(rejectedOutcome).toBeFocused();

  // On to the next request in the queue, without leaving it.
  await tabTo(page, "Comment (optional)", approved);
  await page.keyboard.type("Fine for this week");
  await tabTo(page, /^Approve and apply:/, approved);
  await page.keyboard.press("Enter");
  const approvedOutcome = page.locator(`[data-request-id="${approved}"]`).getByRole("status");
  await expect(approvedOutcome).toContainText("Done and verified");
  await expect(approvedOutcome).toBeFocused();
  await tabTo(page, "See the request", approved);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("request-status")).toHaveText("Succeeded · verified");
  await expect(page.getByText(/Fine for this week/)).toBeVisible();
});
