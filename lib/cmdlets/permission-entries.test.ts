import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TExchange } from "@/lib/exchange/create-exchange";
import { ExchangeError } from "@/lib/exchange/errors";
import {
  createTrusteeDirectory,
  isBuiltInTrustee,
  createTrusteeLookup,
  nameTrustee,
  normaliseSharingFlags,
  readSharingFlags,
  toCalendarEntries,
  toFullAccessEntries,
  toSendAsEntries,
  toSendOnBehalfEntries,
} from "./permission-entries";
import type { TRecipient } from "./read-mailbox";

function person(alias: string, displayName: string, extra: Partial<TRecipient> = {}): TRecipient {
  const upn = `${alias}@contoso.onmicrosoft.com`;
  return { name: displayName, displayName, address: upn, upn, alias, type: "UserMailbox", department: null, ...extra };
}

describe("built-in principals", () => {
  it("are SELF and other NT AUTHORITY accounts, orphaned SIDs, Default, Anonymous and blanks", () => {
    for (const name of ["NT AUTHORITY\\SELF", "nt authority\\system", "S-1-5-21-1-2-3-4", "Default", "Anonymous", "", "  "]) expect(isBuiltInTrustee(name), name).toBe(true);
    for (const name of ["megan.bowen@contoso.onmicrosoft.com", "Default Room", "Megan Bowen", "NAMPR01A001\\Organization Management"]) expect(isBuiltInTrustee(name), name).toBe(false);
  });
});

describe("permission entries", () => {
  it("FullAccess: granted entries only, explicit when neither inherited nor built in", () => {
    const entries = toFullAccessEntries([
      { User: "NT AUTHORITY\\SELF", AccessRights: ["FullAccess", "ReadPermission"], IsInherited: false, Deny: false },
      { User: "megan.bowen@contoso.onmicrosoft.com", AccessRights: ["FullAccess"], IsInherited: false, Deny: false },
      { User: "gone@contoso.onmicrosoft.com", AccessRights: ["ReadPermission"], IsInherited: false, Deny: false },
      { User: "denied@contoso.onmicrosoft.com", AccessRights: ["FullAccess"], IsInherited: false, Deny: true },
      { User: "NAMPR01A001\\Organization Management", AccessRights: ["FullAccess"], IsInherited: true, Deny: false },
    ]);
    expect(entries.map((e) => [e.trustee, e.inherited, e.explicit])).toEqual([
      ["NT AUTHORITY\\SELF", false, false],
      ["megan.bowen@contoso.onmicrosoft.com", false, true],
      ["NAMPR01A001\\Organization Management", true, false],
    ]);
  });

  it("SendAs: allowed entries only, with the right given as a list or a single string", () => {
    const entries = toSendAsEntries([
      { Trustee: "NT AUTHORITY\\SELF", AccessControlType: "Allow", AccessRights: ["SendAs"], IsInherited: false },
      { Trustee: "alex.wilber@contoso.onmicrosoft.com", AccessControlType: "Deny", AccessRights: ["SendAs"], IsInherited: false },
      { Trustee: "outside@fabrikam.com", AccessControlType: "Allow", AccessRights: "SendAs", IsInherited: false },
    ]);
    expect(entries.map((e) => [e.kind, e.trustee, e.explicit])).toEqual([
      ["SendAs", "NT AUTHORITY\\SELF", false],
      ["SendAs", "outside@fabrikam.com", true],
    ]);
  });

  it("SendOnBehalf: every listed name is an explicit entry", () => {
    expect(toSendOnBehalfEntries(["Megan Bowen"])).toEqual([{ kind: "SendOnBehalf", trustee: "Megan Bowen", inherited: false, explicit: true, rights: [], flags: null }]);
  });

  it("Calendar: role and flags per entry; Default, Anonymous and an entry naming nobody are not explicit", () => {
    const entries = toCalendarEntries([
      { User: "Default", AccessRights: ["AvailabilityOnly"], SharingPermissionFlags: null },
      { User: "Anonymous", AccessRights: ["None"], SharingPermissionFlags: null },
      { User: "", AccessRights: ["Reviewer"], SharingPermissionFlags: null },
      { User: "Megan Bowen", AccessRights: ["Editor"], SharingPermissionFlags: "Delegate,CanViewPrivateItems" },
    ]);
    expect(entries.map((e) => [e.trustee, e.explicit, e.rights, e.flags])).toEqual([
      ["Default", false, ["AvailabilityOnly"], null],
      ["Anonymous", false, ["None"], null],
      ["", false, ["Reviewer"], null],
      ["Megan Bowen", true, ["Editor"], "Delegate, CanViewPrivateItems"],
    ]);
  });
});

describe("SharingPermissionFlags", () => {
  it("reads as Exchange writes it: Delegate first, then CanViewPrivateItems, with a comma and a space", () => {
    expect(normaliseSharingFlags("Delegate, CanViewPrivateItems")).toBe("Delegate, CanViewPrivateItems");
    expect(normaliseSharingFlags("CanViewPrivateItems,Delegate")).toBe("Delegate, CanViewPrivateItems");
    expect(normaliseSharingFlags(["Delegate"])).toBe("Delegate");
    expect(normaliseSharingFlags("Delegate, Future")).toBe("Delegate, Future");
    expect(readSharingFlags(" CanViewPrivateItems , Delegate")).toEqual(["Delegate", "CanViewPrivateItems"]);
  });

  it("has no flags for None, null and nothing", () => {
    for (const none of ["None", null, undefined, "", [], ["None"]]) expect(normaliseSharingFlags(none)).toBeNull();
  });

  it("gives one spelling for every way of writing the same flags, and keeps that spelling", () => {
    const written = fc
      .tuple(fc.subarray(["Delegate", "CanViewPrivateItems", "None"]), fc.constantFrom(",", ", ", " , "), fc.boolean())
      .chain(([flags, separator, asList]) => fc.shuffledSubarray(flags, { minLength: flags.length }).map((order) => ({ flags, text: asList ? order : order.join(separator) })));
    fc.assert(
      fc.property(written, ({ flags, text }) => {
        const expected = [flags.includes("Delegate") && "Delegate", flags.includes("CanViewPrivateItems") && "CanViewPrivateItems"].filter(Boolean).join(", ") || null;
        const normal = normaliseSharingFlags(text);
        expect(normal).toBe(expected);
        expect(normaliseSharingFlags(normal)).toBe(normal);
      }),
    );
  });
});

describe("the trustee directory from a listing", () => {
  // Two people share the display name Sam Lee; one mailbox has no address.
  const named = [["alex.wilber", "Alex Wilber"], ["megan.bowen", "Megan Bowen"], ["sam.one", "Sam Lee"], ["sam.two", "Sam Lee"], ["zoe", "Zo\u00eb Adams"]] as const;
  const directory = createTrusteeDirectory([...named.map(([alias, name]) => person(alias, name)), person("nobody", "No Address", { address: "" })]);

  it("finds people by UPN, address, alias, name and display name, however the name is spelt", () => {
    expect(directory.find("ALEX.WILBER@contoso.onmicrosoft.com")?.alias).toBe("alex.wilber");
    expect(directory.find("Megan Bowen")?.alias).toBe("megan.bowen");
    expect(directory.find(" megan.bowen ")?.alias).toBe("megan.bowen");
    expect(directory.find("Zoe\u0308 Adams")?.alias).toBe("zoe");
  });

  it("finds nobody for an unknown name, a name two people share, or someone without an address", () => {
    expect(directory.find("Someone Outside Scope")).toBeNull();
    expect(directory.find("Sam Lee")).toBeNull();
    expect(directory.find("sam.two@contoso.onmicrosoft.com")?.alias).toBe("sam.two");
    expect(directory.find("No Address")).toBeNull();
  });

  it("names a trustee by the directory's display name and address, or as Exchange named it", () => {
    expect(nameTrustee(directory, "megan.bowen")).toEqual({ displayName: "Megan Bowen", address: "megan.bowen@contoso.onmicrosoft.com" });
    expect(nameTrustee(directory, "Sam Lee")).toEqual({ displayName: "Sam Lee", address: null });
  });
});

describe("the trustee directory from one Get-Recipient per name", () => {
  const recipients: Record<string, Record<string, unknown>> = {
    "Megan Bowen": { Name: "Megan Bowen", DisplayName: "Megan Bowen", PrimarySmtpAddress: "MeganB@contoso.onmicrosoft.com" },
    "3f2c0000-0000-4000-8000-000000000001": { Name: "Sales Team", DisplayName: "Sales Team", PrimarySmtpAddress: "sales@contoso.onmicrosoft.com" },
  };
  const fakeExchange = (calls: string[], failure?: Error): TExchange => ({
    async invoke(cmdlet, parameters) {
      const identity = String(parameters.Identity);
      calls.push(identity);
      if (failure) throw failure;
      const found = recipients[identity];
      if (!found) throw new ExchangeError("not_found", `The operation couldn't be performed because object '${identity}' couldn't be found.`);
      return { value: [found], warnings: [], clientRequestId: cmdlet };
    },
  });

  it("asks once per distinct name and finds nobody for a trustee that no longer resolves", async () => {
    const calls: string[] = [];
    const lookup = createTrusteeLookup(fakeExchange(calls));
    await lookup.lookUp(["Megan Bowen", "Megan Bowen", "3f2c0000-0000-4000-8000-000000000001", "Deleted Person"]);
    const { directory } = lookup;
    expect(calls.sort()).toEqual(["3f2c0000-0000-4000-8000-000000000001", "Deleted Person", "Megan Bowen"]);
    expect(nameTrustee(directory, "Megan Bowen")).toEqual({ displayName: "Megan Bowen", address: "MeganB@contoso.onmicrosoft.com" });
    expect(nameTrustee(directory, "3f2c0000-0000-4000-8000-000000000001")).toEqual({ displayName: "Sales Team", address: "sales@contoso.onmicrosoft.com" });
    expect(nameTrustee(directory, "Deleted Person")).toEqual({ displayName: "Deleted Person", address: null });
  });

  it("passes on any other failure, so the page says Exchange could not be read", async () => {
    await expect(createTrusteeLookup(fakeExchange([], new ExchangeError("throttled", "Too many requests"))).lookUp(["Megan Bowen"])).rejects.toThrow("Too many requests");
  });
});
