import type { Logger } from "pino";
import { authorisedRoute, jsonError } from "@/lib/action/authorised";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env/settings";
import { METRICS_CONTENT_TYPE } from "@/lib/metrics/registry";
import { isMetricsToken, readBearerToken } from "@/lib/metrics/metrics-access";
import { renderMetrics } from "@/lib/requests/render-metrics";
import { httpRequestLog } from "@/lib/log/http-log";

// Prometheus metrics for operators: request counts and Exchange latency, errors, retries and
// throttling reveal how the service is used, so they need a credential. A scraper sends
// `Authorization: Bearer <EXODESK_METRICS_TOKEN>`; a person needs the Admin app role (the
// Admin's permission is policy.edit; refusals are audited like any other). With an
// Authorization header the token alone decides: a wrong or missing token is a 401, never a
// fall-back to the session.

const scrapeAsAdmin = authorisedRoute("policy.edit", { rateLimit: "none" }, async (ctx) => await scrape(ctx.log, "session"));

export async function GET(request: Request): Promise<Response> {
  const token = readBearerToken(request.headers.get("authorization"));
  if (token === undefined) return await scrapeAsAdmin(request, undefined);

  const logger = await httpRequestLog();
  if (!isMetricsToken(token, getEnv().EXODESK_METRICS_TOKEN)) {
    logger.info({ via: "token", outcome: "refused" }, "metrics scrape");
    return jsonError(401, "This metrics token is not valid, or no metrics token is configured (EXODESK_METRICS_TOKEN).");
  }
  try {
    return await scrape(logger, "token");
  } catch (e) {
    logger.error({ err: e instanceof Error ? e : { message: "non-error thrown" } }, "route handler failed");
    return jsonError(500, "Something went wrong in ExoDesk. Try again, and tell an admin if it keeps happening.");
  }
}

async function scrape(logger: Logger, via: "session" | "token"): Promise<Response> {
  const started = performance.now();
  const body = await renderMetrics(getDb());
  logger.info({ via, outcome: "ok", ms: Math.round(performance.now() - started) }, "metrics scrape");
  return new Response(body, { headers: { "content-type": METRICS_CONTENT_TYPE, "cache-control": "no-store" } });
}
