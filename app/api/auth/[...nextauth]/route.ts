import NextAuth from "next-auth";
import { NextResponse, type NextRequest } from "next/server";
import { clientIp } from "@/lib/auth/actor";
import { getAuthOptions } from "@/lib/auth/options";
import { AppError } from "@/lib/errors";
import { consumeRateLimit, LIMITS } from "@/lib/rate-limit";

// Options are built per request so that `next build` needs no configuration. Starting a
// sign-in is rate-limited per address before next-auth sees it.
async function handler(req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }) {
  const { nextauth } = await ctx.params;
  if (req.method === "POST" && nextauth[0] === "signin") {
    try {
      await consumeRateLimit(LIMITS.signInPerIp, clientIp(req.headers) ?? "unknown");
    } catch (e) {
      if (e instanceof AppError && e.code === "RATE_LIMITED") return NextResponse.json({ url: new URL("/signin?error=RateLimited", req.url).toString() }, { status: 429 });
      throw e;
    }
  }
  return NextAuth(req, ctx, getAuthOptions());
}

export { handler as GET, handler as POST };
