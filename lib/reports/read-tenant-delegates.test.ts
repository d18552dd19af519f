import { describe, expect, it } from "vitest";
import type { TRecipient } from "@/lib/cmdlets/read-mailbox";
import type { TExchange } from "@/lib/exchange/create-exchange";
import { readTenantDelegates } from "./read-tenant-delegates";

const mailbox = (name: string | null, alias: string, address = `${alias}@contoso.com`): TRecipient => ({
  name,
  displayName: alias,
  address,
  upn: address,
  alias,
  type: "UserMailbox",
  department: null,
});

const sendAs = (identity: string, trustee: string) => ({ Identity: identity, Trustee: trustee, AccessControlType: "Allow", AccessRights: ["SendAs"], IsInherited: false });

function fakeExchange(permissions: Record<string, unknown>[], mailboxes: Record<string, unknown>[]): TExchange & { sent: unknown[] } {
  const sent: unknown[] = [];
  return {
    sent,
    invoke: async (cmdlet, parameters, options) => {
      sent.push([cmdlet, parameters, options]);
      const value = cmdlet === "Get-RecipientPermission" ? permissions : mailboxes;
      return { value, warnings: [], clientRequestId: "c" } as unknown as Awaited<ReturnType<TExchange["invoke"]>>;
    },
  };
}

const GUID = "0b9ef3a4-6c3f-4f4e-9d1a-2c7b5d8e9f01";

describe("readTenantDelegates", () => {
  it("reads SendAs and GrantSendOnBehalfTo once for every mailbox, unlimited, and gives each mailbox its own entries", async () => {
    const listing = [mailbox("Anna Berg", "anna"), mailbox(GUID, "ben"), mailbox("Sales", "sales.team")];
    const ex = fakeExchange(
      [
        sendAs("Anna Berg", "NT AUTHORITY\\SELF"),
        sendAs("Anna Berg", "ben@contoso.com"),
        sendAs(GUID, "anna@contoso.com"),
        sendAs("sales.team@contoso.com", "ben@contoso.com"), // an address names the mailbox too
        sendAs("anna", "ben@contoso.com"), // a group whose Name is Anna's alias: not Anna's
        sendAs("All Staff", "anna@contoso.com"), // a group the listing does not hold
      ],
      [
        { Name: "Anna Berg", PrimarySmtpAddress: "Anna@Contoso.com", GrantSendOnBehalfTo: [GUID] },
        { Name: GUID, PrimarySmtpAddress: "ben@contoso.com", GrantSendOnBehalfTo: [] },
      ],
    );
    const tenant = await readTenantDelegates(ex, listing);
    expect(ex.sent).toEqual([
      ["Get-RecipientPermission", { ResultSize: "Unlimited" }, undefined],
      ["Get-Mailbox", { ResultSize: "Unlimited" }, { select: ["Name", "PrimarySmtpAddress", "GrantSendOnBehalfTo"] }],
    ]);
    expect(tenant.sendAsOf("ANNA@contoso.com")?.map((e) => e.Trustee)).toEqual(["NT AUTHORITY\\SELF", "ben@contoso.com"]);
    expect(tenant.sendAsOf("ben@contoso.com")?.map((e) => e.Trustee)).toEqual(["anna@contoso.com"]);
    expect(tenant.sendAsOf("sales.team@contoso.com")?.map((e) => e.Trustee)).toEqual(["ben@contoso.com"]);
    expect(tenant.sendOnBehalfOf("anna@contoso.com")).toEqual([GUID]);
    expect(tenant.sendOnBehalfOf("ben@contoso.com")).toEqual([]);
    // Get-Mailbox did not list it (removed meanwhile): the row reads it on its own.
    expect(tenant.sendOnBehalfOf("sales.team@contoso.com")).toBeNull();
    expect(tenant.directory.find(GUID)?.address).toBe("ben@contoso.com");
  });

  it("leaves a mailbox whose Name is missing or shared to be read on its own", async () => {
    const listing = [mailbox("Sam Lee", "sam.lee"), mailbox("Sam Lee", "sam.lee2"), mailbox(null, "noname"), mailbox("Kim", "kim")];
    const tenant = await readTenantDelegates(fakeExchange([sendAs("Sam Lee", "kim@contoso.com"), sendAs("Kim", "sam.lee@contoso.com")], []), listing);
    expect(tenant.sendAsOf("sam.lee@contoso.com")).toBeNull();
    expect(tenant.sendAsOf("sam.lee2@contoso.com")).toBeNull();
    expect(tenant.sendAsOf("noname@contoso.com")).toBeNull();
    expect(tenant.sendAsOf("kim@contoso.com")?.map((e) => e.Trustee)).toEqual(["sam.lee@contoso.com"]);
  });
});
