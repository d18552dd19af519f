import { beforeAll, describe, expect, it } from "vitest";
import type { TSessionUser } from "@/lib/auth/session-user";
import { getDb } from "@/lib/db/client";
import { ExchangeError } from "@/lib/exchange/errors";
import { submitRequest } from "@/lib/requests/submit-request";
import { DEMO_USERS, SEED_MAILBOXES } from "../../emulator/index";
import { useHarness } from "../../emulator/test-support/harness";
import { useMigratedEmbeddedDb } from "../support/embedded-db";
import { emulatorExchange, exchangeAs } from "../support/emulator-exchange";
import { actorOf, setApprovalRequired } from "../support/people";

// Issue 14 points 2, 3 and 9 through the real client and request flow, against the emulator's
// default behaviour (and each switchable form).
useMigratedEmbeddedDb();
const h = useHarness();
beforeAll(() => setApprovalRequired(false, ["auto-reply.set", "send-on-behalf.grant"]));

// A helpdesk person in ExoDesk whose Exchange roles only read (View-Only Organization Management).
const readOnly: TSessionUser = { oid: "auditor-oid", tid: "tid", upn: DEMO_USERS.auditor, name: "Read-only Helpdesk", roles: ["ExoDesk.Helpdesk"] };
const helpdesk: TSessionUser = { oid: "helpdesk-oid", tid: "tid", upn: DEMO_USERS.helpdesk, name: "Helpdesk Agent", roles: ["ExoDesk.Helpdesk"] };
const AWAY = { autoReplyState: "Enabled", startTime: null, endTime: null, internalMessage: "<p>Away</p>", externalMessage: "", externalAudience: "None" };
const ROLE_TEXT =
  "Your Exchange roles do not allow changing a mailbox's automatic replies (Set-MailboxAutoReplyConfiguration); ask your Exchange administrator for the Recipient Management role group. Signing in again will not change this.";

describe("a missing Exchange role", () => {
  it.each(["unauthorized", "command-not-found", "forbidden"] as const)("%s form: the request is FAILED with the plain role refusal, no sign-in asked", async (form) => {
    if (form !== "unauthorized") await h.control("POST", "quirks", { roleRefusal: form });
    const ex = await exchangeAs(h, readOnly.upn);
    const result = await submitRequest({ user: readOnly, actor: actorOf(readOnly), ex, actionId: "auto-reply.set", rawParams: { identity: SEED_MAILBOXES.meganBowen, ...AWAY } });
    expect(result.outcome).toMatchObject({ status: "FAILED", error: { kind: "rbac_denied", message: ROLE_TEXT } });
    const stored = await getDb().request.findUniqueOrThrow({ where: { id: result.requestId } });
    expect(stored).toMatchObject({ status: "FAILED", errorKind: "rbac_denied", errorMessage: ROLE_TEXT });
    // Sent once: a role refusal is neither retried nor a reason to renew the token.
    expect(ex.calls.filter((c) => c.startsWith("Set-"))).toEqual(["Set-MailboxAutoReplyConfiguration"]);
    expect((await h.control("GET", "state/mailboxes/megan.bowen")).autoReply.autoReplyState).toBe("Disabled");
  });

  it("a person with no Exchange role at all is told so on the first read, not sent to sign in", async () => {
    const noRole = { ...readOnly, oid: "noexchange-oid", upn: DEMO_USERS.noexchange };
    const ex = await exchangeAs(h, noRole.upn);
    const failure = await submitRequest({ user: noRole, actor: actorOf(noRole), ex, actionId: "auto-reply.set", rawParams: { identity: SEED_MAILBOXES.meganBowen, ...AWAY } }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ExchangeError);
    expect(failure).toMatchObject({ kind: "rbac_denied", message: expect.stringMatching(/^Your Exchange roles do not allow looking up recipients \(Get-Recipient\)/) });
    expect(ex.calls.filter((c) => !c.startsWith("Get-"))).toEqual([]);
  });

  it("an expired token that renewal does not mend is a sign-in problem, not a role refusal", async () => {
    const stale = await h.accessToken(helpdesk.upn);
    const renewals: { claims?: string }[] = [];
    const ex = await emulatorExchange(h, helpdesk.upn, {
      getToken: async (renew) => {
        if (renew) renewals.push(renew);
        return stale;
      },
    });
    await h.control("POST", "clock", { advanceSeconds: 3 * 3600 });
    const failure = await ex.invoke("Get-Mailbox", { Identity: SEED_MAILBOXES.meganBowen }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ kind: "unauthorized", status: 401 });
    expect((failure as ExchangeError).message).toMatch(/Sign in again/);
    expect(renewals).toEqual([{ claims: undefined }]); // renewed once, then passed on
  });
});

describe("a token Exchange no longer accepts", () => {
  it("once expired, is renewed and the call goes through", async () => {
    const ex = await exchangeAs(h, helpdesk.upn);
    await h.control("POST", "clock", { advanceSeconds: 3 * 3600 });
    const mailbox = await ex.invoke("Get-Mailbox", { Identity: SEED_MAILBOXES.meganBowen });
    expect(mailbox.value).toHaveLength(1);
  });

  it("issued before a critical event (a revoked session), is renewed and the call goes through", async () => {
    const ex = await exchangeAs(h, helpdesk.upn);
    await h.control("POST", "clock", { advanceSeconds: 60 });
    await h.control("POST", "critical-event", { upn: DEMO_USERS.helpdesk });
    const mailbox = await ex.invoke("Get-Mailbox", { Identity: SEED_MAILBOXES.meganBowen });
    expect(mailbox.value).toHaveLength(1);
  });
});

describe("@adminapi.errors in a 200 answer to a write", () => {
  it("ends FAILED with Exchange's text when the read-back shows nothing changed", async () => {
    const text = "Ex9F1E2D|Microsoft.Exchange.Configuration.Tasks.TaskException|The mailbox is being moved; try again later.";
    await h.control("POST", "faults", { kind: "reported-error", cmdlet: "Set-MailboxAutoReplyConfiguration", message: text });
    const ex = await exchangeAs(h, helpdesk.upn);
    const result = await submitRequest({ user: helpdesk, actor: actorOf(helpdesk), ex, actionId: "auto-reply.set", rawParams: { identity: SEED_MAILBOXES.meganBowen, ...AWAY } });
    expect(result.outcome?.status).toBe("FAILED");
    expect(result.outcome?.error?.message).toContain("The mailbox is being moved; try again later.");
    const stored = await getDb().request.findUniqueOrThrow({ where: { id: result.requestId } });
    expect(stored.status).toBe("FAILED");
    expect(stored.errorMessage).toContain("The mailbox is being moved; try again later.");
  });

  it("where Exchange did change the mailbox, is verified against the read-back and Exchange's text is kept", async () => {
    await h.control("POST", "faults", { kind: "reported-error", cmdlet: "Set-MailboxAutoReplyConfiguration", message: "Ex1|Some.TaskException|The calendar event could not be created.", run: true });
    const ex = await exchangeAs(h, helpdesk.upn);
    const result = await submitRequest({ user: helpdesk, actor: actorOf(helpdesk), ex, actionId: "auto-reply.set", rawParams: { identity: SEED_MAILBOXES.meganBowen, ...AWAY } });
    expect(result.outcome).toMatchObject({ status: "SUCCEEDED", verification: "VERIFIED" });
    expect(result.outcome?.warnings.join(" ")).toContain("The calendar event could not be created.");
  });
});

describe("a directory-synchronised mailbox", () => {
  it("a send-on-behalf change is FAILED with 'change it on-premises', not the write-scope text", async () => {
    await h.control("POST", "quirks", { directorySynced: [SEED_MAILBOXES.meganBowen] });
    const ex = await exchangeAs(h, helpdesk.upn);
    const result = await submitRequest({ user: helpdesk, actor: actorOf(helpdesk), ex, actionId: "send-on-behalf.grant", rawParams: { identity: SEED_MAILBOXES.meganBowen, trustee: "alex.wilber@contoso.onmicrosoft.com" } });
    expect(result.outcome?.status).toBe("FAILED");
    expect(result.outcome?.error?.message).toMatch(/^This mailbox is managed in your on-premises Active Directory; change it there/);
  });
});
