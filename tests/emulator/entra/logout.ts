import type { EmulatorContext } from "../context";
import { readCookie, redirect, sendHtml, type Req, type Res } from "../http";
import { matchesTenant } from "../tenant/model";
import { SESSION_COOKIE } from "./authorize";
import { entraErrors, entraDescription } from "./errors";
import { renderErrorPage, renderSignedOutPage } from "./pages";
import { newGuid } from "../ids";

function origin(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

// Ends the browser session. The user is sent back only to an origin of a registered app;
// anything else gets the signed-out page, never an open redirect.
export function handleLogout(ctx: EmulatorContext, req: Req, res: Res, tenantSegment: string, params: Map<string, string>): void {
  if (!matchesTenant(ctx.state.tenant, tenantSegment)) {
    const e = entraErrors.tenantNotFound(tenantSegment);
    sendHtml(res, 400, renderErrorPage("Sorry, but we're having trouble signing you out.", entraDescription(e, ctx.state.clock.now(), newGuid(), newGuid())));
    return;
  }
  ctx.state.grants.endSession(readCookie(req, SESSION_COOKIE));
  const clearCookie = { "Set-Cookie": `${SESSION_COOKIE}=; Path=/; Secure; HttpOnly; SameSite=None; Max-Age=0` };
  const target = params.get("post_logout_redirect_uri");
  const allowed = new Set(ctx.apps.flatMap((a) => a.redirectUris.map(origin)).filter((o): o is string => !!o));
  const targetOrigin = target ? origin(target) : undefined;
  if (target && targetOrigin && allowed.has(targetOrigin)) {
    const url = new URL(target);
    const state = params.get("state");
    if (state !== undefined) url.searchParams.set("state", state);
    redirect(res, url.toString(), clearCookie);
    return;
  }
  sendHtml(res, 200, renderSignedOutPage(), clearCookie);
}
