import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { emulator, signInAs } from "./support";

// The mailbox report (issue #8): a helpdesk person builds one over a few hundred mailboxes,
// watches it progress, filters, sorts and downloads it; a Sales-scoped helpdesk person's
// report holds Sales mailboxes only.
type TStored = { primarySmtpAddress: string; department: string; autoReply: { autoReplyState: string } };

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  await emulator().post("/_emulator/reset");
  await emulator().post("/_emulator/seed-tenant", { mailboxes: 300 });
});

test.afterAll(async () => {
  await emulator().del("/_emulator/chaos");
});

async function buildReport(page: Page, who: string) {
  await signInAs(page, who, "/reports");
  await page.getByRole("link", { name: "Reports" }).click();
  await expect(page.getByRole("heading", { name: "Mailbox reports" })).toBeVisible();
  await page.getByRole("button", { name: "Build a new report" }).click();
  await page.waitForURL(/\/reports\/[0-9a-f-]{36}$/);
}

async function tenant(): Promise<TStored[]> {
  return (await emulator().get<{ mailboxes: TStored[] }>("/_emulator/state")).mailboxes;
}

test("helpdesk builds a report, sees its progress, filters and sorts it, and downloads it as CSV", async ({ page }) => {
  test.setTimeout(240_000);
  // Slow Exchange down a little so the build is still running when the page opens.
  await emulator().post("/_emulator/chaos", { latencyMs: [15, 25], seed: 8 });
  const mailboxes = await tenant();
  await buildReport(page, "helpdesk");
  await expect(page.getByRole("status")).toHaveText(/Listing the mailboxes|of [\d,]+ mailboxes read/);
  await expect(page.getByRole("progressbar", { name: "Mailboxes read" })).toBeVisible();
  await expect(page.getByText(/Generated /)).toBeVisible({ timeout: 180_000 });
  await emulator().del("/_emulator/chaos");

  const table = page.getByRole("table", { name: /Mailboxes matching the filters/ });
  await expect(page.getByText(`${mailboxes.length.toLocaleString("en")} mailboxes match.`)).toBeVisible();
  await expect(table.locator("tbody tr")).toHaveCount(100);
  await expect(page.getByText(/Page 1 of \d+/)).toBeVisible();

  // Scheduled replies only.
  const scheduled = mailboxes.filter((m) => m.autoReply.autoReplyState === "Scheduled").length;
  await page.getByLabel("Automatic replies").selectOption("Scheduled");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByText(`${scheduled.toLocaleString("en")} mailboxes match.`)).toBeVisible();
  const cells = table.locator("tbody tr td:nth-child(4)");
  for (const text of await cells.allInnerTexts()) expect(text).toMatch(/^Scheduled/);

  // Most FullAccess delegates first.
  await page.getByRole("link", { name: "FullAccess" }).click();
  await expect(page).toHaveURL(/autoReply=Scheduled&sort=fullAccess$/);
  await page.getByRole("link", { name: "FullAccess" }).click();
  await expect(page).toHaveURL(/autoReply=Scheduled&sort=fullAccess&dir=desc$/);
  await expect(table.locator("th[aria-sort=descending]")).toHaveText(/FullAccess/);

  // The file holds what the page shows: the same filter, every page.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^exodesk-mailbox-report-\d{8}T\d{6}Z\.csv$/);
  const records = parse(readFileSync((await download.path())!), { columns: true, bom: true }) as Record<string, string>[];
  expect(records).toHaveLength(scheduled);
  expect(records.every((r) => r.auto_reply_state === "Scheduled" && r.read === "yes")).toBe(true);
  const counts = records.map((r) => (r.full_access ? r.full_access.split("; ").length : 0));
  expect(counts).toEqual([...counts].sort((a, b) => b - a));
});

test("scoped.helpdesk's report shows only Sales mailboxes", async ({ page }) => {
  test.setTimeout(180_000);
  const sales = (await tenant()).filter((m) => m.department.toLowerCase() === "sales");
  await buildReport(page, "scoped.helpdesk");
  await expect(page.getByText(/Generated /)).toBeVisible({ timeout: 150_000 });
  await expect(page.getByText(`${sales.length.toLocaleString("en")} mailboxes match.`)).toBeVisible();
  await expect(page.getByLabel("Department").locator("option")).toHaveText(["Any", "Sales"]);
  const departments = await page.getByRole("table", { name: /Mailboxes matching the filters/ }).locator("tbody tr td:nth-child(3)").allInnerTexts();
  expect(new Set(departments)).toEqual(new Set(["Sales"]));
});
