import { describe, expect, test } from "vitest";
import { DEMO_USERS, SEED_MAILBOXES } from "./index";
import { useHarness } from "./test-support/harness";

// Issue 14 points 3, 8, 9 and 11: answer forms the emulator produces as Exchange does, each
// switchable through the control API.
const h = useHarness();

async function run(cmdlet: string, parameters: Record<string, unknown>, upn = DEMO_USERS.helpdesk) {
  return h.invoke(await h.accessToken(upn), cmdlet, parameters);
}

const enable = { Identity: SEED_MAILBOXES.meganBowen, AutoReplyState: "Enabled", InternalMessage: "Out today" };

describe("@adminapi.errors in a 200 (per-cmdlet fault)", () => {
  test("by default the cmdlet does not run: a 200 carrying the error, nothing changed", async () => {
    await h.control("POST", "faults", { kind: "reported-error", cmdlet: "Set-MailboxAutoReplyConfiguration", message: "Ex1|Some.TaskException|The mailbox is being moved." });
    const res = await run("Set-MailboxAutoReplyConfiguration", enable);
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ "adminapi.errors@odata.type": "#Collection(String)", "@adminapi.errors": ["Ex1|Some.TaskException|The mailbox is being moved."], value: [] });
    expect((await h.control("GET", "state/mailboxes/megan.bowen")).autoReply.autoReplyState).toBe("Disabled");
    const { calls } = await h.control("GET", "calls");
    expect(calls.at(-1)).toMatchObject({ fault: "reported-error", status: 200 });
  });

  test("with run: true the cmdlet changes the mailbox and still reports the error", async () => {
    await h.control("POST", "faults", { kind: "reported-error", cmdlet: "Set-MailboxAutoReplyConfiguration", run: true });
    const res = await run("Set-MailboxAutoReplyConfiguration", enable);
    expect(res.json()["@adminapi.errors"]).toHaveLength(1);
    expect((await h.control("GET", "state/mailboxes/megan.bowen")).autoReply.autoReplyState).toBe("Enabled");
  });

  test("other cmdlets are not affected, and a bad spec is refused", async () => {
    await h.control("POST", "faults", { kind: "reported-error", cmdlet: "Set-Mailbox" });
    expect((await run("Get-Mailbox", { Identity: SEED_MAILBOXES.meganBowen })).json()["@adminapi.errors"]).toBeUndefined();
    const bad = await h.request("/_emulator/faults", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ kind: "reported-error", run: "yes" }) });
    expect(bad.status).toBe(400);
  });
});

describe("details[0].message as a serialised exception (quirk errorDetails)", () => {
  test("piped by default, a JSON exception object when switched", async () => {
    const piped = await run("Get-MailboxAutoReplyConfiguration", { Identity: "nobody@contoso.onmicrosoft.com" });
    expect(piped.json().error.details[0].message).toMatch(/^Ex6F9304\|Microsoft\.Exchange\.Configuration\.Tasks\.ManagementObjectNotFoundException\|/);
    await h.control("POST", "quirks", { errorDetails: "serialised" });
    const res = await run("Get-MailboxAutoReplyConfiguration", { Identity: "nobody@contoso.onmicrosoft.com" });
    expect(res.status).toBe(404);
    const exception = JSON.parse(res.json().error.details[0].message);
    expect(exception).toMatchObject({ ClassName: "Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException", localizedString: { stringId: "ManagementObjectNotFoundException" } });
    expect(exception.Message).toContain("couldn't be found");
  });
});

describe("a directory-synchronised mailbox (quirk directorySynced)", () => {
  test("Set-Mailbox is refused with the write-scope wording and the on-premises reason; nothing changes", async () => {
    await h.control("POST", "quirks", { directorySynced: [SEED_MAILBOXES.meganBowen] });
    const before = await h.control("GET", "state/mailboxes/megan.bowen");
    const res = await run("Set-Mailbox", { Identity: SEED_MAILBOXES.meganBowen, GrantSendOnBehalfTo: { Add: [SEED_MAILBOXES.adeleVance] } });
    expect(res.status).toBe(400);
    expect(res.json().error.details[0].message).toMatch(/out of the current user's write scope\..*because the object is being synchronized from your on-premises organization/);
    expect(await h.control("GET", "state/mailboxes/megan.bowen")).toEqual(before);
  });
});

describe("auto-reply StartTime/EndTime forms (quirk autoReplyTimeFormat)", () => {
  test("no offset by default, +00:00 or Z when switched; always annotated System.DateTime", async () => {
    const read = async () => (await run("Get-MailboxAutoReplyConfiguration", { Identity: SEED_MAILBOXES.emilyBraun })).json().value[0];
    const forms: [string | null, string][] = [
      [null, "2030-07-01T07:00:00.0000000"],
      ["offset", "2030-07-01T07:00:00.0000000+00:00"],
      ["utc", "2030-07-01T07:00:00.0000000Z"],
    ];
    for (const [format, expected] of forms) {
      if (format) await h.control("POST", "quirks", { autoReplyTimeFormat: format });
      const row = await read();
      expect(row.StartTime, String(format)).toBe(expected);
      expect(row["StartTime@data.type"]).toBe("System.DateTime");
      expect(row["EndTime@data.type"]).toBe("System.DateTime");
    }
  });
});
