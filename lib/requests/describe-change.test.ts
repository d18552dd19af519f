import { describe, expect, it } from "vitest";
import { describeChange, describeRequestChange, tenseOf } from "./describe-change";

const ALEX = "alex@contoso.com";
const MEGAN = "megan@contoso.com";
const target = { identity: MEGAN, trustee: ALEX };
const off = { autoReplyState: "Disabled", startTime: null, endTime: null, internalMessage: "<p>Back soon</p>", externalMessage: "", externalAudience: "None" };
const scheduled = {
  autoReplyState: "Scheduled",
  startTime: "2026-12-04T08:00:00.000Z",
  endTime: "2026-12-05T16:00:00.000Z",
  internalMessage: "<html><body><p>Away &amp; <b>offline</b></p><ul><li>Ask <a href=\"mailto:adele@contoso.com\">Adele</a></li></ul></body></html>",
  externalMessage: "",
  externalAudience: "None",
};

describe("describeChange: FullAccess", () => {
  const grant = { action: "full-access.grant", parameters: { ...target, autoMapping: true }, mailbox: "Megan Bowen" };

  it("says until when a time-bound grant lasts, in the mailbox's time", () => {
    const until = new Date("2031-01-16T01:30:00.000Z");
    expect(describeChange({ ...grant, before: null, tense: "will", until, zone: "America/Los_Angeles" }).sentence).toBe(
      "alex@contoso.com will get full access to Megan Bowen's mailbox, added to their Outlook automatically, until 15 Jan 2031, 17:30 GMT-8",
    );
  });

  it("says from when until when a grant that waits for its start lasts, in the mailbox's time", () => {
    const from = new Date("2031-01-10T16:00:00.000Z");
    const until = new Date("2031-01-16T01:30:00.000Z");
    expect(describeChange({ ...grant, before: null, tense: "will", from, until, zone: "America/Los_Angeles" }).sentence).toBe(
      "alex@contoso.com will get full access to Megan Bowen's mailbox, added to their Outlook automatically, from 10 Jan 2031, 08:00 GMT-8 until 15 Jan 2031, 17:30 GMT-8",
    );
  });

  it("says who gets what in every tense, with automapping in words", () => {
    expect(describeChange({ ...grant, before: { fullAccess: false }, tense: "will" }).sentence).toBe(
      "alex@contoso.com will get full access to Megan Bowen's mailbox, added to their Outlook automatically",
    );
    expect(describeChange({ ...grant, before: null, after: { fullAccess: true }, tense: "did" }).sentence).toBe(
      "alex@contoso.com got full access to Megan Bowen's mailbox, added to their Outlook automatically",
    );
    expect(describeChange({ ...grant, parameters: { ...target, autoMapping: false }, before: null, tense: "would" }).sentence).toBe(
      "alex@contoso.com would have got full access to Megan Bowen's mailbox, not added to their Outlook (they open it themselves)",
    );
    expect(describeChange({ ...grant, before: null, tense: "may" }).sentence).toMatch(/^alex@contoso\.com may have got full access/);
  });

  it("shows the person added, whether the state before was read or not, and nothing when they already had it", () => {
    expect(describeChange({ ...grant, before: { fullAccess: false }, tense: "will" }).lines).toEqual([{ kind: "added", field: "Full access", value: ALEX }]);
    expect(describeChange({ ...grant, before: null, tense: "will" }).lines).toEqual([{ kind: "added", field: "Full access", value: ALEX }]);
    expect(describeChange({ ...grant, before: { fullAccess: true }, tense: "will" }).lines).toEqual([]);
    expect(describeChange({ ...grant, before: { fullAccess: false }, after: { fullAccess: true }, tense: "did" }).lines).toEqual([{ kind: "added", field: "Full access", value: ALEX }]);
  });

  it("removal: the person removed", () => {
    const words = describeChange({ action: "full-access.remove", parameters: target, mailbox: MEGAN, before: { fullAccess: true }, after: { fullAccess: false }, tense: "did" });
    expect(words).toEqual({ sentence: "alex@contoso.com lost full access to megan@contoso.com's mailbox", tense: "did", worded: true, lines: [{ kind: "removed", field: "Full access", value: ALEX }] });
  });
});

describe("describeChange: SendAs and SendOnBehalf", () => {
  it("grant and removal, before known or not", () => {
    expect(describeChange({ action: "send-as.grant", parameters: target, mailbox: "Megan Bowen", before: { sendAs: false }, tense: "will" })).toEqual({
      sentence: "alex@contoso.com will get the right to send email as Megan Bowen", tense: "will", worded: true,
      lines: [{ kind: "added", field: "Send as", value: ALEX }],
    });
    expect(describeChange({ action: "send-as.remove", parameters: target, mailbox: "Megan Bowen", before: undefined, tense: "will" })).toEqual({
      sentence: "alex@contoso.com will lose the right to send email as Megan Bowen", tense: "will", worded: true,
      lines: [{ kind: "removed", field: "Send as", value: ALEX }],
    });
    expect(
      describeChange({ action: "send-on-behalf.grant", parameters: target, mailbox: "Megan Bowen", before: { delegates: [], trusteeListed: false }, after: { delegates: ["Alex Wilber"], trusteeListed: true }, tense: "did" }),
    ).toEqual({ sentence: "alex@contoso.com got the right to send email on behalf of Megan Bowen", tense: "did", worded: true, lines: [{ kind: "added", field: "Send on behalf", value: ALEX }] });
    expect(describeChange({ action: "send-on-behalf.remove", parameters: target, mailbox: "Megan Bowen", before: null, tense: "would" })).toEqual({
      sentence: "alex@contoso.com would have lost the right to send email on behalf of Megan Bowen", tense: "would", worded: true,
      lines: [{ kind: "removed", field: "Send on behalf", value: ALEX }],
    });
  });
});

describe("describeChange: calendar roles", () => {
  const editor = { ...target, accessRights: "Editor", delegate: true, canViewPrivateItems: true, sendNotificationToUser: true };
  const none = { folder: `${MEGAN}:\\Calendar`, accessRights: [], sharingPermissionFlags: "None" };

  it("a new role: the role, delegate flags and the invitation in words", () => {
    expect(describeChange({ action: "calendar.set", parameters: editor, mailbox: "Megan Bowen", before: none, tense: "will" })).toEqual({
      sentence: "alex@contoso.com will get the Editor role on Megan Bowen's calendar, as calendar delegate seeing private items, with a sharing invitation sent to them", tense: "will", worded: true,
      lines: [{ kind: "changed", field: `Calendar (${ALEX})`, before: "no access", after: "Editor, calendar delegate, sees private items" }],
    });
  });

  it("a role that changes says from what to what; an unknown before shows only what it becomes", () => {
    const reviewer = { folder: `${MEGAN}:\\Calendar`, accessRights: ["Reviewer"], sharingPermissionFlags: "None" };
    const plain = { ...target, accessRights: "Editor", delegate: false, canViewPrivateItems: false, sendNotificationToUser: false };
    expect(describeChange({ action: "calendar.set", parameters: plain, mailbox: "Megan Bowen", before: reviewer, tense: "did" }).sentence).toBe(
      "alex@contoso.com's access to Megan Bowen's calendar changed from Reviewer to the Editor role",
    );
    expect(describeChange({ action: "calendar.set", parameters: plain, mailbox: "Megan Bowen", before: null, tense: "will" }).lines).toEqual([
      { kind: "changed", field: `Calendar (${ALEX})`, before: null, after: "Editor" },
    ]);
  });

  it("removal", () => {
    const delegate = { folder: `${MEGAN}:\\Calendar`, accessRights: ["Editor"], sharingPermissionFlags: "Delegate" };
    expect(describeChange({ action: "calendar.remove", parameters: target, mailbox: "Megan Bowen", before: delegate, after: none, tense: "did" })).toEqual({
      sentence: "alex@contoso.com lost access to Megan Bowen's calendar", tense: "did", worded: true,
      lines: [{ kind: "changed", field: `Calendar (${ALEX})`, before: "Editor, calendar delegate", after: "no access" }],
    });
  });
});

describe("describeChange: automatic replies", () => {
  const auto = { action: "auto-reply.set", mailbox: "Adele Vance" };

  it("scheduling: the window in the sentence, the state and the new message as text", () => {
    const words = describeChange({ ...auto, parameters: { identity: MEGAN, ...scheduled }, before: off, tense: "will" });
    expect(words.sentence).toBe("Automatic replies for Adele Vance will be scheduled from 4 Dec 2026, 08:00 UTC to 5 Dec 2026, 16:00 UTC, for people inside the organisation only");
    expect(words.lines).toEqual([
      { kind: "changed", field: "Automatic replies", before: "Off", after: "Scheduled, 4 Dec 2026, 08:00 UTC – 5 Dec 2026, 16:00 UTC" },
      { kind: "message", field: "Message inside the organisation", before: "Back soon", after: "Away & offline\n• Ask Adele (mailto:adele@contoso.com)" },
    ]);
  });

  it("shows the window in the zone it was written in, where the request has one", () => {
    const words = describeChange({ ...auto, parameters: { identity: MEGAN, ...scheduled }, before: off, tense: "will", zone: "Europe/Berlin" });
    expect(words.sentence).toBe("Automatic replies for Adele Vance will be scheduled from 4 Dec 2026, 09:00 CET to 5 Dec 2026, 17:00 CET, for people inside the organisation only");
    expect(words.lines[0]).toEqual({ kind: "changed", field: "Automatic replies", before: "Off", after: "Scheduled, 4 Dec 2026, 09:00 CET – 5 Dec 2026, 17:00 CET" });
  });

  it("a message only re-wrapped (as Exchange stores it) is not a change; a new audience is", () => {
    const on = { ...off, autoReplyState: "Enabled", externalAudience: "All", externalMessage: "<p>Out</p>" };
    const stored = { ...on, internalMessage: "<html><head><style>p{}</style></head><body><p>Back  soon</p></body></html>" };
    expect(describeChange({ ...auto, parameters: { identity: MEGAN, ...on }, before: off, after: stored, tense: "did" })).toEqual({
      sentence: "Automatic replies for Adele Vance were turned on, for people inside the organisation and all external senders", tense: "did", worded: true,
      lines: [
        { kind: "changed", field: "Automatic replies", before: "Off", after: "On" },
        { kind: "changed", field: "Replies outside the organisation go to", before: "No one", after: "Everyone" },
        { kind: "message", field: "Message outside the organisation", before: "", after: "Out" },
      ],
    });
  });

  it("replies that stay in their state are changed, and the sentence says they stay", () => {
    const on = { identity: MEGAN, ...off, autoReplyState: "Enabled", externalAudience: "Known", externalMessage: "<p>Out</p>" };
    const change = (parameters: object, before: object) => describeChange({ ...auto, parameters, before, tense: "did" }).sentence;
    expect(change(on, { ...on, internalMessage: "<p>Old</p>" })).toBe(
      "Automatic replies for Adele Vance were changed, still on, for people inside the organisation and senders in the mailbox's contacts",
    );
    expect(change({ identity: MEGAN, ...scheduled }, { ...scheduled, endTime: "2026-12-06T16:00:00.000Z" })).toBe(
      "Automatic replies for Adele Vance were changed, scheduled from 4 Dec 2026, 08:00 UTC to 5 Dec 2026, 16:00 UTC, for people inside the organisation only",
    );
    expect(change({ identity: MEGAN, ...off }, { ...off, internalMessage: "" })).toBe("Automatic replies for Adele Vance were changed, still off");
  });

  it("turning off, with the state before not read: every field is shown as what it becomes", () => {
    const words = describeChange({ ...auto, parameters: { identity: MEGAN, ...off, externalAudience: "Known" }, before: null, tense: "would" });
    expect(words.sentence).toBe("Automatic replies for Adele Vance would have been turned off");
    expect(words.lines).toEqual([
      { kind: "changed", field: "Automatic replies", before: null, after: "Off" },
      { kind: "changed", field: "Replies outside the organisation go to", before: null, after: "Only senders in the mailbox's contacts" },
      { kind: "message", field: "Message inside the organisation", before: null, after: "Back soon" },
      { kind: "message", field: "Message outside the organisation", before: null, after: "" },
    ]);
  });

  it("a message is text: markup is never passed on, whatever Exchange holds", () => {
    const hostile = { ...off, internalMessage: '<p>Hi <img src=x onerror=alert(1)><script>alert(2)</script>&lt;b&gt;</p><a href="javascript:alert(3)">click</a>' };
    const { lines } = describeChange({ ...auto, parameters: { identity: MEGAN, ...off }, before: { ...off, autoReplyState: "Enabled" }, after: hostile, tense: "did" });
    expect(lines.find((l) => l.kind === "message")).toEqual({ kind: "message", field: "Message inside the organisation", before: "Back soon", after: "Hi <b>\nclick" });
  });
});

describe("describeChange: unknown and malformed", () => {
  it("a state of another shape counts as not read", () => {
    expect(describeChange({ action: "send-as.grant", parameters: target, mailbox: "Megan Bowen", before: "Could not read", tense: "will" }).lines).toEqual([{ kind: "added", field: "Send as", value: ALEX }]);
  });

  it("an action ExoDesk does not know: its id and a field-by-field comparison, or no lines without both states", () => {
    expect(describeChange({ action: "mailbox.rename", parameters: { identity: MEGAN }, mailbox: "Megan Bowen", before: { name: "A" }, after: { name: "B" }, tense: "did" })).toEqual({
      sentence: "mailbox.rename on Megan Bowen (a change ExoDesk cannot put in words)", tense: "did", worded: false,
      lines: [{ kind: "changed", field: "name", before: "A", after: "B" }],
    });
    expect(describeChange({ action: "full-access.grant", parameters: { identity: MEGAN }, mailbox: "Megan Bowen", before: null, tense: "will" }).lines).toEqual([]);
  });
});

describe("describeRequestChange", () => {
  const request = {
    action: "full-access.grant",
    parameters: { ...target, autoMapping: true },
    targetMailbox: MEGAN,
    targetDisplayName: "Megan Bowen",
    trusteeDisplayName: null,
    scheduleZone: null,
    before: { fullAccess: false },
    after: { fullAccess: false },
    revertOfId: null,
  };

  it("names the person by their display name where ExoDesk has it, with the address in the lines", () => {
    expect(describeRequestChange({ ...request, trusteeDisplayName: "Alex Wilber", status: "PENDING_APPROVAL" })).toEqual({
      sentence: "Alex Wilber will get full access to Megan Bowen's mailbox, added to their Outlook automatically", tense: "will", worded: true,
      lines: [{ kind: "added", field: "Full access", value: `Alex Wilber (${ALEX})` }],
    });
  });

  it("tells a made change in the past, as it read back; a failed one as asked", () => {
    expect(describeRequestChange({ ...request, status: "SUCCEEDED", after: { fullAccess: true } }).sentence).toMatch(/^alex@contoso\.com got full access to Megan Bowen's mailbox/);
    expect(describeRequestChange({ ...request, status: "FAILED" })).toEqual({
      sentence: "alex@contoso.com would have got full access to Megan Bowen's mailbox, added to their Outlook automatically", tense: "would", worded: true,
      lines: [{ kind: "added", field: "Full access", value: ALEX }],
    });
  });

  it("a revert says so; a mailbox without a display name goes by its address", () => {
    const revert = { ...request, action: "full-access.remove", parameters: target, targetDisplayName: null, before: null, after: null, revertOfId: "7d0c6bb3-0d7e-4a55-9d2c-1b7b0fbd9a11" };
    expect(describeRequestChange({ ...revert, status: "PENDING_APPROVAL" }).sentence).toBe("Undoing an earlier change: alex@contoso.com will lose full access to megan@contoso.com's mailbox");
  });

  it("a scheduled removal says when it runs, the grant's end, in the mailbox's time; a grant waiting for its start says from when", () => {
    const removal = { ...request, action: "full-access.remove", parameters: target, trusteeDisplayName: "Alex Wilber", scheduleZone: "America/Los_Angeles", before: null, after: null, removalOfId: "7d0c6bb3-0d7e-4a55-9d2c-1b7b0fbd9a11", dueAt: new Date("2031-01-16T01:30:00.000Z") };
    expect(describeRequestChange({ ...removal, status: "SCHEDULED" }).sentence).toBe("Alex Wilber will lose full access to Megan Bowen's mailbox, at the end of the grant, 15 Jan 2031, 17:30 GMT-8");
    expect(describeRequestChange({ ...removal, status: "CANCELLED" }).sentence).toBe("Alex Wilber would have lost full access to Megan Bowen's mailbox, at the end of the grant, 15 Jan 2031, 17:30 GMT-8");
    // Once it has run, it ran when its timeline says (perhaps by Remove now), not at its plan.
    expect(describeRequestChange({ ...removal, status: "SUCCEEDED" }).sentence).toBe("Alex Wilber lost full access to Megan Bowen's mailbox");
    // A removal stored before removals carried their grant's zone: in UTC.
    expect(describeRequestChange({ ...removal, scheduleZone: null, status: "SCHEDULED" }).sentence).toMatch(/, at the end of the grant, 16 Jan 2031, 01:30 UTC$/);
    const waiting = { ...request, scheduleZone: "America/Los_Angeles", removalOfId: null, dueAt: new Date("2031-01-10T16:00:00.000Z"), until: new Date("2031-01-16T01:30:00.000Z") };
    expect(describeRequestChange({ ...waiting, status: "SCHEDULED" }).sentence).toMatch(/, from 10 Jan 2031, 08:00 GMT-8 until 15 Jan 2031, 17:30 GMT-8$/);
  });

  it("every status has a tense", () => {
    expect(["QUEUED", "PENDING_APPROVAL", "APPROVED", "EXECUTING", "SUCCEEDED", "FAILED", "OUTCOME_UNKNOWN", "REJECTED", "CANCELLED", "EXPIRED"].map((s) => tenseOf(s as never))).toEqual([
      "will", "will", "will", "will", "did", "would", "may", "would", "would", "would",
    ]);
  });
});
