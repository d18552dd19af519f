import type { ChildProcess } from "node:child_process";
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

function readyLine(child: ChildProcess): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let buffered = "";
    child.stdout!.on("data", (d: Buffer) => {
      buffered += d.toString();
      if (buffered.includes("\n")) resolve(buffered.split("\n")[0]!);
    });
    child.on("close", () => reject(new Error("the emulator exited before it was ready")));
  });
}

test("main.ts prints one ready line, serves, and exits cleanly on SIGTERM", async () => {
  const child = spawnTs("main.ts", ARGS, { EMULATOR_CLIENT_SECRET: "cli-secret" });
  const done = collect(child);
  const line = await readyLine(child);
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

test("main.ts --mailboxes seeds a large tenant and --throttling switches the per-user model on", async () => {
  const child = spawnTs("main.ts", [...ARGS, "--mailboxes", "600", "--throttling", "concurrency=2,ratePerSecond=5,burst=3"], { EMULATOR_CLIENT_SECRET: "cli-secret" });
  const done = collect(child);
  const [, url, caPath] = /^emulator ready (\S+) ca=(.+)$/.exec(await readyLine(child))!;
  const state = (await httpsRequest(caPath!, `${url}/_emulator/state`)).json<{ mailboxes: unknown[] }>();
  expect(state.mailboxes.length).toBeGreaterThan(600);
  const throttling = (await httpsRequest(caPath!, `${url}/_emulator/throttling`)).json();
  expect(throttling).toMatchObject({ enabled: true, config: { concurrency: 2, ratePerSecond: 5, burst: 3 } });
  child.kill("SIGTERM");
  expect((await done).code).toBe(0);
});

test("main.ts refuses a bad --mailboxes or --throttling", async () => {
  for (const extra of [["--mailboxes", "lots"], ["--throttling", "concurrency=2"], ["--throttling", "concurrency=2,ratePerSecond=0,burst=1"]]) {
    const { code, stderr } = await collect(spawnTs("main.ts", [...ARGS, ...extra], { EMULATOR_CLIENT_SECRET: "cli-secret" }));
    expect(code, extra.join(" ")).toBe(2);
    expect(stderr).toContain(extra[0]);
  }
});

test("main.ts --id-token-claim upn configures the optional claim; an unknown claim is refused", async () => {
  const child = spawnTs("main.ts", [...ARGS, "--id-token-claim", "upn"], { EMULATOR_CLIENT_SECRET: "cli-secret" });
  const done = collect(child);
  const [, url, caPath] = /^emulator ready (\S+) ca=(.+)$/.exec(await readyLine(child))!;
  expect((await httpsRequest(caPath!, `${url}/_emulator/optional-claims`)).json()).toEqual({ idToken: ["upn"] });
  child.kill("SIGTERM");
  expect((await done).code).toBe(0);
  const bad = await collect(spawnTs("main.ts", [...ARGS, "--id-token-claim", "groups"], { EMULATOR_CLIENT_SECRET: "cli-secret" }));
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain("--id-token-claim");
});
