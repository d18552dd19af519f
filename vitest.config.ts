import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      "@/": root,
      // Next.js resolves server-only to an empty module on the server; so does this.
      "server-only": fileURLToPath(new URL("./tests/support/server-only.ts", import.meta.url)),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "tests/emulator/**/*.test.ts", "tests/integration/**/*.test.ts", "scripts/**/*.test.ts"],
    exclude: ["node_modules/**", "tests/e2e/**"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
    globalSetup: ["tests/support/vitest-global-setup.ts"],
  },
});
