// The embedded PostgreSQL as the demo uses it: tools run beside it, it ends with its process
// however that process ends, and a server a crash left behind is found and stopped.
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { EmbeddedPostgresInUseError, removeAbandonedServers, startEmbeddedPostgres } from "../../../scripts/db/embedded-postgres";
import { repoRoot, runTsx } from "./helpers";

const fixture = fileURLToPath(new URL("./fixtures/serve-embedded.ts", import.meta.url));
const roots: string[] = [];
const children: ChildProcess[] = [];

function newRoot(): string {
  const root = mkdtempSync(path.join(tmpdir(), "exodesk-embedded-test-"));
  chmodSync(root, 0o755); // as root, the server runs as the postgres user, who must reach it
  roots.push(root);
  return root;
}

/** A process of its own serving `dir` (node with tsx as its loader: one process, as the demo's). */
function serve(dir: string): Promise<{ child: ChildProcess; port: number; postmaster: number }> {
  const child = spawn(process.execPath, ["--import", "tsx", fixture, dir], { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /READY (\d+) (\d+)/.exec(output);
      if (ready) resolve({ child, port: Number(ready[1]), postmaster: Number(ready[2]) });
    });
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`the serving process exited (${code}) before it was ready:\n${output}`)));
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** SIGKILL, as a crash, and wait until the process is gone (reaped, not a zombie). */
async function crash(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}

/** Resolves once `pid` has ended (PostgreSQL's fast shutdown takes a moment). */
async function ended(pid: number): Promise<void> {
  await expect.poll(() => alive(pid), { timeout: 15_000, interval: 50 }).toBe(false);
}

async function accepts(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});
afterAll(async () => {
  await removeAbandonedServers(tmpdir(), "exodesk-embedded-test-");
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

describe("the embedded PostgreSQL", { timeout: 60_000 }, () => {
  it("npm run audit:verify and db:migrate work beside a running demo, which keeps running", async () => {
    const dataDir = newRoot();
    const demo = await serve(path.join(dataDir, "postgres"));
    const env = { EXODESK_DATA_DIR: dataDir };
    const migrate = await runTsx(path.join(repoRoot, "scripts", "db.ts"), ["migrate"], { env });
    expect(migrate.stderr).toBe("");
    expect(migrate.stdout).toContain(`Migrating PostgreSQL database "exodesk" on 127.0.0.1:${demo.port}…`);
    expect(migrate.stdout).toMatch(/Applied \d+ migration\(s\)/);
    const verify = await runTsx(path.join(repoRoot, "scripts", "audit-verify.ts"), [], { env });
    expect(verify.stderr).toBe("");
    expect(verify.stdout).toMatch(new RegExp(`^Audit chain intact: 0 events in PostgreSQL database "exodesk" on 127\\.0\\.0\\.1:${demo.port}`));
    expect(verify.code).toBe(0);
    expect(alive(demo.postmaster)).toBe(true); // the tools used the demo's server and left it running
  });

  it("a tool run without the demo starts the server for its run and stops it after", async () => {
    const dataDir = newRoot();
    const verify = await runTsx(path.join(repoRoot, "scripts", "db.ts"), ["status"], { env: { EXODESK_DATA_DIR: dataDir } });
    expect(verify.stdout).toContain("The database has no _prisma_migrations table yet.");
    expect(existsSync(path.join(dataDir, "postgres", "data", "postmaster.pid"))).toBe(false); // stopped, cleanly
  });

  it("stops with its process on SIGTERM and on SIGINT", async () => {
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      const demo = await serve(path.join(newRoot(), "postgres"));
      demo.child.kill(signal);
      await ended(demo.postmaster);
    }
  });

  it("after a crash (SIGKILL) the next start stops the server left behind and serves again", async () => {
    const dir = path.join(newRoot(), "postgres");
    const crashed = await serve(dir);
    await crash(crashed.child);
    expect(alive(crashed.postmaster)).toBe(true); // orphaned: nobody stopped it
    const server = await startEmbeddedPostgres(dir);
    try {
      await ended(crashed.postmaster);
      expect(await accepts(server.url())).toBe(true);
    } finally {
      await server.stop();
    }
  });

  it("refuses a directory another live process serves, naming it", async () => {
    const dir = path.join(newRoot(), "postgres");
    const demo = await serve(dir);
    await expect(startEmbeddedPostgres(dir)).rejects.toThrow(EmbeddedPostgresInUseError);
    await expect(startEmbeddedPostgres(dir)).rejects.toThrow(`already served for process ${demo.child.pid}`);
  });

  it("removes temporary servers whose test run was killed", async () => {
    const parent = newRoot();
    const killed = await serve(path.join(parent, "exodesk-pg-abc"));
    await crash(killed.child);
    await removeAbandonedServers(parent, "exodesk-pg-");
    await ended(killed.postmaster);
    expect(existsSync(path.join(parent, "exodesk-pg-abc"))).toBe(false);
  });
});
