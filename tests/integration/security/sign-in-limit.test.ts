import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { consumeRateLimit, LIMITS } from "@/lib/action/rate-limit";
import { useMigratedEmbeddedDb } from "../support/embedded-db";

// Starting a sign-in is limited per address before next-auth runs: the 101st start within
// five minutes from one address is sent back to the sign-in page with a clear reason.
useMigratedEmbeddedDb();

describe("sign-in rate limit", () => {
  it("answers a start over the limit with the sign-in page and its reason, without reaching next-auth", async () => {
    const address = "203.0.113.9";
    for (let i = 0; i < LIMITS.signInPerIp.limit; i++) await consumeRateLimit(LIMITS.signInPerIp, address);
    const { POST } = await import("@/app/api/auth/[...nextauth]/route");
    const request = new NextRequest("http://localhost:3000/api/auth/signin/entra", { method: "POST", headers: { "x-forwarded-for": `${address}, 10.0.0.1` } });
    const response = await POST(request, { params: Promise.resolve({ nextauth: ["signin", "entra"] }) });
    expect(response.status).toBe(429);
    expect(await response.json()).toEqual({ url: "http://localhost:3000/signin?error=RateLimited" });
  });
});
