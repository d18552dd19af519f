// The journeys of the latency benchmark: what a person does in Chromium, each measured from
// the click (or the navigation) until the outcome is on the page. Elements are found by what a
// person sees (role, label, text), and an outcome is a banner or a row, never a navigation: the
// page may update in place or load anew. Every change is a real change in Exchange.
import { setTimeout as sleep } from "node:timers/promises";
import type { Browser, Locator, Page } from "@playwright/test";
import { callEmulator } from "../../support/emulator-control";
import { fillEnabledReply, mailbox, replyEditor, signInAs } from "../../e2e/support";
import { timeWait, type TEmulatorControl, type TSample } from "./call-timing";
import { drawnAt, goneAt, idle, navigationStart, recordFrames, watchUntilGone } from "./page-frames";

// `clicks`: when each click reached the person's page (its event's time, the page's wall clock
// in ms), newest last.
export type TPerson = { page: Page; clicks: number[] };
export type TJourneyContext = { control: TEmulatorControl; tag: string }; // tag: unique to the sample
export type TRemovalClock = { endNow: (address: string) => Promise<void>; handedOver: (address: string) => Promise<boolean> };

const PAGE_MAILBOX = mailbox("megan.bowen");
export const ACCESS_MAILBOX = mailbox("megan.bowen");
export const REPLY_MAILBOX = mailbox("adele.vance");
const REVERT_MAILBOX = mailbox("diego.siciliani");
const COVER_MAILBOX = mailbox("yuki.tanaka");
const REMOVAL_MAILBOX = mailbox("christie.cline");
const TRUSTEE = { search: "alex", address: mailbox("alex.wilber"), name: "Alex Wilber" };
const DONE = "Done and verified";

export async function signedInPerson(browser: Browser, portalUrl: string, who: string): Promise<TPerson> {
  const context = await browser.newContext({ baseURL: portalUrl, ignoreHTTPSErrors: true });
  const clicks: number[] = [];
  await context.exposeBinding("__benchClicked", (_source, at: number) => void clicks.push(at));
  await context.addInitScript(() => {
    const report = (window as unknown as { __benchClicked: (at: number) => void }).__benchClicked;
    document.addEventListener("click", (e) => report(performance.timeOrigin + e.timeStamp), { capture: true });
  });
  await context.addInitScript(recordFrames);
  const page = await context.newPage();
  await signInAs(page, who, "/mailboxes", portalUrl);
  return { page, clicks };
}

// A change is timed from its click as the page received it (the event's time). Playwright's own
// checks before it clicks (scrolling the button into view, waiting two frames for it to stand
// still) are no part of a person's wait; on a slow machine they took 31-69 ms.
async function timeClick(p: TPerson, ctx: TJourneyContext, button: Locator, shown: () => Promise<number>): Promise<TSample> {
  await idle(p.page);
  p.clicks.length = 0;
  return timeWait(ctx.control, () => button.click(), shown, () => {
    if (p.clicks.length !== 1) throw new Error(`the page saw ${p.clicks.length} clicks, not one`);
    return p.clicks[0]!;
  });
}

// Playwright's own waits poll every 500 ms once a condition has been false for a while: too
// coarse for a wait of a second. These ask every 10 ms (a locator query takes a few ms).
async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 30_000) {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition().catch(() => false))) {
    if (performance.now() > deadline) throw new Error(`not shown within ${timeoutMs / 1000} s: ${what}`);
    await sleep(10);
  }
}
const visible = (...locators: Locator[]) =>
  until(async () => (await Promise.all(locators.map((l) => l.first().isVisible()))).every(Boolean), locators.map(String).join(" and "));
const gone = (locator: Locator) => until(async () => (await locator.count()) === 0, `${String(locator)} gone`);
// An outcome's end of a wait: found visible, then the frame that drew it (page-frames.ts).
const drawn = async (...locators: Locator[]) => {
  await visible(...locators);
  return await drawnAt(locators, Date.now());
};
const stateOf = <T>(control: TEmulatorControl, address: string) => callEmulator<T>(control, "GET", `/_emulator/state/mailboxes/${address}`);

function check(ok: boolean, what: string) {
  if (!ok) throw new Error(`Exchange does not show what the journey did: ${what}`);
}

// A mailbox page is shown when its heading and its content are (the content may stream in
// after the heading).
const PAGE_CONTENT = {
  "auto-reply": (page: Page) => [page.getByRole("heading", { name: /^Automatic replies for/ }), page.getByRole("heading", { name: "Current setting" })],
  access: (page: Page) => [page.getByRole("heading", { name: /^Access for/ }), page.getByRole("heading", { name: "Who has access" })],
  cover: (page: Page) => [page.getByRole("heading", { name: /^Absence cover for/ }), page.getByRole("button", { name: "Set up the cover" })],
};
const pagePath = (address: string, tab: keyof typeof PAGE_CONTENT) => `/mailboxes/${encodeURIComponent(address)}/${tab}`;

// A page load, from a page that has settled, timed from its navigation's start as the new page
// records it (performance.timeOrigin), as a click is: Playwright's message to start it is no
// part of the wait. It ends at the frame that drew the last of `content`.
async function timePageLoad(p: TPerson, ctx: TJourneyContext, path: string, content: () => Locator[]): Promise<TSample> {
  await idle(p.page);
  return await timeWait(ctx.control, () => p.page.goto(path, { waitUntil: "commit" }), () => drawn(...content()), () => navigationStart(p.page));
}

export function timeMailboxPage(p: TPerson, ctx: TJourneyContext, tab: keyof typeof PAGE_CONTENT, address = PAGE_MAILBOX): Promise<TSample> {
  return timePageLoad(p, ctx, pagePath(address, tab), () => PAGE_CONTENT[tab](p.page));
}

async function openMailboxPage(p: TPerson, tab: keyof typeof PAGE_CONTENT, address: string) {
  await p.page.goto(pagePath(address, tab), { waitUntil: "commit" });
  await visible(...PAGE_CONTENT[tab](p.page));
}

// The bulk change's first page: its heading and the departments, gathered from Exchange's list of
// every mailbox.
export function timeBulkPage(p: TPerson, ctx: TJourneyContext): Promise<TSample> {
  return timePageLoad(p, ctx, "/bulk/new", () => [p.page.getByRole("heading", { name: "Automatic replies for many mailboxes" }), p.page.getByLabel("Department")]);
}

// The type-ahead search on /mailboxes: from the moment the picker sends its search (it waits
// 250 ms after the last keystroke first, reported apart) until the matches are listed.
const SEARCHES = ["megan", "adele", "alex", "diego"];
export async function searchMailbox(p: TPerson, ctx: TJourneyContext, i: number): Promise<TSample & { typedMs: number }> {
  const { page } = p;
  if (!page.url().endsWith("/mailboxes")) await page.goto("/mailboxes");
  const box = page.getByRole("searchbox", { name: "Mailbox" }); // not the list of matches ("Matching mailboxes")
  await box.fill("");
  await idle(page);
  const query = SEARCHES[(i + SEARCHES.length) % SEARCHES.length]!;
  let sent = 0;
  const onRequest = (r: { method(): string; headers(): Record<string, string> }) => {
    if (!sent && r.method() === "POST" && r.headers()["next-action"]) sent = Date.now();
  };
  page.on("request", onRequest);
  try {
    let typed = 0;
    const sample = await timeWait(ctx.control, async () => {
      typed = Date.now();
      await box.fill(query);
    }, () => drawn(page.getByText(new RegExp(`found for "${query}"`))), () => typed);
    if (!sent) throw new Error("the picker sent no search");
    return { ...sample, waitMs: sample.waitMs - (sent - typed), typedMs: sample.waitMs };
  } finally {
    page.off("request", onRequest);
  }
}

// Automatic replies on, with a message no earlier sample used: the banner and the new message
// under "Current setting".
export async function changeAutoReply(p: TPerson, ctx: TJourneyContext, address = REPLY_MAILBOX): Promise<TSample> {
  const message = `Away (latency ${ctx.tag})`;
  await openMailboxPage(p, "auto-reply", address);
  await fillEnabledReply(p.page, message);
  return await timeClick(p, ctx, p.page.getByRole("button", { name: "Apply change" }),
    () => drawn(p.page.getByText(DONE), p.page.locator("dd").getByText(message)));
}

export async function checkAutoReply(ctx: TJourneyContext, address: string, present: boolean) {
  const { autoReply } = await stateOf<{ autoReply: { internalMessage: string | null } }>(ctx.control, address);
  check((autoReply.internalMessage ?? "").includes(`Away (latency ${ctx.tag})`) === present, `${address}'s automatic reply ${present ? "has" : "lacks"} the sample's message`);
}

// The kinds of right on the access page: the radio's and the row's label, and where the
// emulator keeps them.
export const RIGHTS = [
  { label: "FullAccess", key: "mailboxPermissions" },
  { label: "Send as", key: "recipientPermissions" },
  { label: "Send on behalf", key: "grantSendOnBehalfTo" },
  { label: "Calendar", key: "calendar" },
] as const;
type TRight = (typeof RIGHTS)[number];

const rightRow = (page: Page, right: TRight) => page.getByRole("row").filter({ hasText: TRUSTEE.name }).filter({ hasText: right.label });

// Alex Wilber, picked from a person field's matches.
async function pickTrustee(page: Page, label: string) {
  await page.getByLabel(label).fill(TRUSTEE.search);
  await page.getByRole("button", { name: new RegExp(TRUSTEE.address.replace(/\./g, "\\.")) }).click();
}

async function fillGrant(page: Page, right: TRight) {
  await page.getByRole("radio", { name: right.label, exact: true }).check();
  await pickTrustee(page, "Person");
  if (right.label === "Calendar") await page.getByLabel("Calendar role").selectOption("Reviewer");
}

// Grant then remove one right of Alex Wilber on the access page: two measured changes, the
// grant until the banner and Alex's row show, the removal until the row is gone.
export async function grantAndRemove(p: TPerson, ctx: TJourneyContext, right: TRight, checkState: boolean): Promise<{ grant: TSample; remove: TSample }> {
  const { page } = p;
  await openMailboxPage(p, "access", ACCESS_MAILBOX);
  await fillGrant(page, right);
  const grant = await timeClick(p, ctx, page.getByRole("button", { name: `Grant ${right.label}` }),
    () => drawn(page.getByText(DONE), rightRow(page, right)));
  if (checkState) await checkRight(ctx, right, true);
  await watchUntilGone(rightRow(page, right));
  const remove = await timeClick(p, ctx, page.getByRole("button", { name: `Remove ${right.label} for ${TRUSTEE.name}` }), async () => {
    await gone(rightRow(page, right));
    return await goneAt(page, Date.now());
  });
  if (checkState) await checkRight(ctx, right, false);
  return { grant, remove };
}

async function checkRight(ctx: TJourneyContext, right: TRight, present: boolean, address = ACCESS_MAILBOX) {
  const state = await stateOf<Record<string, unknown>>(ctx.control, address);
  check(JSON.stringify(state[right.key]).includes(TRUSTEE.address.split("@")[0]!) === present, `${right.label} for ${TRUSTEE.name} ${present ? "granted" : "removed"}`);
}

// A FullAccess grant asked for by the requester (it waits for approval under the default
// policy), then approved on /approvals: measured are the approver's opening of the queue (until
// the request and its buttons show) and their click until the outcome shows. The grant is taken
// away afterwards with `removeDirectly`, outside the measurement.
export async function approveAndApply(requester: TPerson, approver: TPerson, ctx: TJourneyContext, removeDirectly: () => Promise<void>, checkState: boolean): Promise<{ queue: TSample; approve: TSample }> {
  const reason = `Latency benchmark ${ctx.tag}`;
  await openMailboxPage(requester, "access", ACCESS_MAILBOX);
  await fillGrant(requester.page, RIGHTS[0]);
  await requester.page.getByLabel(/^Reason/).fill(reason);
  // Once its request is sent, the requester's page asks for its header's counts (useFormAction):
  // the approver opens the queue after that answer, not while the same server is giving it.
  const counted = requester.page.waitForResponse((r) => new URL(r.url()).pathname === "/api/header-counts");
  await requester.page.getByRole("button", { name: "Grant FullAccess" }).click();
  await visible(requester.page.getByText(/Sent for approval/));
  await counted;

  const item = approver.page.getByRole("listitem").filter({ hasText: reason });
  const queue = await timePageLoad(approver, ctx, "/approvals",
    () => [approver.page.getByRole("heading", { name: "Waiting for your decision" }), item.getByRole("button", { name: /^Approve and apply:/ })]);
  const sample = await timeClick(approver, ctx, item.getByRole("button", { name: /^Approve and apply:/ }), () => drawn(approver.page.getByText(DONE)));
  if (checkState) await checkRight(ctx, RIGHTS[0], true);
  await removeDirectly();
  if (checkState) await checkRight(ctx, RIGHTS[0], false);
  return { queue, approve: sample };
}

// An automatic-reply change made (unmeasured), then reverted from its request page: measured
// from the click on Revert until the revert's outcome shows there, with the link to its request.
// Reverting takes request.submit: Helpdesk or Approver, on a request they may see.
export async function revertChange(p: TPerson, ctx: TJourneyContext, checkState: boolean): Promise<TSample> {
  const { page } = p;
  await changeAutoReply(p, ctx, REVERT_MAILBOX);
  if (checkState) await checkAutoReply(ctx, REVERT_MAILBOX, true);
  await page.getByRole("link", { name: "See the request" }).click();
  await page.waitForURL(/\/requests\/[0-9a-f-]{36}$/);
  await page.getByLabel(/^Reason/).fill(`Latency benchmark ${ctx.tag}`);
  const sample = await timeClick(p, ctx, page.getByRole("button", { name: "Revert", exact: true }),
    () => drawn(page.getByRole("link", { name: "See the revert's request" }), page.getByText(DONE)));
  if (checkState) await checkAutoReply(ctx, REVERT_MAILBOX, false);
  return sample;
}

// The approval policy of grants, set by an admin on the Policies page as a person would.
const GRANT_POLICIES = ["Grant FullAccess", "Grant SendAs", "Grant SendOnBehalf", "Set calendar role"];
export async function setGrantApproval(admin: TPerson, needsApproval: boolean) {
  const { page } = admin;
  await page.goto("/admin/policies");
  for (const label of GRANT_POLICIES) {
    const row = page.getByRole("row", { name: new RegExp(label) });
    await row.getByRole("checkbox", { name: `${label} needs approval` }).setChecked(needsApproval);
    await row.getByRole("button", { name: `Save policy for ${label}` }).click();
    await row.getByRole("status").filter({ hasText: "Saved." }).waitFor();
  }
}

// Absence cover for Yuki Tanaka with Alex Wilber covering, in 2031: the automatic replies are
// scheduled at once, the FullAccess grant waits for the start (under a policy without approval;
// far enough ahead that no sample's grant runs during the benchmark). Measured from "Set up the
// cover" until the cover's page shows the replies' part succeeded and verified.
export async function submitCover(p: TPerson, ctx: TJourneyContext, checkState: boolean): Promise<TSample> {
  const { page } = p;
  const message = `Away (latency ${ctx.tag})`;
  await openMailboxPage(p, "cover", COVER_MAILBOX);
  await pickTrustee(page, "Colleague who covers");
  await page.getByLabel(/^Start \(/).fill("2031-01-10T08:00");
  await page.getByLabel(/^End \(/).fill("2031-01-15T17:30");
  await replyEditor(page, "internal").fill(message);
  const sample = await timeClick(p, ctx, page.getByRole("button", { name: "Set up the cover" }),
    () => drawn(page.locator('tr[data-part="auto-reply.set"]').getByText("Succeeded · verified")));
  if (checkState) {
    const { autoReply } = await stateOf<{ autoReply: { autoReplyState: string; internalMessage: string | null } }>(ctx.control, COVER_MAILBOX);
    check(autoReply.autoReplyState === "Scheduled" && (autoReply.internalMessage ?? "").includes(message), `${COVER_MAILBOX}'s automatic replies scheduled with the sample's message`);
  }
  return sample;
}

// A FullAccess grant with an end, from the access page's form (under a policy without approval):
// measured until the banner and Alex's row with its end show; then removed, unmeasured, which
// also cancels the removal scheduled for the end.
export async function grantWithEnd(p: TPerson, ctx: TJourneyContext, checkState: boolean): Promise<TSample> {
  const { page } = p;
  const right = RIGHTS[0];
  await openMailboxPage(p, "access", ACCESS_MAILBOX);
  await fillGrant(page, right);
  await page.getByLabel(/^Until \(optional\)/).fill("2031-01-15T17:30");
  const sample = await timeClick(p, ctx, page.getByRole("button", { name: `Grant ${right.label}` }),
    () => drawn(page.getByText(DONE), rightRow(page, right).getByText(/until 15 Jan 2031/)));
  if (checkState) await checkRight(ctx, right, true);
  await page.getByRole("button", { name: `Remove ${right.label} for ${TRUSTEE.name}` }).click();
  await gone(rightRow(page, right));
  if (checkState) await checkRight(ctx, right, false);
  return sample;
}

// "Remove now" on /removals: a FullAccess grant with an end on Christie Cline's mailbox, by a
// helpdesk person whose sign-in is then revoked (refresh token and, by a critical event, access
// token); its end is moved into the past (`endNow`, in the database, as the sweep's clock would
// see it), the sweep cannot remove it as them and hands it to the helpdesk (`handedOver`, read
// in the database), whose /removals then lists it. Measured from the
// helpdesk's click on "Remove now" until its outcome shows on its card.
export async function removeNow(helpdesk: TPerson, granter: () => Promise<TPerson>, ctx: TJourneyContext,
  { endNow, handedOver }: TRemovalClock, checkState: boolean): Promise<TSample> {
  const right = RIGHTS[0];
  const g = await granter();
  try {
    await openMailboxPage(g, "access", REMOVAL_MAILBOX);
    await fillGrant(g.page, right);
    await g.page.getByLabel(/^Until \(optional\)/).fill("2031-01-15T17:30");
    await g.page.getByRole("button", { name: `Grant ${right.label}` }).click();
    await visible(g.page.getByText(DONE));
  } finally {
    await g.page.context().close();
  }
  if (checkState) await checkRight(ctx, right, true, REMOVAL_MAILBOX);
  for (const path of ["/_emulator/revoke", "/_emulator/critical-event"]) await callEmulator(ctx.control, "POST", path, { upn: mailbox(REMOVAL_GRANTER) });
  await endNow(REMOVAL_MAILBOX);
  await until(() => handedOver(REMOVAL_MAILBOX), "the sweep handing the removal to the helpdesk", 60_000);
  const { page } = helpdesk;
  // The one removal waiting for someone (the card keeps its text when its button gives way to the outcome).
  const item = page.getByRole("listitem").filter({ hasText: TRUSTEE.name });
  await page.goto("/removals");
  await visible(item.getByRole("button", { name: /^Remove now:/ }));
  const sample = await timeClick(helpdesk, ctx, item.getByRole("button", { name: /^Remove now:/ }), () => drawn(item.getByRole("status").getByText(DONE)));
  if (checkState) await checkRight(ctx, right, false, REMOVAL_MAILBOX);
  return sample;
}
// Who grants in removeNow: a helpdesk person no other journey signs in as.
export const REMOVAL_GRANTER = "writescope.helpdesk";
