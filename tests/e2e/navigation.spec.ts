import { expect, test, type Page } from "@playwright/test";
import { handToSomeone, requestFullAccessForAlex, signInAs } from "./support";
import { PORTAL_URL } from "./support/worker-stack";

// The main navigation keeps one row from 1024 px wide, for every role with its counts showing;
// below that it folds into a Menu button.
const box = async (page: Page, name: string) => (await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name }).boundingBox())!;

async function expectOneRow(page: Page, links: string[]) {
  // The role's own links, no more.
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("listitem")).toHaveCount(links.length);
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
  const scrolls = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth && [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > window.innerWidth).map((e) => `${e.tagName.toLowerCase()}.${e.className}`).slice(0, 3));
  expect(scrolls, "no sideways scrolling (else: the first elements past the window's edge)").toBe(false);
}

test.describe("at 1024 px", () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  // The widest header each role sees: a change waiting for a decision (the Approvals link's count
  // and the approver's bell), a removal due that needs someone (the Due removals link's count) and
  // the helpdesk told that its time-bound grant was approved (its bell). Auditors and admins are
  // sent no notifications: their bell shows no count.
  test.beforeAll(async ({ browser }) => {
    test.setTimeout(60_000);
    const page = await browser.newPage({ baseURL: PORTAL_URL });
    // The approver signs in first, so the bell tells them about the change asked for after.
    await signInAs(page, "approver", "/mailboxes");
    await page.context().clearCookies();
    await signInAs(page, "helpdesk");
    const grantPath = await requestFullAccessForAlex(page, "lynne.robbins", "Navigation check: Alex covers for Lynne", "2031-01-15T17:30");
    await requestFullAccessForAlex(page, "megan.bowen", "Navigation check: Alex reads Megan's inbox");
    await page.context().clearCookies();
    await signInAs(page, "approver", "/approvals");
    const item = page.getByRole("listitem").filter({ hasText: "Navigation check: Alex covers for Lynne" });
    await item.getByRole("button", { name: /^Approve and apply:/ }).click();
    await expect(item.getByRole("status")).toContainText("Done and verified");
    await handToSomeone({ removalOf: grantPath });
    await page.context().close();
  });

  const counts = async (page: Page, which: { approvals?: boolean; removals?: boolean; bell?: boolean }) => {
    if (which.approvals) await expect(page.getByLabel(/^\d+ waiting for your decision$/)).toBeVisible();
    if (which.removals) await expect(page.getByLabel(/^\d+ due, waiting for someone$/)).toBeVisible();
    if (which.bell) await expect(page.getByRole("banner").getByRole("link", { name: /^Notifications, \d+ unread$/ })).toBeVisible();
  };

  test("a helpdesk person's links, the due-removals count and the bell's count included, fit on one row", async ({ page }) => {
    await signInAs(page, "helpdesk", "/mailboxes");
    await expect(page.getByRole("button", { name: "Menu" })).toBeHidden();
    await counts(page, { removals: true, bell: true });
    await expectOneRow(page, ["Mailboxes", "My requests", "Bulk changes", "Due removals", "Reports"]);
  });

  test("an approver's links, the waiting and due-removals counts and the bell's count included, fit on one row", async ({ page }) => {
    await signInAs(page, "approver", "/mailboxes");
    await counts(page, { approvals: true, removals: true, bell: true });
    await expectOneRow(page, ["Mailboxes", "My requests", "Bulk changes", "Approvals", "Due removals", "Reports"]);
    // The widest the header gets: each count shows at most "99+", and a long name is cut short
    // (the whole name and address stay in its tooltip and for screen readers).
    await page.getByRole("banner").evaluate((header) => {
      for (const badge of header.querySelectorAll(".rounded-full")) badge.textContent = "99+";
      const name = [...header.querySelectorAll("span[title]")].find((s) => s.getAttribute("title")!.includes("@"))!;
      name.firstChild!.textContent = "Maximiliane Schwarzenberg-Hohenlohe ";
    });
    await expectOneRow(page, ["Mailboxes", "My requests", "Bulk changes", "Approvals", "Due removals", "Reports"]);
  });

  test("an auditor's link fits on one row", async ({ page }) => {
    await signInAs(page, "auditor", "/audit");
    await expectOneRow(page, ["Audit"]);
  });

  test("an admin's links, the templates page's included, fit on one row", async ({ page }) => {
    await signInAs(page, "admin", "/mailboxes");
    await expectOneRow(page, ["Mailboxes", "My requests", "Reports", "Policies", "Templates", "Sessions"]);
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
