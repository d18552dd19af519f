import { findApp, type EmulatorContext } from "../context";
import { newGuid } from "../ids";
import { readCookie, redirect, sendHtml, type Req, type Res } from "../http";
import { findUserByUpn, matchesTenant, type DirectoryUser } from "../tenant/model";
import { DEMO_USERS } from "../tenant/seed";
import { entraDescription, entraErrors, type EntraError } from "./errors";
import type { ResponseMode } from "./grants";
import { renderErrorPage, renderFormPost, renderSignInPage } from "./pages";
import { parseScopes } from "./scopes";

export const SESSION_COOKIE = "ESTSAUTH";

type ReplyTarget = { redirectUri: string; responseMode: ResponseMode; state: string | undefined };

function showError(res: Res, ctx: EmulatorContext, e: EntraError): void {
  const description = entraDescription(e, ctx.state.clock.now(), newGuid(), newGuid());
  sendHtml(res, 400, renderErrorPage("Sorry, but we're having trouble signing you in.", description));
}

// Sends the authorization response (or an error) to the app's redirect URI.
function reply(res: Res, target: ReplyTarget, fields: Record<string, string>, headers: Record<string, string> = {}): void {
  const all = { ...fields, ...(target.state !== undefined ? { state: target.state } : {}) };
  if (target.responseMode === "form_post") {
    sendHtml(res, 200, renderFormPost(target.redirectUri, all), headers);
    return;
  }
  const url = new URL(target.redirectUri);
  const params = new URLSearchParams(all);
  if (target.responseMode === "fragment") url.hash = params.toString();
  else for (const [k, v] of params) url.searchParams.append(k, v);
  redirect(res, url.toString(), headers);
}

function replyError(res: Res, ctx: EmulatorContext, target: ReplyTarget, e: EntraError): void {
  const description = entraDescription(e, ctx.state.clock.now(), newGuid(), newGuid());
  reply(res, target, { error: e.error, error_description: description });
}

function invalidRequest(code: number, text: string, error = "invalid_request"): EntraError {
  return { status: 400, error, code, text };
}

export function handleAuthorize(ctx: EmulatorContext, req: Req, res: Res, tenantSegment: string, params: Map<string, string>): void {
  const tenant = ctx.state.tenant;
  if (!matchesTenant(tenant, tenantSegment)) return showError(res, ctx, entraErrors.tenantNotFound(tenantSegment));
  const clientId = params.get("client_id");
  if (!clientId) return showError(res, ctx, entraErrors.missingParameter("client_id"));
  const app = findApp(ctx, clientId);
  if (!app) return showError(res, ctx, entraErrors.unknownClient(clientId, tenant.displayName));
  const redirectUri = params.get("redirect_uri");
  if (!redirectUri) return showError(res, ctx, entraErrors.missingParameter("redirect_uri"));
  if (!app.redirectUris.includes(redirectUri)) {
    return showError(
      res,
      ctx,
      invalidRequest(
        50011,
        `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${app.clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.`,
      ),
    );
  }
  // From here on, errors go back to the (registered) redirect URI.
  const rawMode = params.get("response_mode") ?? "query";
  const responseMode: ResponseMode = rawMode === "fragment" || rawMode === "form_post" ? rawMode : "query";
  const target: ReplyTarget = { redirectUri, responseMode, state: params.get("state") };
  if (!["query", "fragment", "form_post"].includes(rawMode)) {
    return replyError(res, ctx, target, invalidRequest(900144, `The provided value for the input parameter 'response_mode' is not valid: '${rawMode}'.`));
  }
  const responseType = params.get("response_type");
  if (!responseType) return replyError(res, ctx, target, entraErrors.missingParameter("response_type"));
  if (responseType !== "code") {
    return replyError(res, ctx, target, invalidRequest(700054, `response_type '${responseType}' is not enabled for the application.`, "unsupported_response_type"));
  }
  const scope = params.get("scope");
  if (!scope) return replyError(res, ctx, target, entraErrors.missingParameter("scope"));
  const scopes = parseScopes(scope, app.clientId, tenant.displayName);
  if (!scopes.ok) return replyError(res, ctx, target, { ...scopes.error, error: scopes.error.suberror ?? scopes.error.error });
  const codeChallenge = params.get("code_challenge");
  const method = params.get("code_challenge_method");
  if (!codeChallenge || method !== "S256") {
    return replyError(
      res,
      ctx,
      target,
      invalidRequest(9002325, "Proof Key for Code Exchange is required for this application: send code_challenge with code_challenge_method=S256."),
    );
  }
  if (!/^[A-Za-z0-9_-]{43}$/.test(codeChallenge)) {
    return replyError(res, ctx, target, invalidRequest(501491, "Invalid size of Code_Challenge parameter."));
  }
  const loginHint = params.get("login_hint");
  const prompt = params.get("prompt");
  if (prompt === "none") {
    const session = ctx.state.grants.findSession(readCookie(req, SESSION_COOKIE));
    const user = session && tenant.users.find((u) => u.oid === session.oid);
    if (!session || !user || (loginHint && loginHint.toLowerCase() !== user.userPrincipalName.toLowerCase())) {
      return replyError(
        res,
        ctx,
        target,
        invalidRequest(50058, "A silent sign-in request was sent but no user is signed in.", "login_required"),
      );
    }
    const code = issueCode(ctx, { clientId: app.clientId, redirectUri, scope, nonce: params.get("nonce"), codeChallenge }, user, session.id);
    return reply(res, target, { code, session_state: session.id });
  }
  const pending = ctx.state.grants.addPending({
    tenantSegment,
    clientId: app.clientId,
    redirectUri,
    responseMode,
    state: target.state,
    nonce: params.get("nonce"),
    scope,
    codeChallenge,
    loginHint,
    createdAt: ctx.state.clock.now(),
  });
  const demoUpns: string[] = Object.values(DEMO_USERS);
  const demoUsers = demoUpns.map((upn) => findUserByUpn(tenant, upn)).filter((u): u is DirectoryUser => !!u);
  const otherUsers = tenant.users.filter((u) => !demoUpns.includes(u.userPrincipalName));
  sendHtml(
    res,
    200,
    renderSignInPage({
      action: `/${tenantSegment}/login`,
      requestId: pending.id,
      tenantName: tenant.displayName,
      demoUsers,
      otherUsers,
      loginHint,
    }),
  );
}

function issueCode(
  ctx: EmulatorContext,
  p: { clientId: string; redirectUri: string; scope: string; nonce: string | undefined; codeChallenge: string },
  user: DirectoryUser,
  sessionId: string,
): string {
  return ctx.state.grants.issueCode({ ...p, oid: user.oid, sessionId, issuedAt: ctx.state.clock.now() });
}

// The account picker's form: the chosen user signs in and the app gets its code.
export function handleLogin(ctx: EmulatorContext, res: Res, tenantSegment: string, form: Map<string, string>): void {
  const tenant = ctx.state.tenant;
  if (!matchesTenant(tenant, tenantSegment)) return showError(res, ctx, entraErrors.tenantNotFound(tenantSegment));
  const now = ctx.state.clock.now();
  const pending = ctx.state.grants.takePending(form.get("ctx") ?? "", now);
  if (!pending) {
    return showError(res, ctx, invalidRequest(50196, "This sign-in request has expired or was already used. Go back to the application and sign in again."));
  }
  const user = findUserByUpn(tenant, form.get("login") ?? "");
  if (!user) return showError(res, ctx, invalidRequest(50034, `The user account ${form.get("login") ?? ""} does not exist in the ${tenant.displayName} directory.`));
  const session = ctx.state.grants.createSession(user.oid, now);
  const code = issueCode(ctx, pending, user, session.id);
  reply(
    res,
    { redirectUri: pending.redirectUri, responseMode: pending.responseMode, state: pending.state },
    { code, session_state: session.id },
    { "Set-Cookie": `${SESSION_COOKIE}=${session.id}; Path=/; Secure; HttpOnly; SameSite=None` },
  );
}
