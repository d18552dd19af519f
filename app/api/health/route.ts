import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env/settings";

// For load balancers and operators: can this instance reach its database, Exchange and Entra
// ID? No session needed, and nothing in the answer is secret. 503 only when the database is
// unreachable (this instance cannot serve); Exchange or Entra down is "degraded", since
// every instance shares that.
type TCheck = { ok: boolean; ms: number; error?: string };

async function timed(run: () => Promise<unknown>): Promise<TCheck> {
  const started = performance.now();
  try {
    await run();
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (e) {
    return { ok: false, ms: Math.round(performance.now() - started), error: e instanceof Error ? e.name : "error" };
  }
}

// Any HTTP answer means the service is reachable; only a network failure or timeout is not.
async function reach(url: string): Promise<void> {
  await fetch(url, { method: "GET", redirect: "manual", signal: AbortSignal.timeout(3000), cache: "no-store" });
}

export async function GET(): Promise<Response> {
  const env = getEnv();
  const [database, exchange, entra] = await Promise.all([
    timed(() => getDb().$queryRaw`SELECT 1`),
    timed(() => reach(`${env.EXCHANGE_BASE_URL.replace(/\/$/, "")}/adminapi/beta/${env.ENTRA_TENANT_ID}/InvokeCommand`)),
    timed(() => reach(`${env.ENTRA_AUTHORITY_HOST.replace(/\/$/, "")}/${env.ENTRA_TENANT_ID}/v2.0/.well-known/openid-configuration`)),
  ]);
  const status = !database.ok ? "down" : exchange.ok && entra.ok ? "ok" : "degraded";
  return Response.json({ status, checks: { database, exchange, entra } }, { status: database.ok ? 200 : 503, headers: { "cache-control": "no-store" } });
}
