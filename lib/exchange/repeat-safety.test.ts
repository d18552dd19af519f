import { describe, expect, it } from "vitest";
import { ExchangeError } from "./errors";
import { classifyRepeatSafety, wasNeverSent } from "./repeat-safety";

describe("classifyRepeatSafety", () => {
  it.each([
    ["Get-Mailbox", {}, "read"],
    ["get-mailboxfolderstatistics", {}, "read"],
    ["Set-MailboxAutoReplyConfiguration", { AutoReplyState: "Enabled" }, "idempotent-write"],
    ["Set-Mailbox", { GrantSendOnBehalfTo: { "@odata.type": "#Exchange.GenericHashTable", Add: ["x"] } }, "idempotent-write"],
    ["Add-MailboxPermission", { AccessRights: ["FullAccess"] }, "idempotent-write"],
    ["Remove-MailboxPermission", { Confirm: false }, "idempotent-write"],
    ["Add-RecipientPermission", { AccessRights: ["SendAs"] }, "idempotent-write"],
    ["Remove-RecipientPermission", { Confirm: false }, "idempotent-write"],
    ["Add-MailboxFolderPermission", { SendNotificationToUser: false }, "idempotent-write"],
    ["Set-MailboxFolderPermission", { AccessRights: ["Reviewer"] }, "idempotent-write"],
    ["Remove-MailboxFolderPermission", { Confirm: false }, "idempotent-write"],
    ["Add-MailboxFolderPermission", { SendNotificationToUser: true }, "unsafe-write"],
    ["Set-MailboxFolderPermission", { sendNotificationToUser: true }, "unsafe-write"],
    ["New-Mailbox", {}, "unsafe-write"],
    ["Enable-Mailbox", {}, "unsafe-write"],
  ] as const)("%s %j is %s", (cmdlet, parameters, expected) => {
    expect(classifyRepeatSafety(cmdlet, parameters)).toBe(expected);
  });
});

describe("wasNeverSent", () => {
  const network = (code: string) =>
    new ExchangeError("transient", "x", { cause: new TypeError("fetch failed", { cause: Object.assign(new Error(code), { code }) }) });

  it("is true for a refused connection, an unknown host and a 429", () => {
    expect(wasNeverSent(network("ECONNREFUSED"))).toBe(true);
    expect(wasNeverSent(network("ENOTFOUND"))).toBe(true);
    expect(wasNeverSent(new ExchangeError("throttled", "busy", { status: 429 }))).toBe(true);
  });

  it("is false for a reset connection, a timeout and any HTTP answer", () => {
    expect(wasNeverSent(network("ECONNRESET"))).toBe(false);
    expect(wasNeverSent(new ExchangeError("transient", "x", { diagnostics: "timeout" }))).toBe(false);
    expect(wasNeverSent(new ExchangeError("transient", "x", { status: 503 }))).toBe(false);
  });
});
