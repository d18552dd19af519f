import { describe, expect, it } from "vitest";
import { runTsx } from "../tests/integration/db/helpers";

// `npm start` checks every setting before it listens: a bad value ends the process with the
// variable's name and what it accepts, and nothing is served.
const GOOD = {
  DATABASE_URL: "postgres://localhost:1/never-opened",
  NEXTAUTH_URL: "http://localhost:3000", NEXTAUTH_SECRET: "s".repeat(32), ENTRA_TENANT_ID: "tid", ENTRA_CLIENT_ID: "cid",
  ENTRA_CLIENT_SECRET: "client-secret-value", TOKEN_CACHE_KEY: Buffer.alloc(32, 7).toString("base64"),
};

describe("npm start with a bad setting", () => {
  it.each([
    ["EXODESK_BULK_CONCURRENCY", "abc", "EXODESK_BULK_CONCURRENCY: expected a whole number from 1 to 64 (default 4)"],
    ["LOG_LEVEL", "loud", "LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent"],
  ])("%s=%s stops before listening, naming the variable and what it accepts", async (name, value, problem) => {
    const { code, stdout, stderr } = await runTsx("scripts/serve.ts", ["--port", "1"], { env: { ...GOOD, [name]: value } });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(`ExoDesk is not configured: ${problem}. See README, "Configuration".`);
    expect(stdout).not.toContain("listening");
  });
});

describe("npm start with half a notification setup", () => {
  it.each([
    [{ EXODESK_SMTP_HOST: "smtp.contoso.com" }, "EXODESK_MAIL_FROM: required when EXODESK_SMTP_HOST is set"],
    [{ EXODESK_WEBHOOK_URLS: "https://hooks.contoso.com/exodesk" }, "EXODESK_WEBHOOK_SECRET: required when EXODESK_WEBHOOK_URLS is set"],
  ])("%o stops before listening, saying what is missing", async (settings, problem) => {
    const { code, stdout, stderr } = await runTsx("scripts/serve.ts", ["--port", "1"], { env: { ...GOOD, ...settings } });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(`ExoDesk is not configured: ${problem}. See README, "Notifications".`);
    expect(stdout).not.toContain("listening");
  });
});
