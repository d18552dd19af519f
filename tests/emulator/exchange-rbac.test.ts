import { describe, expect, test } from "vitest";
import { DEMO_USERS, SEED_MAILBOXES } from "./index";
import { useHarness } from "./test-support/harness";

const h = useHarness();

const enable = (identity: string) => ({ Identity: identity, AutoReplyState: "Enabled", InternalMessage: "Out today" });

describe("Exchange RBAC from the caller's role groups", () => {
  test("View-Only Organization Management reads but cannot write: 401 'User is not allowed to call <Cmdlet>' by default", async () => {
    const token = await h.accessToken(DEMO_USERS.auditor);
    expect((await h.invoke(token, "Get-MailboxAutoReplyConfiguration", { Identity: SEED_MAILBOXES.adeleVance })).status).toBe(200);
    const res = await h.invoke(token, "Set-MailboxAutoReplyConfiguration", enable(SEED_MAILBOXES.adeleVance));
    expect(res.status).toBe(401);
    expect(res.json()).toMatchObject({
      error: { code: "Unauthorized", message: "User is not allowed to call Set-MailboxAutoReplyConfiguration", innererror: { type: "Microsoft.Exchange.Admin.OData.Core.ODataServiceException" } },
    });
    // Not a token problem: no challenge to sign in again.
    expect(res.header("www-authenticate")).toBeUndefined();
    expect((await h.control("GET", "state/mailboxes/adele.vance")).autoReply.autoReplyState).toBe("Disabled");
    const { calls } = await h.control("GET", "calls");
    expect(calls.at(-1)).toMatchObject({ upn: DEMO_USERS.auditor, cmdlet: "Set-MailboxAutoReplyConfiguration", status: 401 });
  });

  test("switched to the 403 form: a body of NUL bytes, the reason in x-ms-diagnostics", async () => {
    await h.control("POST", "quirks", { roleRefusal: "forbidden" });
    const token = await h.accessToken(DEMO_USERS.auditor);
    const res = await h.invoke(token, "Set-MailboxAutoReplyConfiguration", enable(SEED_MAILBOXES.adeleVance));
    expect(res.status).toBe(403);
    expect(res.body.length).toBeGreaterThan(0);
    expect([...res.body].every((byte) => byte === 0)).toBe(true);
    expect(res.header("x-ms-diagnostics")).toMatch(/Insufficient access rights to perform the operation\..*Set-MailboxAutoReplyConfiguration/);
    expect((await h.control("GET", "state/mailboxes/adele.vance")).autoReply.autoReplyState).toBe("Disabled");
  });

  test("switched to the InvokeCommand form: the cmdlet is absent from the session (CommandNotFoundException)", async () => {
    await h.control("POST", "quirks", { roleRefusal: "command-not-found" });
    const token = await h.accessToken(DEMO_USERS.noexchange);
    const res = await h.invoke(token, "Get-RecipientPermission", { Identity: "adele.vance" });
    expect(res.status).toBe(400);
    expect(res.json().error.details[0].message).toMatch(/^\|System\.Management\.Automation\.CommandNotFoundException\|The term 'Get-RecipientPermission' is not recognized as the name of a cmdlet/);
  });

  test("a user with an app role but no Exchange role is refused every cmdlet", async () => {
    const token = await h.accessToken(DEMO_USERS.noexchange);
    for (const cmdlet of ["Get-Mailbox", "Get-Recipient", "Get-MailboxRegionalConfiguration"]) {
      const res = await h.invoke(token, cmdlet, { Identity: "adele.vance" });
      expect(res.status, cmdlet).toBe(401);
      expect(res.json().error.message, cmdlet).toBe(`User is not allowed to call ${cmdlet}`);
    }
  });

  test("Recipient Management and Organization Management can write anywhere", async () => {
    for (const upn of [DEMO_USERS.helpdesk, DEMO_USERS.approver, DEMO_USERS.admin, DEMO_USERS.norole]) {
      const token = await h.accessToken(upn);
      const res = await h.invoke(token, "Set-MailboxAutoReplyConfiguration", { ...enable(SEED_MAILBOXES.meganBowen), InternalMessage: `Set by ${upn}` });
      expect(res.status, upn).toBe(200);
    }
  });
});

describe("custom write scope of writescope.helpdesk (reads everything, writes to Department Sales only)", () => {
  test("reads the whole organisation", async () => {
    const token = await h.accessToken(DEMO_USERS.writeScopeHelpdesk);
    expect((await h.invoke(token, "Get-MailboxAutoReplyConfiguration", { Identity: SEED_MAILBOXES.meganBowen })).status).toBe(200);
    expect((await h.invoke(token, "Get-Mailbox", { ResultSize: "Unlimited" })).json().value.length).toBeGreaterThan(40);
  });

  test("writes inside Sales succeed", async () => {
    const token = await h.accessToken(DEMO_USERS.writeScopeHelpdesk);
    for (const identity of [SEED_MAILBOXES.adeleVance, SEED_MAILBOXES.salesShared]) {
      const res = await h.invoke(token, "Set-MailboxAutoReplyConfiguration", enable(identity));
      expect(res.status, identity).toBe(200);
    }
    expect((await h.control("GET", "state/mailboxes/adele.vance")).autoReply.autoReplyState).toBe("Enabled");
  });

  test("writes outside Sales fail with Exchange's write-scope error and change nothing", async () => {
    const token = await h.accessToken(DEMO_USERS.writeScopeHelpdesk);
    const res = await h.invoke(token, "Set-MailboxAutoReplyConfiguration", enable(SEED_MAILBOXES.meganBowen));
    expect(res.status).toBe(400);
    const { error } = res.json();
    expect(error.message).toBe("Error executing cmdlet");
    expect(error.details[0].message).toBe(
      `ExC4D0E1|Microsoft.Exchange.Configuration.Tasks.TaskException|The operation on mailbox "Megan Bowen" failed because it's out of the current user's write scope. The object 'Megan Bowen' must be within the read scope before and after it's modified. Can't perform the save operation.`,
    );
    expect(error.innererror.internalexception).toBeDefined();
    expect((await h.control("GET", "state/mailboxes/megan.bowen")).autoReply.autoReplyState).toBe("Disabled");
  });
});
