import { afterEach, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { consumeRateLimit, rateLimits } from "@/lib/action/rate-limit";
import { useMigratedEmbeddedDb } from "../support/embedded-db";

// Starting a sign-in is limited per address before next-auth runs: the 101st start within
// five minutes from one address (by default) is sent back to the sign-in page with a clear reason.
useMigratedEmbeddedDb();
afterEach(() => vi.unstubAllEnvs());

async function startSignIn(address: string) {
  const { POST } = await import("@/app/api/auth/[...nextauth]/route");
  const request = new NextRequest("http://localhost:3000/api/auth/signin/entra", { method: "POST", headers: { "x-forwarded-for": `${address}, 10.0.0.1` } });
  return await POST(request, { params: Promise.resolve({ nextauth: ["signin", "entra"] }) });
}

describe("sign-in rate limit", () => {
  it("answers a start over the limit with the sign-in page and its reason, without reaching next-auth", async () => {
    const address = "203.0.113.9";
    expect(rateLimits().signInPerIp.limit).toBe(100);
    for (let i = 0; i < 100; i++) await consumeRateLimit(rateLimits().signInPerIp, address);
    const response = await startSignIn(address);
    expect(response.status).toBe(429);
    expect(await response.json()).toEqual({ url: "http://localhost:3000/signin?error=RateLimited" });
  });

  it("takes its limit from EXODESK_SIGNIN_LIMIT_PER_IP, for offices where many people share one address", async () => {
    vi.stubEnv("EXODESK_SIGNIN_LIMIT_PER_IP", "3");
    const address = "203.0.113.10";
    for (let i = 0; i < 3; i++) await expect(consumeRateLimit(rateLimits().signInPerIp, address)).resolves.toBeUndefined();
    expect((await startSignIn(address)).status).toBe(429);
  });
});
