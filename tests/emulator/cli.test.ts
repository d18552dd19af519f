import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { DEMO_TENANT_ID } from "./index";
import { httpsRequest } from "./test-support/https-client";
import { collect, spawnTs } from "./test-support/spawn";

const stateDir = mkdtempSync(join(tmpdir(), "exodesk-emulator-cli-"));
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

const ARGS = ["--port", "0", "--state-dir", stateDir, "--client-id", "cli-app", "--redirect-uri", "https://localhost:3000/api/auth/callback/entra"];

test("main.ts prints one ready line, serves, and exits cleanly on SIGTERM", async () => {
  const child = spawnTs("main.ts", ARGS, { EMULATOR_CLIENT_SECRET: "cli-secret" });
  const done = collect(child);
  const line = await new Promise<string>((resolve, reject) => {
    let buffered = "";
    child.stdout!.on("data", (d: Buffer) => {
      buffered += d.toString();
      if (buffered.includes("\n")) resolve(buffered.split("\n")[0]!);
    });
    child.on("close", () => reject(new Error("the emulator exited before it was ready")));
  });
  const m = line.match(/^emulator ready (https:\/\/localhost:(\d+)) ca=(.+)$/);
  expect(m, line).not.toBeNull();
  const [, url, , caPath] = m!;
  expect(caPath).toBe(join(stateDir, "ca.pem"));
  const discovery = await httpsRequest(caPath!, `${url}/${DEMO_TENANT_ID}/v2.0/.well-known/openid-configuration`);
  expect(discovery.status).toBe(200);
  child.kill("SIGTERM");
  const { code, stdout } = await done;
  expect(code).toBe(0);
  expect(stdout.trim().split("\n")).toHaveLength(1);
});

test("main.ts refuses to start without EMULATOR_CLIENT_SECRET", async () => {
  const { code, stderr } = await collect(spawnTs("main.ts", ARGS, { EMULATOR_CLIENT_SECRET: "" }));
  expect(code).toBe(2);
  expect(stderr).toContain("EMULATOR_CLIENT_SECRET");
});
