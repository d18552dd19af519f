// PGlite does not lock its data directory, and two processes writing one
// directory lose writes silently. This lock file refuses a second process.
import { randomUUID } from "node:crypto";
import {
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  closeSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";

const LOCK_FILE = "exodesk.lock";
const TAKEOVER_GUARD_STALE_MS = 10_000;

type LockHolder = {
  pid: number;
  startedAt: string;
  /** Linux: the process's start time in clock ticks (/proc/<pid>/stat), to detect pid reuse. */
  procStart: string | null;
  token: string;
};

export type DataDirLock = {
  readonly dir: string;
  readonly file: string;
  /** Removes the lock file if it is still ours. Safe to call more than once. */
  release(): void;
};

export class DatabaseInUseError extends Error {
  override name = "DatabaseInUseError";
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database at ${dir} is already in use by process ${pid}. ` +
        "Stop that process or set EXODESK_DATA_DIR to another directory.",
    );
  }
}

// Locks held by this process, shared by every copy of this module (Next.js may
// evaluate a module more than once per process).
const held: Map<string, DataDirLock> = ((globalThis as { __exodeskDataDirLocks?: Map<string, DataDirLock> })
  .__exodeskDataDirLocks ??= new Map());

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function readProcStart(pid: number | "self"): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 22 (starttime); the command name (field 2) may contain spaces, so count after its ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

function readHolder(file: string): { raw: string; holder: LockHolder | null } | null {
  let raw: string;
  try {
    raw = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  try {
    const parsed = JSON.parse(raw) as Partial<LockHolder>;
    if (typeof parsed.pid === "number" && Number.isInteger(parsed.pid) && parsed.pid > 0) {
      return { raw, holder: parsed as LockHolder };
    }
  } catch {
    // Unreadable content: not written by this module, treated as stale below.
  }
  return { raw, holder: null };
}

function isRunning(holder: LockHolder): boolean {
  // Our own pid but not in `held`: left by an earlier process that had this pid.
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return false;
    // EPERM: the process exists but belongs to someone else.
  }
  // The pid may have been reused by an unrelated process since the lock was written.
  const now = readProcStart(holder.pid);
  return !(holder.procStart && now && now !== holder.procStart);
}

/** Creates `file` with `content` unless it exists; false if it does. */
function createExclusive(file: string, tmp: string, content: string): boolean {
  try {
    linkSync(tmp, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    // File systems without hard links: an exclusive create, not atomic with its content.
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP") throw error;
  }
  try {
    writeFileSync(file, content, { flag: "wx" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

/** Removes a stale lock, unless another process replaced it meanwhile. */
function removeStaleLock(file: string, staleRaw: string): void {
  const guard = `${file}.takeover`;
  let guardFd: number;
  try {
    guardFd = openSync(guard, "wx");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    try {
      // A process that died inside this short section leaves the guard behind.
      if (Date.now() - statSync(guard).mtimeMs > TAKEOVER_GUARD_STALE_MS) unlinkSync(guard);
    } catch {
      // Someone else removed it first.
    }
    sleepSync(25);
    return;
  }
  try {
    if (readHolder(file)?.raw === staleRaw) unlinkSync(file);
  } finally {
    closeSync(guardFd);
    unlinkSync(guard);
  }
}

/**
 * Takes the lock file `exodesk.lock` in `dir` (creating `dir` and its parents),
 * or throws DatabaseInUseError naming the process that holds it. A lock left
 * by a process that no longer runs is taken over. Released on process exit.
 */
export function acquireDataDirLock(dir: string): DataDirLock {
  const absDir = path.resolve(dir);
  const file = path.join(absDir, LOCK_FILE);
  if (held.has(absDir)) throw new DatabaseInUseError(absDir, process.pid);
  mkdirSync(absDir, { recursive: true });

  const me: LockHolder = {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    procStart: readProcStart("self"),
    token: randomUUID(),
  };
  const content = `${JSON.stringify(me)}\n`;
  // Written in full first, then linked into place: link() fails if the lock
  // exists, so a reader never sees a half-written lock file.
  const tmp = `${file}.${process.pid}.${me.token}.tmp`;
  writeFileSync(tmp, content);
  try {
    for (let attempt = 1; ; attempt++) {
      if (createExclusive(file, tmp, content)) break;
      const current = readHolder(file);
      if (current?.holder && isRunning(current.holder)) {
        throw new DatabaseInUseError(absDir, current.holder.pid);
      }
      if (attempt >= 50) {
        throw new Error(`Could not take over the stale lock file ${file}. Remove it if no ExoDesk process is running.`);
      }
      if (current) removeStaleLock(file, current.raw); // else released meanwhile: try again
    }
  } finally {
    unlinkSync(tmp);
  }

  const release = () => {
    process.removeListener("exit", release);
    if (held.get(absDir) === lock) held.delete(absDir);
    try {
      if (readHolder(file)?.raw === content) unlinkSync(file);
    } catch {
      // Already gone.
    }
  };
  const lock: DataDirLock = { dir: absDir, file, release };
  held.set(absDir, lock);
  process.on("exit", release);
  return lock;
}
