import { expect, test } from "@playwright/test";

test("the health endpoint reports the database, Exchange and Entra ID reachable, without a session", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { status: string; checks: Record<string, { ok: boolean; ms: number }> };
  expect(body.status).toBe("ok");
  for (const name of ["database", "exchange", "entra"]) expect(body.checks[name]?.ok, name).toBe(true);
  expect(JSON.stringify(body)).not.toMatch(/secret|token|postgres:\/\//i);
});
