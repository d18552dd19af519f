// One process per embedded database: a second process is refused with a clear
// message, a lock left by a dead process is taken over, and exit releases it.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acquireDataDirLock, DatabaseInUseError } from "../../../lib/db-lock";
import { closeDb, getAdapterFactory, getDb } from "../../../lib/db";
import { applyMigrations } from "../../../scripts/db/migrations";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const lockHolder = fileURLToPath(new URL("./fixtures/lock-holder.ts", import.meta.url));
const dbScript = path.join(repoRoot, "scripts", "db.ts");

type Run = { code: number | null; stdout: string; stderr: string };

function runTsx(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts lock-holder.ts holding `dir`'s lock; resolves once it holds it. */
function holdLock(dir: string) {
  const child = spawn(process.execPath, ["--import", "tsx", lockHolder, dir, "hold"], {
    cwd: repoRoot,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const locked = new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (c: Buffer) => c.toString().includes("locked") && resolve());
    child.once("exit", (code) => reject(new Error(`lock holder exited with ${code}`)));
  });
  return { child, locked, exited };
}

function inUseMessage(dir: string, pid: number): string {
  return (
    `The embedded database at ${dir} is already in use by process ${pid}. ` +
    "Stop that process or set EXODESK_DATA_DIR to another directory."
  );
}

describe("embedded database lock", { timeout: 60_000 }, () => {
  const tmp = mkdtempSync(path.join(tmpdir(), "exodesk-lock-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  describe("while this process has the database open through getDb()", () => {
    const dataDir = path.join(tmp, "nested", "pglite"); // parents do not exist yet
    beforeAll(async () => {
      process.env.EXODESK_DATA_DIR = dataDir;
      delete process.env.DATABASE_URL;
      // As the demo does at start-up: migrate, then serve, through one PGlite instance.
      const result = await applyMigrations(getAdapterFactory());
      expect(result.applied.length).toBeGreaterThan(0);
      expect(await getDb().auditEvent.count()).toBe(0);
    }, 60_000);
    afterAll(async () => {
      await closeDb();
      delete process.env.EXODESK_DATA_DIR;
    });

    it("refuses a second process with a clear message and no stack trace", async () => {
      const run = await runTsx([dbScript, "migrate"], { EXODESK_DATA_DIR: dataDir });
      expect(run.code).toBe(1);
      expect(run.stderr.trim()).toBe(`Error: ${inUseMessage(dataDir, process.pid)}`);
    });

    it("releases the lock on closeDb(), after which another process can open it", async () => {
      await closeDb();
      expect(existsSync(path.join(dataDir, "exodesk.lock"))).toBe(false);
      const run = await runTsx([dbScript, "migrate"], { EXODESK_DATA_DIR: dataDir });
      expect(run.stderr).toBe("");
      expect(run.stdout).toContain("No pending migrations: the database is up to date.");
      expect(run.code).toBe(0);
      expect(existsSync(path.join(dataDir, "exodesk.lock"))).toBe(false);
    });
  });

  it("names the holding process, takes over its lock once it has died, and refuses others meanwhile", async () => {
    const dir = path.join(tmp, "stale");
    const holder = holdLock(dir);
    await holder.locked;
    const pid = holder.child.pid!;
    expect(() => acquireDataDirLock(dir)).toThrow(new DatabaseInUseError(dir, pid));
    expect(() => acquireDataDirLock(dir)).toThrow(inUseMessage(dir, pid));

    holder.child.kill("SIGKILL"); // no chance to release: the lock file stays
    await holder.exited;
    expect(JSON.parse(readFileSync(path.join(dir, "exodesk.lock"), "utf8")).pid).toBe(pid);

    const lock = acquireDataDirLock(dir);
    try {
      expect(JSON.parse(readFileSync(lock.file, "utf8")).pid).toBe(process.pid);
      const other = await runTsx([lockHolder, dir, "hold"]);
      expect(other.code).toBe(3);
      expect(other.stderr.trim()).toBe(inUseMessage(dir, process.pid));
    } finally {
      lock.release();
    }
    expect(existsSync(lock.file)).toBe(false);
  });

  it("releases the lock when the holding process exits", async () => {
    const dir = path.join(tmp, "exit");
    const run = await runTsx([lockHolder, dir, "exit"]);
    expect(run.code).toBe(0);
    expect(existsSync(path.join(dir, "exodesk.lock"))).toBe(false);
  });

  it("takes over a lock whose pid now belongs to an unrelated process", () => {
    const dir = path.join(tmp, "reused");
    const file = path.join(dir, "exodesk.lock");
    mkdirSync(dir, { recursive: true });
    // As left by an earlier process with pid 1: pid 1 runs, but started at another time.
    writeFileSync(file, JSON.stringify({ pid: 1, startedAt: "2020-01-01T00:00:00.000Z", procStart: "1", token: "x" }));
    const lock = acquireDataDirLock(dir);
    expect(JSON.parse(readFileSync(file, "utf8")).pid).toBe(process.pid);
    lock.release();
  });
});
