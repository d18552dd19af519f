import { expect, test, type Page } from "@playwright/test";
import { requestFullAccessForAlex, signInAs } from "./support";

// The main navigation keeps one row from 1024 px wide, for the roles with the most links; below
// that it folds into a Menu button.
const box = async (page: Page, name: string) => (await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name }).boundingBox())!;

async function expectOneRow(page: Page, links: string[]) {
  const boxes = await Promise.all(links.map((name) => box(page, name)));
  for (const [i, b] of boxes.entries()) expect(b.y, `${links[i]} on the first link's row`).toBe(boxes[0]!.y);
  // The brand and the sign-out buttons sit on that row too: the header is one line high.
  const middle = (b: { y: number; height: number }) => b.y + b.height / 2;
  const signOut = (await page.getByRole("button", { name: "Sign out everywhere" }).boundingBox())!;
  const brand = (await page.getByRole("link", { name: "ExoDesk" }).boundingBox())!;
  const bell = (await page.getByRole("banner").getByRole("link", { name: /^Notifications/ }).boundingBox())!;
  expect(Math.abs(middle(signOut) - middle(boxes[0]!))).toBeLessThan(4);
  expect(Math.abs(middle(brand) - middle(boxes[0]!))).toBeLessThan(4);
  expect(Math.abs(middle(bell) - middle(boxes[0]!)), "the notification bell on that row").toBeLessThan(4);
  // A row too long would not wrap but run past the window's edge.
  expect(signOut.x + signOut.width, "the header's last button inside the window").toBeLessThanOrEqual(page.viewportSize()!.width);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), "no sideways scrolling").toBe(true);
}

test.describe("at 1024 px", () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test("an admin's links fit on one row, the templates page's link included", async ({ page }) => {
    await signInAs(page, "admin", "/mailboxes");
    await expect(page.getByRole("button", { name: "Menu" })).toBeHidden();
    const nav = page.getByRole("navigation", { name: "Main" });
    // Until the admin templates page (issue 18) adds its link, a copy of the last one named
    // "Templates" stands in for it.
    if ((await nav.getByRole("link", { name: "Templates" }).count()) === 0) {
      await nav.getByRole("listitem").last().evaluate((item) => {
        const copy = item.cloneNode(true) as HTMLElement;
        copy.querySelector("a")!.textContent = "Templates";
        item.after(copy);
      });
    }
    await expectOneRow(page, ["Mailboxes", "My requests", "Reports", "Policies", "Sessions", "Templates"]);
  });

  test("an approver's links, the waiting count and the bell's count included, fit on one row", async ({ page }) => {
    // A change waiting for a decision, so the Approvals link and the bell carry their counts (the
    // bell tells approvers who have signed in before the change was asked for).
    await signInAs(page, "approver", "/mailboxes");
    await page.context().clearCookies();
    await signInAs(page, "helpdesk");
    await requestFullAccessForAlex(page, "megan.bowen", "Navigation check: Alex reads Megan's inbox");
    await page.context().clearCookies();

    await signInAs(page, "approver", "/mailboxes");
    await expect(page.getByLabel(/^\d+ waiting for your decision$/)).toBeVisible();
    await expect(page.getByRole("banner").getByRole("link", { name: /^Notifications, \d+ unread$/ })).toBeVisible();
    await expectOneRow(page, ["Mailboxes", "My requests", "Bulk changes", "Approvals", "Reports"]);
  });
});

test("below 1024 px the links fold into a Menu button that the keyboard opens and Escape closes", async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 700 });
  await signInAs(page, "approver", "/mailboxes");
  const menu = page.getByRole("button", { name: "Menu" });
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav).toBeHidden();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  expect(await page.locator(`#${await menu.getAttribute("aria-controls")}`).count()).toBe(1);

  await menu.focus();
  await page.keyboard.press("Enter");
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await expect(nav.getByRole("link", { name: "Bulk changes" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(nav.getByRole("link", { name: "Mailboxes" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(nav).toBeHidden();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(menu).toBeFocused();

  await page.keyboard.press("Space");
  await nav.getByRole("link", { name: "Reports" }).click();
  await expect(page.getByRole("heading", { name: "Mailbox reports" })).toBeVisible();
  await expect(nav).toBeHidden();
});
