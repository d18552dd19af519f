import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { TSessionUser } from "@/lib/auth/session-user";
import { findAction, listCatalogue } from "@/lib/cmdlets/catalogue";
import type { TExchange } from "@/lib/exchange/create-exchange";
import { AppError } from "@/lib/errors/app-error";
import { ExchangeError } from "@/lib/exchange/errors";
import { submitRequest } from "@/lib/requests/submit-request";
import { useMigratedEmbeddedDb } from "../support/embedded-db";
import { setApprovalRequired } from "../support/people";

// "Nothing reaches Exchange unvalidated": for arbitrary form values, either submitRequest
// refuses (and no change cmdlet ran), or every change cmdlet it ran carries exactly the values
// the schema produced, with the mailbox and trustee replaced by the directory's addresses.
const user: TSessionUser = { oid: "oid-p", tid: "tid-p", upn: "helpdesk@contoso.onmicrosoft.com", name: "Helpdesk", roles: ["ExoDesk.Helpdesk"] };
const actor = { oid: user.oid, upn: user.upn, name: user.name, roles: user.roles, ip: null, userAgent: "vitest" };
const ADELE = "adele.vance@contoso.onmicrosoft.com";

useMigratedEmbeddedDb();
beforeAll(async () => {
  // Every action runs directly, so grants reach their change cmdlet too.
  await setApprovalRequired(false, listCatalogue().map((a) => a.id));
});

type TCall = { cmdlet: string; parameters: Record<string, unknown> };
const key = (s: string) => s.normalize("NFC").trim().toLowerCase();

// A directory where some names are aliases of Adele, "missing…" is not found, and anyone else
// gets a stable address of their own.
function fakeExchange() {
  const calls: TCall[] = [];
  const addresses = new Map<string, string>([["adele", ADELE], ["adele vance", ADELE], [ADELE, ADELE]]);
  const resolve = (identity: string) => {
    const k = key(identity);
    if (!addresses.has(k)) addresses.set(k, `user${addresses.size}@contoso.test`);
    return addresses.get(k)!;
  };
  const ex: TExchange = {
    async invoke(cmdlet, parameters) {
      calls.push({ cmdlet, parameters: structuredClone(parameters) });
      const ok = (value: Record<string, unknown>[]) => ({ value, warnings: [], clientRequestId: "c" });
      const identity = String(parameters.Identity);
      switch (cmdlet) {
        case "Get-Recipient":
          if (key(identity).startsWith("missing")) throw new ExchangeError("not_found", "not found", { status: 404 });
          return ok([{ DisplayName: identity, PrimarySmtpAddress: resolve(identity), RecipientTypeDetails: "UserMailbox" }]);
        case "Get-MailboxAutoReplyConfiguration":
          return ok([{ AutoReplyState: "Disabled", InternalMessage: "", ExternalMessage: "", ExternalAudience: "None" }]);
        case "Get-Mailbox":
          return ok([{ DisplayName: identity, PrimarySmtpAddress: identity, GrantSendOnBehalfTo: [] }]);
        case "Get-MailboxFolderStatistics":
          return ok([{ Name: "Kalender", FolderType: "Calendar" }]);
        default:
          return ok([]);
      }
    },
  };
  return { ex, calls, resolve };
}

const isChange = (cmdlet: string) => !cmdlet.startsWith("Get-");

// What each action may send, derived from the schema's output `p` and the resolved names.
function expectedChange(id: string, p: Record<string, unknown>, identity: string, trustee: string): { cmdlets: string[]; parameters: Record<string, unknown> } {
  const folder = `${identity}:\\Kalender`;
  switch (id) {
    case "auto-reply.set": {
      const parameters: Record<string, unknown> = { Identity: identity, AutoReplyState: p.autoReplyState, InternalMessage: p.internalMessage, ExternalMessage: p.externalMessage, ExternalAudience: p.externalAudience };
      // A window is sent whenever both ends are given (set-auto-reply.ts), whatever the state.
      if (p.startTime && p.endTime) Object.assign(parameters, { StartTime: expect.any(String), EndTime: expect.any(String) });
      return { cmdlets: ["Set-MailboxAutoReplyConfiguration"], parameters };
    }
    case "full-access.grant":
      return { cmdlets: ["Add-MailboxPermission"], parameters: { Identity: identity, User: trustee, AccessRights: ["FullAccess"], AutoMapping: p.autoMapping, InheritanceType: "All" } };
    case "full-access.remove":
      return { cmdlets: ["Remove-MailboxPermission"], parameters: { Identity: identity, User: trustee, AccessRights: ["FullAccess"], InheritanceType: "All", Confirm: false } };
    case "send-as.grant":
    case "send-as.remove":
      return { cmdlets: [id === "send-as.grant" ? "Add-RecipientPermission" : "Remove-RecipientPermission"], parameters: { Identity: identity, Trustee: trustee, AccessRights: ["SendAs"], Confirm: false } };
    case "send-on-behalf.grant":
    case "send-on-behalf.remove":
      return { cmdlets: ["Set-Mailbox"], parameters: { Identity: identity, GrantSendOnBehalfTo: { "@odata.type": "#Exchange.GenericHashTable", [id.endsWith("grant") ? "Add" : "Remove"]: [trustee] } } };
    case "calendar.set": {
      const parameters: Record<string, unknown> = { Identity: folder, User: trustee, AccessRights: [p.accessRights] };
      if (p.sendNotificationToUser) parameters.SendNotificationToUser = true;
      if (p.delegate) parameters.SharingPermissionFlags = p.canViewPrivateItems ? "Delegate,CanViewPrivateItems" : "Delegate";
      return { cmdlets: ["Add-MailboxFolderPermission", "Set-MailboxFolderPermission"], parameters };
    }
    case "calendar.remove":
      return { cmdlets: ["Remove-MailboxFolderPermission"], parameters: { Identity: folder, User: trustee, Confirm: false } };
    default:
      throw new Error(`no expectation for ${id}`);
  }
}

const who = fc.oneof(fc.constantFrom(ADELE, " Adele ", "ADELE VANCE", "megan@contoso.com", "missing@contoso.com", "Megan", ""), fc.emailAddress(), fc.string({ maxLength: 12 }));
const nasty = fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom(null, true, 0, "Editor", "Scheduled", "All", "<script>x</script>", "<p>Away</p>"), fc.anything({ maxDepth: 1 }));
const iso = fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString());
const message = fc.constantFrom("", "<p>Away</p>", "Back Monday", "<a href=\"https://x\">x</a>", "<img src=x onerror=alert(1)>", "<p onclick=x>hi</p>", "<b>bold</b><style>p{}</style>");

function rawParams(id: string): fc.Arbitrary<unknown> {
  const fields: Record<string, fc.Arbitrary<unknown>> = { identity: who, trustee: who, autoMapping: fc.boolean(), Confirm: fc.boolean(), Identity: who, extra: nasty };
  if (id === "auto-reply.set") {
    Object.assign(fields, { autoReplyState: fc.constantFrom("Disabled", "Enabled", "Scheduled"), startTime: fc.option(iso, { nil: null }), endTime: fc.option(iso, { nil: null }), internalMessage: message, externalMessage: message, externalAudience: fc.constantFrom("None", "Known", "All") });
  }
  if (id === "calendar.set") {
    Object.assign(fields, { accessRights: fc.constantFrom("Editor", "Reviewer", "Owner", "None", "editor"), delegate: fc.boolean(), canViewPrivateItems: fc.boolean(), sendNotificationToUser: fc.boolean() });
  }
  const required = Object.keys(fields).filter((k) => !["Confirm", "Identity", "extra"].includes(k) && (k !== "trustee" || id !== "auto-reply.set"));
  const record = fc.record(fields, { requiredKeys: required as never[] });
  const mutated = fc.tuple(record, fc.constantFrom(...Object.keys(fields)), nasty).map(([r, k, v]) => ({ ...r, [k]: v }));
  // Half the runs are values the schema usually accepts: with a third, one CI run had only 4
  // of 50 auto-reply values reach Exchange, below the floor the property checks.
  return fc.oneof({ weight: 4, arbitrary: acceptable(id) }, { weight: 2, arbitrary: record }, { weight: 1, arbitrary: mutated }, { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) });
}

// Values the schema usually accepts, so the properties reach Exchange often enough.
function acceptable(id: string): fc.Arbitrary<Record<string, unknown>> {
  const target = { identity: fc.constantFrom(ADELE, " Adele ", "megan@contoso.com", "missing@contoso.com"), trustee: fc.constantFrom("Megan", "alex@contoso.com", "ADELE VANCE") };
  if (id === "auto-reply.set") {
    const future = fc.integer({ min: 1, max: 1000 }).map((h) => new Date(Date.now() + h * 3600_000).toISOString());
    return fc.record({
      identity: target.identity,
      autoReplyState: fc.constantFrom("Disabled", "Enabled", "Scheduled"),
      times: fc.tuple(future, future).map(([a, b]) => (a < b ? [a, b] : [b, a])),
      // Messages the input check accepts (a <style> block is refused; the other branches still
      // try every `message`). With arbitrary external messages too, one run in about twenty had
      // fewer than 5 of 50 auto-reply values reach Exchange, below the floor the property checks.
      internalMessage: fc.constantFrom("<p>Away</p>", "Back Monday", "<b>bold</b>"),
      externalMessage: fc.constantFrom("<p>Away</p>", "Back Monday", "<b>bold</b>"),
      externalAudience: fc.constantFrom("None", "None", "Known", "All"),
    }).map(({ times, ...r }) => ({ ...r, startTime: times[0], endTime: times[1] }));
  }
  const flags = fc.record({ delegate: fc.boolean(), canViewPrivateItems: fc.boolean() }).map((f) => ({ ...f, canViewPrivateItems: f.delegate && f.canViewPrivateItems }));
  if (id === "calendar.set") {
    return fc.record({ ...target, flags, accessRights: fc.constantFrom("Editor", "Reviewer"), sendNotificationToUser: fc.boolean() })
      .map(({ flags: f, ...r }) => ({ ...r, ...f, accessRights: f.delegate ? "Editor" : r.accessRights }));
  }
  return fc.record({ ...target, autoMapping: fc.boolean() });
}

// Returns whether a change cmdlet ran, so each property can show it reached Exchange at all.
async function check(actionId: string, raw: unknown): Promise<boolean> {
  const { ex, calls, resolve } = fakeExchange();
  const action = findAction(actionId);
  const parsed = action?.schema.safeParse(raw);
  let result: Awaited<ReturnType<typeof submitRequest>> | undefined;
  try {
    result = await submitRequest({ user, actor, ex, actionId, rawParams: raw });
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect(["INVALID_INPUT", "NOT_FOUND"]).toContain((e as AppError).code);
    expect(calls.filter((c) => isChange(c.cmdlet))).toEqual([]);
    if (!action || !parsed?.success) expect(calls).toEqual([]); // refused before any call at all
    return false;
  }
  expect(action && parsed?.success).toBeTruthy();
  const p = parsed!.data as Record<string, unknown>;
  const changes = calls.filter((c) => isChange(c.cmdlet));
  expect(result.pending).toBeNull();
  expect(changes).toHaveLength(1);
  const expected = expectedChange(actionId, p, resolve(String(p.identity)), typeof p.trustee === "string" ? resolve(p.trustee) : "");
  expect(expected.cmdlets).toContain(changes[0]!.cmdlet);
  expect(changes[0]!.parameters).toEqual(expected.parameters);
  return true;
}

describe("submitRequest on arbitrary form values", () => {
  it.each(listCatalogue().map((a) => a.id))("%s: refused without a change, or sent exactly what the schema produced", async (id) => {
    let changed = 0;
    await fc.assert(fc.asyncProperty(rawParams(id), async (raw) => void (changed += Number(await check(id, raw)))), { numRuns: 50 });
    expect(changed).toBeGreaterThanOrEqual(5);
  }, 60_000);

  it("unknown action ids are refused before Exchange is called", async () => {
    const ids = listCatalogue().map((a) => a.id);
    const unknownId = fc.oneof(fc.string(), fc.constantFrom("__proto__", "constructor", "toString", "Set-Mailbox", "auto-reply.set ", "AUTO-REPLY.SET")).filter((s) => !ids.includes(s));
    await fc.assert(fc.asyncProperty(unknownId, fc.anything({ maxDepth: 2 }), async (id, raw) => {
      expect(await check(id, raw)).toBe(false);
    }), { numRuns: 100 });
  });
});
