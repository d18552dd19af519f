import { ID_TOKEN_OPTIONAL_CLAIMS, type EmulatorContext, type IdTokenOptionalClaim } from "./context";
import { REFUSAL_FORMS, type RefusalForm } from "./entra/grants";
import { parseChaosConfig } from "./exchange/chaos";
import { parseFaultSpec } from "./exchange/faults";
import { isLoopback, readBody, sendHtml, sendJson, type Req, type Res } from "./http";
import { renderInbox } from "./notifications/inbox-page";
import { matchMailboxes } from "./exchange/identity";
import { mailboxesByKey } from "./tenant/mailbox-index";
import { findUserByUpn } from "./tenant/model";
import { toStoredOofMessage } from "./tenant/oof-message";
import { parseThrottlingConfig } from "./exchange/throttling";
import { MAX_SEEDED_DELEGATES, MAX_SEEDED_MAILBOXES, seedDelegates, seedMailboxes } from "./tenant/seed-delegates";
import { MAX_TENANT_MAILBOXES, seedOrganisation } from "./tenant/seed-organisation";

// The test-only control API under /_emulator/: JSON in and out, no authentication, and
// refused to anything but loopback callers.

type Handler = (ctx: EmulatorContext, body: Record<string, unknown>, rest: string[]) => [number, unknown] | Promise<[number, unknown]>;

const ok = (body: unknown): [number, unknown] => [200, body];
const problem = (status: number, error: string): [number, unknown] => [status, { error }];
const NO_MAIL = problem(404, "This emulator was started without a mail server (--smtp-port).");

// A mode that is read (GET), switched on with a configuration (POST) and off (DELETE), each
// answering with the mode's status.
function switchable<TConfig>(
  name: string,
  mode: (ctx: EmulatorContext) => { status(): unknown; enable(config: TConfig): void; disable(): void },
  parse: (body: Record<string, unknown>) => TConfig,
): Record<string, Handler> {
  return {
    [`GET ${name}`]: (ctx) => ok(mode(ctx).status()),
    [`POST ${name}`]: (ctx, body) => {
      try {
        mode(ctx).enable(parse(body));
      } catch (e) {
        return problem(400, (e as Error).message);
      }
      return ok(mode(ctx).status());
    },
    [`DELETE ${name}`]: (ctx) => {
      mode(ctx).disable();
      return ok(mode(ctx).status());
    },
  };
}

const ROUTES: Record<string, Handler> = {
  ...switchable("chaos", (ctx) => ctx.state.chaos, parseChaosConfig),
  ...switchable("throttling", (ctx) => ctx.state.throttling, parseThrottlingConfig),
  "POST reset": async (ctx) => {
    ctx.state.reset();
    await ctx.mail?.resetSwitches();
    return ok({ ok: true });
  },
  // What the portal's notifications reached (notifications/): kept across resets, until deleted.
  "GET mail": (ctx) => (ctx.mail ? ok({ messages: ctx.mail.messages(), server: ctx.mail.status() }) : NO_MAIL),
  "DELETE mail": (ctx) => {
    ctx.mail?.clear();
    return ok({ messages: [] });
  },
  "POST mail-outage": async (ctx, body) => {
    if (!ctx.mail) return NO_MAIL;
    if (body.mode !== "refuse" && body.mode !== "421") return problem(400, 'Send { "mode": "refuse" } (connections refused) or { "mode": "421" } (every session answered 421).');
    await ctx.mail.down(body.mode);
    return ok(ctx.mail.status());
  },
  "DELETE mail-outage": async (ctx) => {
    if (!ctx.mail) return NO_MAIL;
    await ctx.mail.up();
    return ok(ctx.mail.status());
  },
  "POST mail-refuse": (ctx, body) => {
    if (!ctx.mail) return NO_MAIL;
    if (typeof body.address !== "string" || !body.address.includes("@")) return problem(400, 'Send { "address": "someone@contoso.onmicrosoft.com" }.');
    ctx.mail.refuse(body.address);
    return ok(ctx.mail.status());
  },
  "GET webhooks": (ctx) => ok({ webhooks: ctx.webhooks.list() }),
  "DELETE webhooks": (ctx) => {
    ctx.webhooks.clear();
    return ok({ webhooks: [] });
  },
  "GET state": (ctx, _body, rest) => {
    if (rest.length === 0) return ok(ctx.state.tenant);
    if (rest[0] !== "mailboxes" || rest.length !== 2) return problem(404, "Use /_emulator/state or /_emulator/state/mailboxes/{upnOrAlias}.");
    const id = decodeURIComponent(rest[1]!).toLowerCase();
    const m = mailboxesByKey(ctx.state.tenant, id).find(
      (x) => x.userPrincipalName.toLowerCase() === id || x.primarySmtpAddress.toLowerCase() === id || x.alias.toLowerCase() === id,
    );
    return m ? ok(m) : problem(404, `No mailbox has the UPN or alias '${id}'.`);
  },
  "POST revoke": (ctx, body) => {
    if (typeof body.upn !== "string") return problem(400, "Send { \"upn\": \"user@contoso.onmicrosoft.com\" }.");
    const user = findUserByUpn(ctx.state.tenant, body.upn);
    if (!user) return problem(404, `No user has the UPN '${body.upn}'.`);
    const form = body.form ?? "revoked";
    if (!REFUSAL_FORMS.includes(form as RefusalForm)) return problem(400, `form must be one of ${REFUSAL_FORMS.join(", ")}.`);
    return ok({ upn: user.userPrincipalName, form, revokedRefreshTokens: ctx.state.grants.revokeUser(user.oid, ctx.state.clock.now(), form as RefusalForm) });
  },
  "GET optional-claims": (ctx) => ok({ idToken: ctx.state.idTokenOptionalClaims }),
  "POST optional-claims": (ctx, body) => {
    const claims = body.idToken;
    if (!Array.isArray(claims) || !claims.every((c) => ID_TOKEN_OPTIONAL_CLAIMS.includes(c as IdTokenOptionalClaim))) {
      return problem(400, `Send { "idToken": [] } or { "idToken": ["upn"] }.`);
    }
    ctx.state.idTokenOptionalClaims = [...new Set(claims as IdTokenOptionalClaim[])];
    return ok({ idToken: ctx.state.idTokenOptionalClaims });
  },
  "POST critical-event": (ctx, body) => {
    if (typeof body.upn !== "string") return problem(400, "Send { \"upn\": \"user@contoso.onmicrosoft.com\" }.");
    const user = findUserByUpn(ctx.state.tenant, body.upn);
    if (!user) return problem(404, `No user has the UPN '${body.upn}'.`);
    const at = ctx.state.clock.nowSeconds();
    ctx.state.criticalEvents.set(user.oid, at);
    return ok({ upn: user.userPrincipalName, at });
  },
  "POST token-lifetime": (ctx, body) => {
    const s = body.seconds;
    if (typeof s !== "number" || !Number.isInteger(s) || s < 1 || s > 86_400) return problem(400, "seconds must be a whole number from 1 to 86400.");
    ctx.state.tokenLifetimeSeconds = s;
    return ok({ tokenLifetimeSeconds: s });
  },
  "GET faults": (ctx) => ok({ faults: ctx.state.faults.list() }),
  "POST faults": (ctx, body) => {
    try {
      ctx.state.faults.add(parseFaultSpec(body));
    } catch (e) {
      return problem(400, (e as Error).message);
    }
    return ok({ faults: ctx.state.faults.list() });
  },
  "DELETE faults": (ctx) => {
    ctx.state.faults.clear();
    return ok({ faults: [] });
  },
  "GET calls": (ctx) => ok({ calls: ctx.state.calls.list() }),
  "DELETE calls": (ctx) => {
    ctx.state.calls.clear();
    return ok({ calls: [] });
  },
  "POST clock": (ctx, body) => {
    const s = body.advanceSeconds;
    if (typeof s !== "number" || !Number.isFinite(s) || s < 0) return problem(400, "advanceSeconds must be a number >= 0.");
    ctx.state.clock.advance(s);
    return ok({ offsetSeconds: ctx.state.clock.offsetSeconds, now: new Date(ctx.state.clock.now()).toISOString() });
  },
  "POST quirks": (ctx, body) => {
    const { autoReplyTimeFormat: f, confirmation: c, ...more } = body;
    const { roleRefusal: r, errorDetails: d, directorySynced: s, ...rest } = more;
    if (Object.keys(rest).length > 0 || [f, c, r, d, s].every((v) => v === undefined)) {
      return problem(400, "Send { \"autoReplyTimeFormat\"?: \"server-local\"|\"offset\"|\"utc\", \"confirmation\"?: \"not-required\"|\"required\", \"roleRefusal\"?: \"unauthorized\"|\"command-not-found\"|\"forbidden\", \"errorDetails\"?: \"piped\"|\"serialised\", \"directorySynced\"?: [upn…] }.");
    }
    if (f !== undefined && f !== "server-local" && f !== "offset" && f !== "utc") return problem(400, "autoReplyTimeFormat must be \"server-local\", \"offset\" or \"utc\".");
    if (c !== undefined && c !== "not-required" && c !== "required") return problem(400, "confirmation must be \"not-required\" or \"required\".");
    if (r !== undefined && r !== "unauthorized" && r !== "command-not-found" && r !== "forbidden") return problem(400, "roleRefusal must be \"unauthorized\", \"command-not-found\" or \"forbidden\".");
    if (d !== undefined && d !== "piped" && d !== "serialised") return problem(400, "errorDetails must be \"piped\" or \"serialised\".");
    if (s !== undefined && !(Array.isArray(s) && s.every((x) => typeof x === "string"))) return problem(400, "directorySynced must be a list of mailbox UPNs.");
    if (f !== undefined) ctx.state.quirks.autoReplyTimeFormat = f;
    if (c !== undefined) ctx.state.quirks.confirmation = c;
    if (r !== undefined) ctx.state.quirks.roleRefusal = r;
    if (d !== undefined) ctx.state.quirks.errorDetails = d;
    if (s !== undefined) ctx.state.quirks.directorySynced = (s as string[]).map((x) => x.toLowerCase());
    return ok(ctx.state.quirks);
  },
  // A mailbox's automatic replies as its owner might set them in Outlook, bypassing the
  // cmdlet's callers (what any HTML Exchange may hold, for tests of how the portal shows it).
  "POST auto-reply": (ctx, body) => {
    const { mailbox, internalMessage, externalMessage, autoReplyState, externalAudience } = body;
    const text = (v: unknown) => v === undefined || typeof v === "string";
    if (typeof mailbox !== "string" || !text(internalMessage) || !text(externalMessage)) {
      return problem(400, "Send { \"mailbox\": \"<upn>\", \"internalMessage\"?: \"<html>\", \"externalMessage\"?: \"<html>\", \"autoReplyState\"?, \"externalAudience\"? }.");
    }
    if (autoReplyState !== undefined && !["Enabled", "Disabled", "Scheduled"].includes(autoReplyState as string)) return problem(400, "autoReplyState must be Enabled, Disabled or Scheduled.");
    if (externalAudience !== undefined && !["None", "Known", "All"].includes(externalAudience as string)) return problem(400, "externalAudience must be None, Known or All.");
    const m = mailboxesByKey(ctx.state.tenant, mailbox.toLowerCase()).find((x) => x.userPrincipalName.toLowerCase() === mailbox.toLowerCase());
    if (!m) return problem(404, `No mailbox has the UPN '${mailbox}'.`);
    m.autoReply = {
      ...m.autoReply,
      ...(internalMessage !== undefined && { internalMessage: toStoredOofMessage(internalMessage as string) }),
      ...(externalMessage !== undefined && { externalMessage: toStoredOofMessage(externalMessage as string) }),
      ...(autoReplyState !== undefined && { autoReplyState: autoReplyState as typeof m.autoReply.autoReplyState }),
      ...(externalAudience !== undefined && { externalAudience: externalAudience as typeof m.autoReply.externalAudience }),
    };
    return ok(m.autoReply);
  },
  "POST seed-delegates": (ctx, body) => {
    const { mailbox, count } = body;
    if (typeof mailbox !== "string" || typeof count !== "number" || !Number.isInteger(count) || count < 1 || count > MAX_SEEDED_DELEGATES) {
      return problem(400, `Send { "mailbox": "<identity>", "count": 1..${MAX_SEEDED_DELEGATES} }.`);
    }
    const matches = matchMailboxes(ctx.state.tenant, mailbox);
    if (matches.length !== 1) return problem(404, `No single mailbox has the identity '${mailbox}'.`);
    return ok(seedDelegates(ctx.state.tenant, matches[0]!, count));
  },
  "POST seed-mailboxes": (ctx, body) => {
    const { count } = body;
    if (typeof count !== "number" || !Number.isInteger(count) || count < 1 || count > MAX_SEEDED_MAILBOXES) {
      return problem(400, `Send { "count": 1..${MAX_SEEDED_MAILBOXES} }.`);
    }
    return ok(seedMailboxes(ctx.state.tenant, count));
  },
  "POST seed-tenant": (ctx, body) => {
    const { mailboxes } = body;
    if (typeof mailboxes !== "number" || !Number.isInteger(mailboxes) || mailboxes < 1 || mailboxes > MAX_TENANT_MAILBOXES) {
      return problem(400, `Send { "mailboxes": 1..${MAX_TENANT_MAILBOXES} }.`);
    }
    return ok(seedOrganisation(ctx.state.tenant, mailboxes));
  },
  "GET ": () =>
    ok({
      endpoints: [
        "POST reset", "GET state", "GET state/mailboxes/{upnOrAlias}", "POST revoke {upn, form?}", "GET|POST optional-claims {idToken}", "POST critical-event {upn}", "POST token-lifetime {seconds}",
        "GET|POST|DELETE faults", "GET|POST|DELETE chaos", "GET|DELETE calls", "POST clock {advanceSeconds}", "POST quirks {autoReplyTimeFormat?, confirmation?, roleRefusal?, errorDetails?, directorySynced?}",
        "POST auto-reply {mailbox, internalMessage?, externalMessage?, autoReplyState?, externalAudience?}", "POST seed-delegates {mailbox, count}", "POST seed-mailboxes {count}", "POST seed-tenant {mailboxes}",
        "GET|POST|DELETE throttling {concurrency, ratePerSecond, burst}",
        "GET|DELETE mail", "POST mail-outage {mode: refuse|421}", "DELETE mail-outage", "POST mail-refuse {address}", "GET|DELETE webhooks", "GET inbox (HTML)",
      ],
    }),
};

export async function handleControl(ctx: EmulatorContext, req: Req, res: Res, path: string[]): Promise<void> {
  if (!isLoopback(req)) return sendJson(res, 403, { error: "The control API answers loopback callers only." });
  const [name = "", ...rest] = path;
  if (req.method === "GET" && name === "inbox") return sendHtml(res, 200, renderInbox(ctx.mail?.messages() ?? [], ctx.webhooks.list()));
  const handler = ROUTES[`${req.method} ${name}`];
  if (!handler) return sendJson(res, 404, { error: `No control endpoint ${req.method} /_emulator/${path.join("/")}.` });
  let body: Record<string, unknown> = {};
  if (req.method === "POST") {
    const raw = (await readBody(req)).toString("utf8").trim();
    if (raw) {
      try {
        const parsed: unknown = JSON.parse(raw);
        if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("not an object");
        body = parsed as Record<string, unknown>;
      } catch {
        return sendJson(res, 400, { error: "The body must be a JSON object." });
      }
    }
  }
  const [status, payload] = await handler(ctx, body, rest);
  sendJson(res, status, payload, { "Cache-Control": "no-store" });
}
