import { expect, test } from "@playwright/test";
import pg from "pg";
import type { TStack } from "../../scripts/stack/start-stack";
import { formatInZone } from "../../lib/time/format";
import { utcToZonedLocal } from "../../lib/time/zones";
import { callEmulator } from "../support/emulator-control";
import { mailbox, signInAs } from "./support";
import { axeViolations } from "./support/axe";
import { startOwnStack } from "./support/own-stack";

// Absence cover, end to end in the browser: one form on the mailbox's pages sets up the
// automatic replies for the window and the colleague's rights for it (granted at its start,
// removed at its end); the cover's page shows each part. The start and the end come without
// waiting: Microsoft's clock (the emulator's) moves past them, and, since the portal's own clock
// cannot be moved from outside, the scheduled grants, then the scheduled removals, are made due
// in the portal's database (their dueAt set to now), which the portal's sweep, running every
// second on this journey's own stack, then picks up as it would at that time.
test.describe.configure({ mode: "serial" });

const ADELE = mailbox("adele.vance"); // Europe/Berlin, German
const ALEX = mailbox("alex.wilber");
const ZONE = "Europe/Berlin";
const HOUR = 3600_000;
const TEMPLATE = "Away with cover (absence-cover journey)";

let stack: TStack | undefined;
test.afterAll(async () => {
  await stack?.stop();
});

type TStored = {
  autoReply: { autoReplyState: string; startTime: string; endTime: string; internalMessage: string | null; externalAudience: string };
  mailboxPermissions: { user: string; accessRights: string[]; autoMapping: boolean }[];
  calendar: { permissions: { user: string; accessRights: string[]; sharingPermissionFlags: string | null }[] };
};

// Wall-clock minutes in Adele's zone, as the form's fields take them, and as pages show them.
const berlin = (instant: number) => utcToZonedLocal(new Date(Math.ceil(instant / 60_000) * 60_000), ZONE);
const berlinShown = (instant: number) => formatInZone(new Date(Math.ceil(instant / 60_000) * 60_000), ZONE);

test("one submission schedules the replies and the colleague's cover; the rights are granted at the start and removed at the end, the replies' window is over, all verified", async ({ page }) => {
  test.setTimeout(300_000);
  const s = await startOwnStack("cover", { EXODESK_SWEEP_SECONDS: "1" });
  stack = s;
  const control = <T>(method: "GET" | "POST", path: string, body?: unknown) => callEmulator<T>({ url: s.emulatorUrl, caPath: s.caCertPath }, method, path, body);
  const stored = () => control<TStored>("GET", `/_emulator/state/mailboxes/${encodeURIComponent(ADELE)}`);
  const db = new pg.Client({ connectionString: s.portalEnv.DATABASE_URL });
  await db.connect();
  try {
    // The grants run directly here (by default they wait for an approver), and the admins'
    // library has a template for covers.
    for (const actionId of ["full-access.grant", "calendar.set"]) {
      await db.query(`INSERT INTO "ApprovalPolicy" ("actionId", "requiresApproval", "updatedAt", "updatedByUpn") VALUES ($1, false, now(), 'journey')`, [actionId]);
    }
    await db.query(`INSERT INTO "AutoReplyTemplate" (id, name, "internalMessage", "externalMessage", "updatedAt", "updatedByUpn") VALUES (gen_random_uuid(), $1, $2, $3, now(), 'journey')`, [
      TEMPLATE,
      "<p>{{displayName}} is away until {{endDateTime}}. Please write to {{coverName}} ({{coverAddress}}).</p>",
      "<p>{{displayName}} is away. Please write to {{coverAddress}}.</p>",
    ]);

    // From the mailbox's pages to the cover form.
    await signInAs(page, "helpdesk", `/mailboxes/${encodeURIComponent(ADELE)}/access`, s.portalUrl);
    await page.getByRole("navigation", { name: "Mailbox pages" }).getByRole("link", { name: "Absence cover" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Absence cover for Adele Vance" })).toBeVisible();

    const start = Date.now() + HOUR;
    const end = Date.now() + 3 * HOUR;
    await page.getByLabel("Colleague who covers").fill("alex wil");
    await page.getByRole("button", { name: /Alex Wilber/ }).click();
    await page.getByLabel(`Start (${ZONE}, the mailbox's time)`).fill(berlin(start));
    await page.getByLabel(`End (${ZONE}, the mailbox's time)`).fill(berlin(end));
    await page.getByLabel("Template", { exact: true }).selectOption({ label: TEMPLATE });
    await page.getByRole("button", { name: "Use template" }).click();
    await expect(page.getByText(`Template "${TEMPLATE}" used: edit the messages below if needed.`)).toBeVisible();
    await page.getByLabel("Reply to senders outside the organisation").selectOption("All");
    await page.getByLabel("Calendar role (optional)").selectOption("Editor");
    await page.getByLabel(/^Calendar delegate/).check();
    await expect(page.getByText(/The colleague gets access at the start of the absence/)).toBeVisible();

    // An end before the start: refused beside the field, everything typed kept, nothing sent.
    await page.getByLabel(`End (${ZONE}, the mailbox's time)`).fill(berlin(start - HOUR));
    await page.getByRole("button", { name: "Set up the cover" }).click();
    await expect(page.locator("#endTime-error")).toHaveText("The end must be after the start.");
    await expect(page.getByLabel("Colleague who covers")).toHaveValue(ALEX);
    await expect(page.getByLabel("Calendar role (optional)")).toHaveValue("Editor");
    await expect(page.locator('input[type="hidden"][name="internalMessage"]')).toHaveValue(/Please write to Alex Wilber/);
    expect(await axeViolations(page)).toEqual([]);
    expect((await db.query(`SELECT count(*)::int AS n FROM "AbsenceCover"`)).rows[0].n).toBe(0);

    await page.getByLabel(`End (${ZONE}, the mailbox's time)`).fill(berlin(end));
    await page.getByRole("button", { name: "Set up the cover" }).click();
    await page.waitForURL(/\/covers\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1, name: "Absence cover for Adele Vance" })).toBeVisible();
    await expect(page.getByTestId("cover-window")).toContainText(`(${ZONE}, the mailbox's time)`);
    const row = (part: string) => page.locator(`tr[data-part="${part}"]`);
    await expect(row("auto-reply.set")).toContainText("Succeeded · verified");
    await expect(row("auto-reply.set")).toContainText("By their own schedule");
    // The rights wait for the start; their requests' pages can cancel them.
    for (const part of ["full-access.grant", "calendar.set"]) {
      await expect(row(part)).toContainText(`Scheduled for ${berlinShown(start)}`);
      await expect(row(part).getByRole("link", { name: "cancel it on its request page" })).toBeVisible();
      await expect(row(part)).toContainText("once granted");
    }
    expect(await axeViolations(page)).toEqual([]);
    const waiting = await stored();
    expect(waiting.mailboxPermissions.find((p) => p.user === ALEX && p.accessRights.includes("FullAccess"))).toBeUndefined();
    // (Alex may read Adele's calendar already, as Reviewer: the role asked for is not there yet.)
    expect(waiting.calendar.permissions.find((p) => p.user === ALEX && p.accessRights.includes("Editor"))).toBeUndefined();

    // The start passes: Microsoft's clock, and the grants fall due in the portal.
    await control("POST", "/_emulator/clock", { advanceSeconds: 3600 + 120 });
    const coverId = page.url().split("/").pop();
    await db.query(`UPDATE "Request" SET "dueAt" = now() WHERE status = 'SCHEDULED' AND "coverId" = $1`, [coverId]);
    await expect(async () => {
      await page.reload();
      for (const part of ["full-access.grant", "calendar.set"]) {
        await expect(row(part)).toContainText("Succeeded · verified", { timeout: 1000 });
        await expect(row(part)).toContainText(/Removal\s*Scheduled for/, { timeout: 1000 });
      }
    }).toPass({ timeout: 60_000 });
    expect(await axeViolations(page)).toEqual([]);

    // In Exchange: the replies scheduled for the window, with the colleague named; the rights.
    const before = await stored();
    expect(before.autoReply).toMatchObject({ autoReplyState: "Scheduled", externalAudience: "All" });
    expect(Date.parse(before.autoReply.startTime)).toBe(Math.ceil(start / 60_000) * 60_000);
    expect(Date.parse(before.autoReply.endTime)).toBe(Math.ceil(end / 60_000) * 60_000);
    expect(before.autoReply.internalMessage).toContain("Please write to Alex Wilber (alex.wilber@contoso.onmicrosoft.com).");
    expect(before.mailboxPermissions.find((p) => p.user === ALEX && p.accessRights.includes("FullAccess"))).toMatchObject({ autoMapping: true });
    expect(before.calendar.permissions.find((p) => p.user === ALEX)).toMatchObject({ accessRights: ["Editor"], sharingPermissionFlags: "Delegate" });

    // The end passes: Microsoft's clock, and the removals fall due in the portal.
    const { now: exchangeNow } = await control<{ now: string }>("POST", "/_emulator/clock", { advanceSeconds: 2 * 3600 + 120 });
    await db.query(`UPDATE "Request" SET "dueAt" = now() WHERE status = 'SCHEDULED' AND "removalOfId" IN (SELECT id FROM "Request" WHERE "coverId" = $1)`, [coverId]);
    await expect(async () => {
      await page.reload();
      for (const part of ["full-access.grant", "calendar.set"]) await expect(row(part)).toContainText(/Removal\s*Succeeded · verified/, { timeout: 1000 });
    }).toPass({ timeout: 60_000 });

    const after = await stored();
    expect(after.mailboxPermissions.find((p) => p.user === ALEX && p.accessRights.includes("FullAccess"))).toBeUndefined();
    expect(after.calendar.permissions.find((p) => p.user === ALEX)).toBeUndefined();
    // The replies end by their own schedule: still Scheduled, their window over on Exchange's clock.
    expect(after.autoReply.autoReplyState).toBe("Scheduled");
    expect(Date.parse(after.autoReply.endTime)).toBeLessThan(Date.parse(exchangeNow));

    // Listed on the mailbox's cover page.
    await page.getByRole("link", { name: "Adele Vance" }).click();
    await expect(page.getByRole("link", { name: /^Alex Wilber, / })).toHaveAttribute("href", `/covers/${coverId}`);
  } finally {
    await db.end();
  }
});

test("a grant that waits for the start of the absence is cancelled from its request's page, and never runs", async ({ page }) => {
  const s = stack!;
  const control = <T>(method: "GET" | "POST", path: string, body?: unknown) => callEmulator<T>({ url: s.emulatorUrl, caPath: s.caCertPath }, method, path, body);
  const db = new pg.Client({ connectionString: s.portalEnv.DATABASE_URL });
  await db.connect();
  try {
    await signInAs(page, "helpdesk", `/mailboxes/${encodeURIComponent(ADELE)}/cover`, s.portalUrl);
    const start = Date.now() + 5 * HOUR;
    await page.getByLabel("Colleague who covers").fill("alex wil");
    await page.getByRole("button", { name: /Alex Wilber/ }).click();
    await page.getByLabel(`Start (${ZONE}, the mailbox's time)`).fill(berlin(start));
    await page.getByLabel(`End (${ZONE}, the mailbox's time)`).fill(berlin(start + 2 * HOUR));
    await page.getByLabel("Template", { exact: true }).selectOption({ label: TEMPLATE });
    await page.getByRole("button", { name: "Use template" }).click();
    await page.getByRole("button", { name: "Set up the cover" }).click();
    await page.waitForURL(/\/covers\/[0-9a-f-]{36}$/);
    const coverId = page.url().split("/").pop();
    const grant = page.locator('tr[data-part="full-access.grant"]');
    await expect(grant).toContainText(`Scheduled for ${berlinShown(start)}`);

    await grant.getByRole("link", { name: "cancel it on its request page" }).click();
    await expect(page.getByRole("heading", { level: 1, name: /Grant FullAccess: Adele Vance/ })).toBeVisible();
    await expect(page.getByText(/from .* until /).first()).toBeVisible();
    // The request names the cover it is part of, and its requester opens it from there.
    await expect(page.getByRole("link", { name: `absence cover ${coverId}` })).toHaveAttribute("href", `/covers/${coverId}`);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Cancel this request" }).click();
    await expect(page.getByText("Cancelled by the requester; it will not run.")).toBeVisible();
    await page.goto(`${s.portalUrl}/covers/${coverId}`);
    await expect(grant).toContainText("Cancelled");

    // Recorded as cancelled (the sweep runs only what is scheduled), and Alex has no FullAccess.
    const { rows } = await db.query(`SELECT action, status FROM "Request" WHERE "coverId" = $1 ORDER BY action`, [coverId]);
    expect(rows).toEqual([
      { action: "auto-reply.set", status: "SUCCEEDED" },
      { action: "full-access.grant", status: "CANCELLED" },
    ]);
    const after = await control<TStored>("GET", `/_emulator/state/mailboxes/${encodeURIComponent(ADELE)}`);
    expect(after.mailboxPermissions.find((p) => p.user === ALEX && p.accessRights.includes("FullAccess"))).toBeUndefined();
  } finally {
    await db.end();
  }
});
