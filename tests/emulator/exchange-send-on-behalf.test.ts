import { describe, expect, test } from "vitest";
import { DEMO_USERS, SEED_MAILBOXES } from "./index";
import { useHarness, useSignedIn } from "./test-support/harness";

const h = useHarness();
const run = useSignedIn(h, DEMO_USERS.helpdesk);

const hashTable = (update: Record<string, unknown>) => ({ "@odata.type": "#Exchange.GenericHashTable", ...update });
const stored = async () => (await h.control("GET", "state/mailboxes/megan.bowen")).grantSendOnBehalfTo as string[];
const shown = async () => (await run("Get-Mailbox", { Identity: "megan.bowen" })).json().value[0].GrantSendOnBehalfTo as string[];
const MIRIAM = "miriam.graham@contoso.onmicrosoft.com";

describe("Set-Mailbox -GrantSendOnBehalfTo", () => {
  test("Add appends without touching the others; Get-Mailbox shows names, the state keeps identities", async () => {
    const res = await run("Set-Mailbox", { Identity: SEED_MAILBOXES.meganBowen, GrantSendOnBehalfTo: hashTable({ Add: ["alex.wilber@contoso.onmicrosoft.com"] }) });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ "@adminapi.warnings": [], value: [] });
    expect(await shown()).toEqual(["Miriam Graham", "Alex Wilber"]);
    expect(await stored()).toEqual([MIRIAM, "alex.wilber@contoso.onmicrosoft.com"]);
  });

  test("entries may name the delegate by alias, display name, SMTP address or GUID; keys are case-insensitive", async () => {
    const lee = (await run("Get-Mailbox", { Identity: "lee.gu" })).json().value[0];
    const res = await run("Set-Mailbox", {
      Identity: "Megan Bowen",
      GrantSendOnBehalfTo: hashTable({ add: ["alex.wilber", "Diego Siciliani", "EMILY.BRAUN@contoso.mail.onmicrosoft.com", lee.Guid] }),
    });
    expect(res.status).toBe(200);
    expect(await shown()).toEqual(["Miriam Graham", "Alex Wilber", "Diego Siciliani", "Emily Braun", "Lee Gu"]);
    await run("Set-Mailbox", { Identity: "megan.bowen", GrantSendOnBehalfTo: hashTable({ Remove: "Alex Wilber", Add: [] }) });
    expect(await shown()).toEqual(["Miriam Graham", "Diego Siciliani", "Emily Braun", "Lee Gu"]);
  });

  test("Remove takes one delegate out, named in any form", async () => {
    await run("Set-Mailbox", { Identity: "megan.bowen", GrantSendOnBehalfTo: hashTable({ Add: ["alex.wilber"] }) });
    await run("Set-Mailbox", { Identity: "megan.bowen", GrantSendOnBehalfTo: hashTable({ Remove: ["Miriam Graham"] }) });
    expect(await stored()).toEqual(["alex.wilber@contoso.onmicrosoft.com"]);
  });

  test("a plain array replaces the whole list; a string is a list of one; null and [] clear it", async () => {
    await run("Set-Mailbox", { Identity: "megan.bowen", GrantSendOnBehalfTo: ["alex.wilber", "lee.gu"] });
    expect(await shown()).toEqual(["Alex Wilber", "Lee Gu"]);
    await run("Set-Mailbox", { Identity: "megan.bowen", GrantSendOnBehalfTo: "Debra Berger" });
    expect(await shown()).toEqual(["Debra Berger"]);
    await run("Set-Mailbox", { Identity: "megan.bowen", GrantSendOnBehalfTo: null });
    expect(await shown()).toEqual([]);
    await run("Set-Mailbox", { Identity: "megan.bowen", GrantSendOnBehalfTo: ["alex.wilber"] });
    await run("Set-Mailbox", { Identity: "megan.bowen", GrantSendOnBehalfTo: [] });
    expect(await stored()).toEqual([]);
  });

  test("a change that changes nothing is a 200 with Exchange's no-settings warning", async () => {
    for (const update of [hashTable({ Add: ["Miriam Graham"] }), hashTable({ Remove: ["alex.wilber"] }), [MIRIAM]]) {
      const res = await run("Set-Mailbox", { Identity: "megan.bowen", GrantSendOnBehalfTo: update });
      expect(res.status).toBe(200);
      expect(res.json()["@adminapi.warnings"]).toEqual(["The command completed successfully but no settings of 'Megan Bowen' have been modified."]);
    }
    expect(await stored()).toEqual([MIRIAM]);
  });

  test("an unknown delegate fails the whole change with ManagementObjectNotFoundException", async () => {
    const res = await run("Set-Mailbox", { Identity: "megan.bowen", GrantSendOnBehalfTo: hashTable({ Add: ["alex.wilber", "nobody.here"] }) });
    expect(res.status).toBe(404);
    expect(res.json().error.details[0].message).toBe(
      'Ex2A6C13|Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException|Couldn\'t find object "nobody.here". Please make sure that it was spelled correctly or specify a different object.',
    );
    expect(await stored()).toEqual([MIRIAM]);
  });

  test("malformed values are refused naming the parameter", async () => {
    const number = await run("Set-Mailbox", { Identity: "megan.bowen", GrantSendOnBehalfTo: [42] });
    expect(number.status).toBe(400);
    expect(number.json().error.innererror.internalexception.message).toContain("'GrantSendOnBehalfTo'");
    const key = await run("Set-Mailbox", { Identity: "megan.bowen", GrantSendOnBehalfTo: hashTable({ Replace: ["alex.wilber"] }) });
    expect(key.status).toBe(400);
    expect(key.json().error.innererror.internalexception.message).toContain('The hash table key "Replace"');
  });

  test("the mailbox may be its own delegate (Exchange does not refuse it)", async () => {
    const res = await run("Set-Mailbox", { Identity: "megan.bowen", GrantSendOnBehalfTo: hashTable({ Add: ["megan.bowen"] }) });
    expect(res.status).toBe(200);
    expect(await shown()).toEqual(["Miriam Graham", "Megan Bowen"]);
  });
});
