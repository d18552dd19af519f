import { describe, expect, it } from "vitest";
import { readMailboxAccess } from "@/lib/cmdlets/read-access";
import { DEMO_USERS, SEED_MAILBOXES, upnOf } from "../../emulator/index";
import { useHarness } from "../../emulator/test-support/harness";
import { exchangeAs } from "../support/emulator-exchange";

// The access page's rows, read through the real Exchange client from the emulator's demo tenant:
// explicit delegates first, each named by the directory, then the built-in entries as Exchange
// names them.
const h = useHarness();

const rowsOf = async (identity: string) => {
  const access = await readMailboxAccess(await exchangeAs(h, DEMO_USERS.helpdesk), identity);
  return access.rows.map((r) => [r.kind, r.displayName, r.address, r.detail, r.explicit]);
};

describe("everyone with a right on a mailbox", () => {
  it("FullAccess and SendAs: the people by name and address; SELF, Default, Anonymous and inherited entries as built in", async () => {
    const rows = await rowsOf(upnOf("sales.shared"));
    expect(rows.filter((r) => r[4])).toEqual([
      ["FullAccess", "Adele Vance", "adele.vance@contoso.onmicrosoft.com", "", true],
      ["SendAs", "Adele Vance", "adele.vance@contoso.onmicrosoft.com", "", true],
      ["FullAccess", "Alex Wilber", "alex.wilber@contoso.onmicrosoft.com", "", true],
    ]);
    const others = rows.filter((r) => !r[4]);
    expect(others).toEqual(
      expect.arrayContaining([
        ["Calendar", "Anonymous", null, "None", false],
        ["Calendar", "Default", null, "AvailabilityOnly", false],
        ["FullAccess", "NT AUTHORITY\\SELF", null, "", false],
        ["SendAs", "NT AUTHORITY\\SELF", null, "", false],
        ["FullAccess", "NAMPR01A001\\Organization Management", null, "inherited", false],
      ]),
    );
    // Inherited entries are listed as Exchange names them, after the people, never looked up.
    expect(others.filter((r) => r[3] === "inherited").length).toBeGreaterThan(1);
  });

  it("SendOnBehalf and calendar delegates, with the sharing flags as Exchange writes them", async () => {
    const megan = await rowsOf(SEED_MAILBOXES.meganBowen);
    expect(megan.filter((r) => r[4])).toEqual([
      ["Calendar", "Miriam Graham", "miriam.graham@contoso.onmicrosoft.com", "Editor (Delegate)", true],
      ["SendOnBehalf", "Miriam Graham", "miriam.graham@contoso.onmicrosoft.com", "", true],
    ]);
    const patti = await rowsOf(upnOf("patti.fernandez"));
    expect(patti.filter((r) => r[4])).toEqual([["Calendar", "Debra Berger", "debra.berger@contoso.onmicrosoft.com", "Editor (Delegate, CanViewPrivateItems)", true]]);
  });
});
