import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../tests/support/virtual-clock";
import { invokeCommand, type ExchangeCall } from "./client";
import { describeCmdlet, describeRoleRefusal } from "./describe-exchange-error";
import { ExchangeError, parseExchangeError } from "./errors";

// Issue 14 point 2: a missing Exchange role arrives in three forms, none of them a sign-in
// problem. Each must read as the same plain role refusal, naming what was tried.
const JSON_TYPE = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";
const ODATA = "Microsoft.Exchange.Admin.OData.Core.ODataServiceException";

function parse(status: number, body: Uint8Array | string | null, cmdlet?: string, headers: Record<string, string> = {}) {
  return parseExchangeError({ status, headers: new Headers({ "content-type": JSON_TYPE, ...headers }), body, cmdlet });
}

// office-docs-powershell #7365/#7970/#8058.
const NOT_ALLOWED = JSON.stringify({
  error: { code: "Unauthorized", message: "User is not allowed to call Get-RecipientPermission", innererror: { message: "User is not allowed to call Get-RecipientPermission", type: ODATA, stacktrace: "" } },
});
// CIPP #3743/#3952/#4659: through InvokeCommand the cmdlet is absent from the session.
const COMMAND_NOT_FOUND = JSON.stringify({
  error: {
    code: "BadRequest",
    message: "Invalid Operation",
    details: [{ code: "Client", target: "", message: "|System.Management.Automation.CommandNotFoundException|The term 'Get-RecipientPermission' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again." }],
    innererror: { message: "Invalid Operation", type: ODATA, stacktrace: "" },
  },
});

const ROLE_TEXT =
  "Your Exchange roles do not allow reading a mailbox's send-as permissions (Get-RecipientPermission); ask your Exchange administrator for the Recipient Management role group (or View-Only Organization Management, to look without changing). Signing in again will not change this.";

describe("a missing Exchange role, in each form", () => {
  it("401 'User is not allowed to call <Cmdlet>' is a role refusal, not a sign-in problem", () => {
    const error = parse(401, NOT_ALLOWED, undefined, { "www-authenticate": 'Bearer realm=""' });
    expect(error.kind).toBe("rbac_denied");
    expect(error.status).toBe(401);
    expect(error.message).toBe(ROLE_TEXT); // the cmdlet is read from Exchange's text
    expect(error.claimsChallenge).toBeUndefined();
  });

  it("CommandNotFoundException in details[0].message is a role refusal whatever the status", () => {
    for (const status of [400, 500]) {
      const error = parse(status, COMMAND_NOT_FOUND);
      expect(error.kind).toBe("rbac_denied");
      expect(error.message).toBe(ROLE_TEXT);
      expect(error.message).not.toMatch(/Invalid Operation|not recognized|Exception/);
    }
  });

  it("403 with NUL bytes names the cmdlet that was asked for", () => {
    const error = parse(403, new Uint8Array(512), "Set-MailboxAutoReplyConfiguration");
    expect(error.kind).toBe("rbac_denied");
    expect(error.message).toBe(
      "Your Exchange roles do not allow changing a mailbox's automatic replies (Set-MailboxAutoReplyConfiguration); ask your Exchange administrator for the Recipient Management role group. Signing in again will not change this.",
    );
  });

  it("a 401 without 'not allowed to call' is still a sign-in problem", () => {
    for (const body of ["", JSON.stringify({ error: { code: "Unauthorized", message: "Access token has expired or is not yet valid." } })]) {
      const error = parse(401, body, "Get-Mailbox");
      expect(error.kind).toBe("unauthorized");
      expect(error.message).toMatch(/Sign in again/);
    }
  });

  it("words every catalogue cmdlet, and falls back to the cmdlet's name", () => {
    expect(describeCmdlet("get-mailboxfolderpermission").what).toBe("reading a mailbox's calendar permissions (Get-MailboxFolderPermission)");
    expect(describeCmdlet("Remove-Something")).toEqual({ what: "running Remove-Something", roleGroups: "the Recipient Management role group" });
    expect(describeRoleRefusal(undefined)).toMatch(/^Your Exchange roles do not allow this; ask your Exchange administrator for a role group that allows it\./);
  });
});

describe("through the client, a role refusal is answered once", () => {
  function call(fetchImpl: typeof fetch): ExchangeCall {
    return {
      baseUrl: "https://outlook.office365.com",
      tenantId: "8e1d9b62-1a3c-4a0e-9f3b-2f0d5c7a4b10",
      accessToken: "token",
      anchorUpn: "noexchange@contoso.onmicrosoft.com",
      cmdlet: "Get-RecipientPermission",
      parameters: { Identity: "megan" },
      fetchImpl,
      clock: new VirtualClock(),
    };
  }

  for (const [name, status, body] of [
    ["401", 401, NOT_ALLOWED],
    ["CommandNotFound", 400, COMMAND_NOT_FOUND],
    ["403 NULs", 403, "\u0000".repeat(64)],
  ] as const) {
    it(`${name}: not retried, and the message names what was tried`, async () => {
      let sent = 0;
      const fetchImpl: typeof fetch = async () => {
        sent++;
        return new Response(body, { status, headers: { "content-type": JSON_TYPE } });
      };
      const error = await invokeCommand(call(fetchImpl)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ExchangeError);
      expect((error as ExchangeError).kind).toBe("rbac_denied");
      expect((error as ExchangeError).message).toBe(ROLE_TEXT);
      expect(sent).toBe(1);
    });
  }
});
