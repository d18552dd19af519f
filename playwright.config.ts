import { defineConfig } from "@playwright/test";
import { PORTAL_URL } from "./tests/e2e/support/worker-stack";

// Two workers, each with a stack of its own started by global-setup (tests/e2e/support/worker-stack.ts);
// E2E_WORKERS=1 runs everything on one.
const workers = Number(process.env.E2E_WORKERS ?? 2);
if (!Number.isInteger(workers) || workers < 1) throw new Error(`E2E_WORKERS must be a whole number of at least 1, not "${process.env.E2E_WORKERS}"`);

export default defineConfig({
  testDir: "tests/e2e",
  globalSetup: "./tests/e2e/global-setup.ts",
  fullyParallel: false,
  workers,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  // `npm run test:long` (EXODESK_TEST_TIER=long) runs only the long tier: *.long.spec.ts, and the
  // crash and two-instance journeys three times over, two at a time, each loading the other.
  projects:
    process.env.EXODESK_TEST_TIER === "long"
      ? [
          { name: "long", testMatch: /\.long\.spec\.ts$/ },
          { name: "repeated under load", testMatch: /(crash|multi-instance)\.spec\.ts$/, repeatEach: 3 },
        ]
      : [
          { name: "journeys", testIgnore: [/tokens-at-rest\.spec\.ts/, /\.long\.spec\.ts$/] },
          // Scans logs and the database for tokens once every other journey has run.
          { name: "tokens-at-rest", testMatch: /tokens-at-rest\.spec\.ts/, dependencies: ["journeys"] },
        ],
  use: {
    // Evaluated again in each worker, where TEST_PARALLEL_INDEX names the worker's stack.
    baseURL: PORTAL_URL,
    ignoreHTTPSErrors: true,
    // A trace records every action's snapshots and a screencast of each journey, whether it fails
    // or not (accessibility.spec.ts alone: 2.5 minutes with, 2.2 without). CI keeps no files of a
    // run, so it records none; elsewhere a failing journey keeps its trace (test-results/).
    trace: process.env.CI ? "off" : "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
});
