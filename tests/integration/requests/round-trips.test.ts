import { beforeAll, describe, expect, it } from "vitest";
import { listCatalogue } from "@/lib/cmdlets/catalogue";
import { readMailboxAccess } from "@/lib/cmdlets/read-access";
import type { TExchange } from "@/lib/exchange/create-exchange";
import { submitRequest } from "@/lib/requests/submit-request";
import { DEMO_USERS, SEED_MAILBOXES, upnOf } from "../../emulator/index";
import { useHarness } from "../../emulator/test-support/harness";
import { useMigratedEmbeddedDb } from "../support/embedded-db";
import { exchangeAs } from "../support/emulator-exchange";
import { actorOf, person, setApprovalRequired } from "../support/people";

// Issue 17: a person waits for Exchange's round trips, so a change or a page asks Exchange for
// nothing twice. A change reads who its mailbox and trustee are, its state before, changes it and
// reads its state back; the access page reads each list once and looks each person up once.
const h = useHarness();
useMigratedEmbeddedDb();
beforeAll(async () => {
  await setApprovalRequired(false, listCatalogue().map((a) => a.id));
});

const helpdesk = person(DEMO_USERS.helpdesk, ["ExoDesk.Helpdesk"]);
const MEGAN = SEED_MAILBOXES.meganBowen;
const ALEX = upnOf("alex.wilber");
const tally = (calls: string[]) => Object.fromEntries([...new Set(calls)].sort().map((c) => [c, calls.filter((x) => x === c).length]));

async function callsOf(actionId: string, rawParams: Record<string, unknown>) {
  const ex = await exchangeAs(h, helpdesk.upn);
  const { outcome } = await submitRequest({ user: helpdesk, actor: actorOf(helpdesk), ex, actionId, rawParams });
  expect(outcome).toMatchObject({ status: "SUCCEEDED", verification: "VERIFIED" });
  return tally(ex.calls);
}

describe("the Exchange calls of one change", () => {
  it("automatic replies: the mailbox's resolution, the state before, the change, the state after", async () => {
    const enable = { identity: MEGAN, autoReplyState: "Enabled", startTime: null, endTime: null, internalMessage: "<p>Away</p>", externalMessage: "", externalAudience: "None" };
    expect(await callsOf("auto-reply.set", enable)).toEqual({ "Get-MailboxAutoReplyConfiguration": 2, "Get-Recipient": 1, "Set-MailboxAutoReplyConfiguration": 1 });
  });

  it("FullAccess and SendAs: the mailbox and the person once each, the entry before and after", async () => {
    expect(await callsOf("full-access.grant", { identity: MEGAN, trustee: ALEX, autoMapping: true })).toEqual({ "Add-MailboxPermission": 1, "Get-MailboxPermission": 2, "Get-Recipient": 2 });
    expect(await callsOf("send-as.grant", { identity: MEGAN, trustee: ALEX })).toEqual({ "Add-RecipientPermission": 1, "Get-RecipientPermission": 2, "Get-Recipient": 2 });
  });

  it("SendOnBehalf: the person is looked up once, though both reads compare the delegates with their names", async () => {
    expect(await callsOf("send-on-behalf.grant", { identity: MEGAN, trustee: ALEX })).toEqual({ "Get-Mailbox": 2, "Get-Recipient": 2, "Set-Mailbox": 1 });
  });

  it("calendar: the folder's localised name is asked once; the read back uses it", async () => {
    const editor = { identity: upnOf("adele.vance"), trustee: ALEX, accessRights: "Editor", delegate: false, canViewPrivateItems: false, sendNotificationToUser: false };
    // Alex has a role on Adele's calendar already, so it is changed (Set), not added.
    expect(await callsOf("calendar.set", editor)).toEqual({ "Get-MailboxFolderPermission": 2, "Get-MailboxFolderStatistics": 1, "Get-Recipient": 2, "Set-MailboxFolderPermission": 1 });
  });
});

describe("the Exchange calls of the access page", () => {
  it("each list once, the header from Get-Mailbox, and each person named in the lists looked up once", async () => {
    const ex = await exchangeAs(h, helpdesk.upn);
    const access = await readMailboxAccess(ex, upnOf("sales.shared"));
    const people = new Set(access.rows.filter((r) => r.explicit).map((r) => r.trustee)).size;
    expect(people).toBeGreaterThan(0);
    expect(tally(ex.calls)).toEqual({
      "Get-Mailbox": 1,
      "Get-MailboxFolderPermission": 1,
      "Get-MailboxFolderStatistics": 1,
      "Get-MailboxPermission": 1,
      "Get-Recipient": people,
      "Get-RecipientPermission": 1,
    });
  });
});

describe("the Exchange calls of an absence cover", () => {
  it("each part's state before is read beside the resolution of both people, as in a single change; nothing is asked twice", async () => {
    const ex = await exchangeAs(h, helpdesk.upn);
    // For each call, how many calls had answered when it started.
    const started: { cmdlet: string; answered: number }[] = [];
    let answered = 0;
    const watched: TExchange = {
      invoke: (cmdlet, parameters, options) => {
        started.push({ cmdlet, answered });
        return ex.invoke(cmdlet, parameters, options).finally(() => answered++);
      },
    };
    const now = Date.now();
    const cover = {
      identity: upnOf("diego.siciliani"),
      trustee: ALEX,
      startTime: new Date(now + 30_000).toISOString(),
      endTime: new Date(now + 8 * 3600_000).toISOString(),
      scheduleZone: "UTC",
      internalMessage: "<p>Away; Alex covers.</p>",
      externalMessage: "",
      externalAudience: "None",
      autoMapping: true,
      accessRights: "Reviewer",
      delegate: false,
    };
    const { submitAbsenceCover } = await import("@/lib/requests/submit-absence-cover");
    expect(await submitAbsenceCover({ user: helpdesk, actor: actorOf(helpdesk), ex: watched, cover })).toMatchObject({ notSubmitted: [] });

    const firstOf = (cmdlet: string) => started.find((c) => c.cmdlet === cmdlet);
    // Both people, the automatic replies, the FullAccess entries and the calendar's name: all
    // asked before Exchange had answered anything.
    for (const cmdlet of ["Get-Recipient", "Get-MailboxAutoReplyConfiguration", "Get-MailboxPermission", "Get-MailboxFolderStatistics"]) expect(firstOf(cmdlet)).toEqual({ cmdlet, answered: 0 });
    expect(started.filter((c) => c.cmdlet === "Get-Recipient" && c.answered === 0)).toHaveLength(2);
    expect(tally(ex.calls)).toEqual({
      "Add-MailboxFolderPermission": 1,
      "Add-MailboxPermission": 1,
      "Get-MailboxAutoReplyConfiguration": 2,
      "Get-MailboxFolderPermission": 2,
      "Get-MailboxFolderStatistics": 1,
      "Get-MailboxPermission": 2,
      "Get-Recipient": 2,
      "Set-MailboxAutoReplyConfiguration": 1,
    });
  });
});
