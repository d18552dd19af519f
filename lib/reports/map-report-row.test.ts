import { describe, expect, it } from "vitest";
import { createTrusteeDirectory } from "@/lib/cmdlets/permission-entries";
import type { TRecipient } from "@/lib/cmdlets/read-mailbox";
import { toCalendar, toFullAccess, toSendAs, toSendOnBehalf } from "./map-report-row";

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
  person("patti", "Patti Fernandez", { address: "Patti.Fernandez@Contoso.OnMicrosoft.com" }),
]);

describe("naming delegates", () => {
  it("by their address, lower-case, or as Exchange named them when the listing has nobody (or two people) by that name", () => {
    expect(toSendOnBehalf(["Patti Fernandez", "Sam Lee", "Someone Outside Scope", "sam.two@contoso.onmicrosoft.com"], directory)).toEqual([
      "patti.fernandez@contoso.onmicrosoft.com",
      "Sam Lee",
      "sam.two@contoso.onmicrosoft.com",
      "Someone Outside Scope",
    ]);
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

  it("Calendar: flags as Exchange writes them, however they were spaced or ordered", () => {
    const entries = [{ User: "Megan Bowen", AccessRights: ["Editor"], SharingPermissionFlags: "CanViewPrivateItems,Delegate" }];
    expect(toCalendar(entries, directory)).toEqual(["megan.bowen@contoso.onmicrosoft.com: Editor (Delegate, CanViewPrivateItems)"]);
  });
});
