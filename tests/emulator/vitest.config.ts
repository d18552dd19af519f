import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Runs the emulator's own tests: npx vitest run --config tests/emulator/vitest.config.ts
export default defineConfig({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  test: {
    include: ["tests/emulator/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
