import { describe, expect, it } from "vitest";
import type { TRecipient } from "@/lib/cmdlets/read-mailbox";
import { normaliseSharingFlags, toCalendar, toFullAccess, toSendAs, toSendOnBehalf } from "./map-report-row";
import { createTrusteeDirectory } from "./resolve-trustees";

const person = (alias: string, displayName: string, extra: Partial<TRecipient> = {}): TRecipient => ({
  name: displayName,
  displayName,
  address: `${alias}@contoso.onmicrosoft.com`,
  upn: `${alias}@contoso.onmicrosoft.com`,
  alias,
  type: "UserMailbox",
  department: "Sales",
  ...extra,
});

const directory = createTrusteeDirectory([
  person("alex.wilber", "Alex Wilber"),
  person("megan.bowen", "Megan Bowen"),
  person("sam.one", "Sam Lee"),
  person("sam.two", "Sam Lee"),
]);

describe("naming trustees from the directory listing", () => {
  it("maps UPNs, names and display names to the address, case-insensitively", () => {
    expect(directory.resolve("ALEX.WILBER@contoso.onmicrosoft.com")).toBe("alex.wilber@contoso.onmicrosoft.com");
    expect(directory.resolve("Megan Bowen")).toBe("megan.bowen@contoso.onmicrosoft.com");
    expect(directory.resolve("megan.bowen")).toBe("megan.bowen@contoso.onmicrosoft.com");
  });

  it("keeps the name Exchange gave when it is unknown or names two people", () => {
    expect(directory.resolve("Someone Outside Scope")).toBe("Someone Outside Scope");
    expect(directory.resolve("Sam Lee")).toBe("Sam Lee");
    expect(directory.resolve("sam.two@contoso.onmicrosoft.com")).toBe("sam.two@contoso.onmicrosoft.com");
  });
});

describe("mapping cmdlet output to a report row", () => {
  it("FullAccess: explicit, allowed, non-system entries only", () => {
    const entries = [
      { User: "NT AUTHORITY\\SELF", AccessRights: ["FullAccess", "ReadPermission"], IsInherited: false, Deny: false },
      { User: "megan.bowen@contoso.onmicrosoft.com", AccessRights: ["FullAccess"], IsInherited: false, Deny: false },
      { User: "alex.wilber@contoso.onmicrosoft.com", AccessRights: ["FullAccess"], IsInherited: false, Deny: false },
      { User: "alex.wilber@contoso.onmicrosoft.com", AccessRights: ["FullAccess"], IsInherited: false, Deny: false },
      { User: "gone@contoso.onmicrosoft.com", AccessRights: ["ReadPermission"], IsInherited: false, Deny: false },
      { User: "denied@contoso.onmicrosoft.com", AccessRights: ["FullAccess"], IsInherited: false, Deny: true },
      { User: "NAMPR01A001\\Organization Management", AccessRights: ["FullAccess"], IsInherited: true, Deny: false },
      { User: "S-1-5-21-1-2-3-4", AccessRights: ["FullAccess"], IsInherited: false, Deny: false },
    ];
    expect(toFullAccess(entries, directory)).toEqual(["alex.wilber@contoso.onmicrosoft.com", "megan.bowen@contoso.onmicrosoft.com"]);
  });

  it("SendAs: allowed, explicit entries", () => {
    const entries = [
      { Trustee: "NT AUTHORITY\\SELF", AccessControlType: "Allow", AccessRights: ["SendAs"], IsInherited: false },
      { Trustee: "megan.bowen@contoso.onmicrosoft.com", AccessControlType: "Allow", AccessRights: ["SendAs"], IsInherited: false },
      { Trustee: "alex.wilber@contoso.onmicrosoft.com", AccessControlType: "Deny", AccessRights: ["SendAs"], IsInherited: false },
      { Trustee: "outside@fabrikam.com", AccessControlType: "Allow", AccessRights: "SendAs", IsInherited: false },
    ];
    expect(toSendAs(entries, directory)).toEqual(["megan.bowen@contoso.onmicrosoft.com", "outside@fabrikam.com"]);
  });

  it("SendOnBehalf: names become addresses", () => {
    expect(toSendOnBehalf(["Megan Bowen", "Alex Wilber", "Unknown Person"], directory)).toEqual([
      "alex.wilber@contoso.onmicrosoft.com",
      "megan.bowen@contoso.onmicrosoft.com",
      "Unknown Person",
    ]);
  });

  it("Calendar: people with their role and delegate flags; Default and Anonymous are not delegates", () => {
    const entries = [
      { User: "Default", AccessRights: ["AvailabilityOnly"], SharingPermissionFlags: null },
      { User: "Anonymous", AccessRights: ["None"], SharingPermissionFlags: null },
      { User: "Megan Bowen", AccessRights: ["Editor"], SharingPermissionFlags: "Delegate, CanViewPrivateItems" },
      { User: "Alex Wilber", AccessRights: ["Reviewer"], SharingPermissionFlags: "None" },
    ];
    expect(toCalendar(entries, directory)).toEqual([
      "alex.wilber@contoso.onmicrosoft.com: Reviewer",
      "megan.bowen@contoso.onmicrosoft.com: Editor (Delegate, CanViewPrivateItems)",
    ]);
  });

  it("normalises sharing flags however Exchange spaces or lists them", () => {
    expect(normaliseSharingFlags("Delegate,CanViewPrivateItems")).toBe("Delegate, CanViewPrivateItems");
    expect(normaliseSharingFlags(["Delegate"])).toBe("Delegate");
    expect(normaliseSharingFlags("None")).toBeNull();
    expect(normaliseSharingFlags(null)).toBeNull();
  });
});
