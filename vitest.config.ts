import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

// `npm test` runs every *.test.ts but the long tier; `npm run test:long` (EXODESK_TEST_TIER=long)
// runs only the long tier: *.long.test.ts, tests about real timing and scale that need proving
// once per release (README, "Testing").
const long = process.env.EXODESK_TEST_TIER === "long";
const everyTest = ["lib/**/*.test.ts", "tests/emulator/**/*.test.ts", "tests/integration/**/*.test.ts", "tests/lint/**/*.test.ts", "scripts/**/*.test.ts"];

export default defineConfig({
  resolve: {
    alias: {
      "@/": root,
      // Next.js resolves server-only to an empty module on the server; so does this.
      "server-only": fileURLToPath(new URL("./tests/support/server-only.ts", import.meta.url)),
    },
  },
  test: {
    include: long ? everyTest.map((glob) => glob.replace(/\.test\.ts$/, ".long.test.ts")) : everyTest,
    exclude: ["node_modules/**", "tests/e2e/**", ...(long ? [] : ["**/*.long.test.ts"])],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Vitest's default is one worker fewer than the cores: one on this 2-core machine. Most files
    // wait on PostgreSQL, the emulator or a timer, so two keep both cores busy (a fresh clone,
    // slow machine: 410 s on one, 293 s on two, 285 s on three). The long tier's two files (real
    // timing, the 5,000-mailbox report) keep one at a time, each with the machine to itself.
    maxWorkers: long ? 1 : 2,
    globalSetup: ["tests/support/vitest-global-setup.ts"],
    passWithNoTests: long,
  },
});
