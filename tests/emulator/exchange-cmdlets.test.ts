import { describe, expect, test } from "vitest";
import { DEMO_USERS, SEED_MAILBOXES } from "./index";
import { useHarness, useSignedIn } from "./test-support/harness";

const h = useHarness();
const invoke = useSignedIn(h, DEMO_USERS.admin);

const run = (cmdlet: string, parameters: Record<string, unknown> = {}, query = "") => invoke(cmdlet, parameters, { query });

function detailMessage(res: Awaited<ReturnType<typeof run>>): string {
  return res.json().error.details[0].message;
}

describe("Get-Mailbox and Get-Recipient", () => {
  test("answer in the OData shape with property annotations", async () => {
    const res = await run("Get-Mailbox", { Identity: SEED_MAILBOXES.meganBowen });
    expect(res.status).toBe(200);
    expect(res.header("content-type")).toMatch(/^application\/json;odata\.metadata=minimal/);
    const body = res.json();
    expect(Object.keys(body)).toEqual(["@odata.context", "adminapi.warnings@odata.type", "@adminapi.warnings", "value"]);
    expect(body["@odata.context"]).toBe(`${h.em.url}/adminapi/beta/${h.em.tenantId}/$metadata#Collection(Exchange.GenericHashTable)`);
    const [m] = body.value;
    expect(m).toMatchObject({
      Identity: "Megan Bowen",
      Name: "Megan Bowen",
      DisplayName: "Megan Bowen",
      Alias: "megan.bowen",
      UserPrincipalName: SEED_MAILBOXES.meganBowen,
      PrimarySmtpAddress: SEED_MAILBOXES.meganBowen,
      RecipientType: "UserMailbox",
      RecipientTypeDetails: "UserMailbox",
      "GrantSendOnBehalfTo@odata.type": "#Collection(String)",
      GrantSendOnBehalfTo: ["Miriam Graham"],
      "Guid@data.type": "System.Guid",
      "Guid@odata.type": "#Guid",
      "WhenCreated@data.type": "System.DateTime",
    });
    expect(m.ExternalDirectoryObjectId).toMatch(/^[0-9a-f-]{36}$/);
    expect(m.WhenCreated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}\+00:00$/);
    expect(m.WhenCreatedUTC).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/);
    expect(m.Department).toBeUndefined(); // a Get-Recipient property, not a Get-Mailbox one
    const recipient = (await run("Get-Recipient", { Identity: "megan.bowen" })).json().value[0];
    expect(recipient).toMatchObject({ Department: "Marketing", FirstName: "Megan", LastName: "Bowen", Identity: "Megan Bowen" });
  });

  test("-Identity accepts UPN, SMTP address, alias, name, GUID and ExternalDirectoryObjectId", async () => {
    const adele = (await run("Get-Mailbox", { Identity: "adele.vance" })).json().value[0];
    for (const identity of [
      SEED_MAILBOXES.adeleVance,
      "ADELE.VANCE@contoso.mail.onmicrosoft.com",
      "Adele Vance",
      adele.Guid,
      adele.ExternalDirectoryObjectId,
    ]) {
      const res = await run("Get-Mailbox", { identity });
      expect(res.status, identity).toBe(200);
      expect(res.json().value[0].Guid).toBe(adele.Guid);
    }
  });

  test("an unknown identity is 404 NotFound with ManagementObjectNotFoundException", async () => {
    const res = await run("Get-Mailbox", { Identity: "nobody@contoso.onmicrosoft.com" });
    expect(res.status).toBe(404);
    const { error } = res.json();
    expect(error.code).toBe("NotFound");
    expect(error.message).toBe("Error executing cmdlet");
    expect(error.details[0]).toEqual({
      code: "Client",
      target: "",
      message: expect.stringMatching(
        /^Ex6F9304\|Microsoft\.Exchange\.Configuration\.Tasks\.ManagementObjectNotFoundException\|The operation couldn't be performed because object 'nobody@contoso\.onmicrosoft\.com' couldn't be found on '[A-Z0-9.]+'\.$/,
      ),
    });
    expect(error.innererror.type).toBe("Microsoft.Exchange.Admin.OData.Core.ODataServiceException");
    expect(error.innererror.internalexception.type).toMatch(/DirectInvokeCmdletExecutionException$/);
  });

  test("-Anr resolves prefixes of names, aliases and addresses", async () => {
    const names = async (anr: string) => (await run("Get-Recipient", { Anr: anr })).json().value.map((r: { Name: string }) => r.Name);
    expect(await names("vance")).toEqual(["Adam Vance", "Adele Vance"]);
    expect(await names("Adele V")).toEqual(["Adele Vance"]);
    expect(await names("Vance Ad")).toEqual(["Adam Vance", "Adele Vance"]);
    expect(await names("sales.sh")).toEqual(["Sales Shared"]);
    expect(await names("chlo")).toEqual(["Chloé Dubois"]);
    expect(await names("zzzz")).toEqual([]);
  });

  test("-RecipientTypeDetails filters; a bad value names the parameter", async () => {
    const rooms = (await run("Get-Mailbox", { RecipientTypeDetails: ["RoomMailbox"] })).json().value;
    expect(rooms.map((r: { Alias: string }) => r.Alias)).toContain("conf.room1");
    expect(rooms.every((r: { RecipientTypeDetails: string }) => r.RecipientTypeDetails === "RoomMailbox")).toBe(true);
    const shared = (await run("Get-Recipient", { RecipientTypeDetails: "sharedmailbox", Anr: "sales" })).json().value;
    expect(shared.map((r: { Alias: string }) => r.Alias)).toEqual(["sales.shared"]);
    const bad = await run("Get-Mailbox", { RecipientTypeDetails: "Kitchen" });
    expect(bad.status).toBe(400);
    expect(bad.json().error.innererror.internalexception.message).toMatch(/^Cannot process argument transformation on parameter 'RecipientTypeDetails'\./);
  });

  test("-ResultSize limits and warns when more exist; the seed has 40+ mailboxes besides the demo users", async () => {
    const all = (await run("Get-Mailbox", { ResultSize: "Unlimited" })).json();
    expect(all.value.length).toBeGreaterThanOrEqual(47);
    const three = (await run("Get-Mailbox", { ResultSize: 3 })).json();
    expect(three.value).toHaveLength(3);
    expect(three["@adminapi.warnings"][0]).toMatch(/^There are more results available than are currently displayed\./);
  });

  test("?$select= keeps only the named properties and their annotations", async () => {
    const res = await run("Get-Mailbox", { Identity: "adele.vance" }, "?$select=Identity,Guid,GrantSendOnBehalfTo");
    expect(res.json().value[0]).toEqual({
      Identity: "Adele Vance",
      "Guid@data.type": "System.Guid",
      "Guid@odata.type": "#Guid",
      Guid: expect.any(String),
      "GrantSendOnBehalfTo@odata.type": "#Collection(String)",
      GrantSendOnBehalfTo: [],
    });
  });
});

describe("automatic replies", () => {
  test("Get returns the configuration; StartTime/EndTime are server-local (UTC, no offset)", async () => {
    const c = (await run("Get-MailboxAutoReplyConfiguration", { Identity: SEED_MAILBOXES.emilyBraun })).json().value[0];
    expect(c).toMatchObject({
      AutoReplyState: "Scheduled",
      StartTime: "2030-07-01T07:00:00.0000000",
      EndTime: "2030-07-15T17:00:00.0000000",
      "StartTime@data.type": "System.DateTime",
      ExternalAudience: "All",
      Identity: "Emily Braun",
      MailboxOwnerId: "Emily Braun",
    });
    expect(c.InternalMessage).toBe("<html>\n<body>\nI'm on leave until 15 July. Budget questions go to Liam O'Brien.\n</body>\n</html>\n");
    await h.control("POST", "quirks", { autoReplyTimeFormat: "offset" });
    const offset = (await run("Get-MailboxAutoReplyConfiguration", { Identity: SEED_MAILBOXES.emilyBraun })).json().value[0];
    expect(offset.StartTime).toBe("2030-07-01T07:00:00.0000000+00:00");
  });

  test("Set schedules replies: dates without an offset are UTC, messages are stored as HTML", async () => {
    const res = await run("Set-MailboxAutoReplyConfiguration", {
      Identity: SEED_MAILBOXES.meganBowen,
      AutoReplyState: "scheduled",
      StartTime: "2031-01-05T08:00:00",
      EndTime: "2031-01-09T10:30:00+02:00",
      InternalMessage: "<p>Back on Friday</p>",
      ExternalMessage: "Back on Friday",
      ExternalAudience: "Known",
    });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ "@adminapi.warnings": [], value: [] });
    const state = await h.control("GET", "state/mailboxes/megan.bowen");
    expect(state.autoReply).toMatchObject({
      autoReplyState: "Scheduled",
      startTime: "2031-01-05T08:00:00.000Z",
      endTime: "2031-01-09T08:30:00.000Z",
      externalAudience: "Known",
      internalMessage: "<html>\n<body>\n<p>Back on Friday</p>\n</body>\n</html>\n",
    });
    expect(state.regional.timeZone).toBe("Pacific Standard Time");
  });

  test("a Set that changes nothing succeeds with a warning", async () => {
    const res = await run("Set-MailboxAutoReplyConfiguration", { Identity: "adele.vance", AutoReplyState: "Disabled" });
    expect(res.status).toBe(200);
    expect(res.json()["@adminapi.warnings"]).toEqual(["The command completed successfully but no settings of 'Adele Vance' have been modified."]);
  });

  test("Scheduled needs EndTime after StartTime, and an EndTime not in the past", async () => {
    const backwards = await run("Set-MailboxAutoReplyConfiguration", {
      Identity: "adele.vance",
      AutoReplyState: "Scheduled",
      StartTime: "2031-01-09T08:00:00Z",
      EndTime: "2031-01-05T08:00:00Z",
    });
    expect(backwards.status).toBe(400);
    expect(detailMessage(backwards)).toMatch(/\|Microsoft\.Exchange\.Configuration\.Tasks\.TaskArgumentException\|.*EndTime.*StartTime/);
    const past = await run("Set-MailboxAutoReplyConfiguration", { Identity: "adele.vance", AutoReplyState: "Scheduled", StartTime: "2020-01-01T00:00:00Z", EndTime: "2020-01-02T00:00:00Z" });
    expect(past.status).toBe(400);
    expect(detailMessage(past)).toContain("EndTime");
    expect((await h.control("GET", "state/mailboxes/adele.vance")).autoReply.autoReplyState).toBe("Disabled");
  });

  test("bad values are refused naming the parameter", async () => {
    const state = await run("Set-MailboxAutoReplyConfiguration", { Identity: "adele.vance", AutoReplyState: "On" });
    expect(state.status).toBe(400);
    const err = state.json().error;
    expect(err.message).toBe("Invalid Operation");
    expect(err.innererror.internalexception).toMatchObject({
      type: "Microsoft.Exchange.AdminApi.CommandInvocation.ParameterTransformationException",
      message: expect.stringMatching(/^Cannot process argument transformation on parameter 'AutoReplyState'\..*Disabled, Enabled, Scheduled/),
    });
    const audience = await run("Set-MailboxAutoReplyConfiguration", { Identity: "adele.vance", ExternalAudience: "Everyone" });
    expect(audience.json().error.innererror.internalexception.message).toContain("'ExternalAudience'");
    const date = await run("Set-MailboxAutoReplyConfiguration", { Identity: "adele.vance", StartTime: "next tuesday" });
    expect(date.json().error.innererror.internalexception.message).toContain("'StartTime'");
  });

  test("unknown parameters, missing mandatory ones and unknown cmdlets are refused", async () => {
    const unknown = await run("Set-MailboxAutoReplyConfiguration", { Identity: "adele.vance", Message: "x" });
    expect(unknown.status).toBe(400);
    expect(detailMessage(unknown)).toBe(
      "|Microsoft.Exchange.AdminApi.CommandInvocation.AmbiguousParameterSetException|Parameter set cannot be resolved using the specified named parameters. Invalid cmdlet parameters specified. Message",
    );
    const missing = await run("Get-MailboxAutoReplyConfiguration", {});
    expect(detailMessage(missing)).toMatch(/missing mandatory parameters: Identity\.$/);
    const both = await run("Get-Recipient", { Identity: "adele.vance", Anr: "adele" });
    expect(detailMessage(both)).toContain("Parameter set cannot be resolved");
    const cmdlet = await run("Get-Mailboxx", {});
    expect(cmdlet.status).toBe(400);
    expect(detailMessage(cmdlet)).toMatch(/\|System\.Management\.Automation\.CommandNotFoundException\|The term 'Get-Mailboxx' is not recognized as the name of a cmdlet/);
  });

  test("cmdlet names are case-insensitive", async () => {
    expect((await run("get-mailboxautoreplyconfiguration", { identity: "adele.vance" })).status).toBe(200);
  });
});

describe("regional configuration", () => {
  test("returns the Windows time zone and language, or nulls when never set", async () => {
    const adele = (await run("Get-MailboxRegionalConfiguration", { Identity: SEED_MAILBOXES.adeleVance })).json().value[0];
    expect(adele).toMatchObject({ TimeZone: "W. Europe Standard Time", Language: "de-DE", DateFormat: "dd.MM.yyyy", TimeFormat: "HH:mm", Identity: "Adele Vance" });
    const yuki = (await run("Get-MailboxRegionalConfiguration", { Identity: SEED_MAILBOXES.yukiTanaka })).json().value[0];
    expect(yuki.TimeZone).toBe("Tokyo Standard Time");
    const olivia = (await run("Get-MailboxRegionalConfiguration", { Identity: SEED_MAILBOXES.oliviaMartin })).json().value[0];
    expect(olivia).toMatchObject({ TimeZone: null, Language: null });
  });
});
