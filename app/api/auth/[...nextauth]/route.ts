import NextAuth from "next-auth";
import { NextResponse, type NextRequest } from "next/server";
import { clientIp } from "@/lib/auth/actor";
import { endSessionOfCookie, getAuthOptions, getSessionCookieName } from "@/lib/auth/options";
import { AppError } from "@/lib/errors/app-error";
import { log } from "@/lib/log/logger";
import { consumeRateLimit, rateLimits } from "@/lib/action/rate-limit";

// Options are built per request so that `next build` needs no configuration. Starting a
// sign-in is rate-limited per address before next-auth sees it; signing out ends the
// server-side session first, and keeps the cookie if that fails (next-auth would not).
async function handler(req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }) {
  const { nextauth } = await ctx.params;
  if (req.method === "POST" && nextauth[0] === "signin") {
    try {
      await consumeRateLimit(rateLimits().signInPerIp, clientIp(req.headers) ?? "unknown");
    } catch (e) {
      if (e instanceof AppError && e.code === "RATE_LIMITED") return NextResponse.json({ url: new URL("/signin?error=RateLimited", req.url).toString() }, { status: 429 });
      throw e;
    }
  }
  if (req.method === "POST" && nextauth[0] === "signout") {
    try {
      await endSessionOfCookie(req.cookies.get(getSessionCookieName())?.value);
    } catch (e) {
      log.error({ err: e instanceof Error ? e : { message: String(e) } }, "sign-out could not end the session");
      return NextResponse.json({ error: "ExoDesk could not end your session just now, so you are still signed in. Try again in a moment." }, { status: 503 });
    }
  }
  return NextAuth(req, ctx, getAuthOptions());
}

export { handler as GET, handler as POST };
