import { defineConfig } from "@playwright/test";

// The portal and the emulator are started once by global-setup on these ports.
const portalPort = Number(process.env.E2E_PORTAL_PORT ?? 3210);

export default defineConfig({
  testDir: "tests/e2e",
  globalSetup: "./tests/e2e/global-setup.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  // `npm run test:long` (EXODESK_TEST_TIER=long) runs only the long tier, *.long.spec.ts.
  projects:
    process.env.EXODESK_TEST_TIER === "long"
      ? [{ name: "long", testMatch: /\.long\.spec\.ts$/ }]
      : [
          { name: "journeys", testIgnore: [/tokens-at-rest\.spec\.ts/, /\.long\.spec\.ts$/] },
          // Scans logs and the database for tokens once every other journey has run.
          { name: "tokens-at-rest", testMatch: /tokens-at-rest\.spec\.ts/, dependencies: ["journeys"] },
        ],
  use: {
    baseURL: `http://localhost:${portalPort}`,
    ignoreHTTPSErrors: true,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
});
