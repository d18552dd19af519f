// Shared by the database tests: temporary copies of prisma/, the expected
// migration history, the audit table checks, and running the db CLI.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import type { PrismaClient } from "../../../lib/generated/prisma/client";

export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
export const prismaDir = path.join(repoRoot, "prisma");

/** A temporary project folder holding a copy of prisma/ (schema and migrations). */
export function copyPrismaDir(): { root: string; prismaDir: string; remove(): void } {
  const root = mkdtempSync(path.join(tmpdir(), "exodesk-prisma-"));
  const copy = path.join(root, "prisma");
  cpSync(prismaDir, copy, { recursive: true });
  return { root, prismaDir: copy, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** Migration folder names and the sha256 of each migration.sql, as `_prisma_migrations` records them. */
export function localMigrations(dir = prismaDir): { name: string; checksum: string }[] {
  const migrationsDir = path.join(dir, "migrations");
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => ({
      name,
      checksum: createHash("sha256")
        .update(readFileSync(path.join(migrationsDir, name, "migration.sql")))
        .digest("hex"),
    }));
}

const tsxBin = path.join(repoRoot, "node_modules", ".bin", "tsx");

export type TRun = { code: number | null; stdout: string; stderr: string };

/** Runs a TypeScript file with tsx (from the repository root unless `cwd` is given), with
 * extra environment; DATABASE_URL only if `env` sets it. `onStdout` sees the output so far. */
export function runTsx(
  file: string,
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; onStdout?: (output: string) => void } = {},
): Promise<TRun> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, ...options.env };
    if (!options.env?.DATABASE_URL) delete env.DATABASE_URL;
    const child = spawn(tsxBin, [file, ...args], { cwd: options.cwd ?? repoRoot, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => {
      stdout += c.toString();
      options.onStdout?.(stdout);
    });
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs scripts/db.ts in `cwd` (whose prisma/ it uses), with extra environment. */
export function runDbCli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<TRun> {
  return runTsx(path.join(repoRoot, "scripts", "db.ts"), args, options);
}

let hashCounter = 0;
function auditEvent(type: string) {
  hashCounter += 1;
  return {
    type,
    actorRoles: ["ExoDesk.Helpdesk"],
    data: { n: hashCounter },
    prevHash: "0".repeat(64),
    hash: createHash("sha256").update(`${type}-${hashCounter}-${Math.random()}`).digest("hex"),
  };
}

/** The database refuses UPDATE, DELETE and TRUNCATE on "AuditEvent"; INSERT still works. */
export async function expectAuditEventsAppendOnly(db: PrismaClient): Promise<void> {
  const first = await db.auditEvent.create({ data: auditEvent("request.submitted") });
  const refused = /audit events are append-only/;

  await expect(db.auditEvent.update({ where: { seq: first.seq }, data: { type: "forged" } })).rejects.toThrow(
    /audit events are append-only: UPDATE on "AuditEvent" is not allowed/,
  );
  await expect(db.auditEvent.updateMany({ data: { prevHash: "x" } })).rejects.toThrow(refused);
  await expect(db.auditEvent.delete({ where: { seq: first.seq } })).rejects.toThrow(
    /audit events are append-only: DELETE on "AuditEvent" is not allowed/,
  );
  await expect(db.auditEvent.deleteMany()).rejects.toThrow(refused);
  // Refused even when no row matches: the triggers are per statement.
  await expect(db.auditEvent.deleteMany({ where: { type: "no-such-type" } })).rejects.toThrow(refused);
  await expect(db.$executeRawUnsafe('TRUNCATE "AuditEvent"')).rejects.toThrow(
    /audit events are append-only: TRUNCATE on "AuditEvent" is not allowed/,
  );
  await expect(db.$executeRawUnsafe('UPDATE "AuditEvent" SET "type" = \'forged\'')).rejects.toThrow(refused);

  // A refused change inside a transaction rolls the whole transaction back.
  const txEvent = auditEvent("request.approved");
  await expect(
    db.$transaction(async (tx) => {
      await tx.auditEvent.create({ data: txEvent });
      await tx.auditEvent.deleteMany({ where: { seq: first.seq } });
    }),
  ).rejects.toThrow(refused);
  expect(await db.auditEvent.count({ where: { hash: txEvent.hash } })).toBe(0);

  const stored = await db.auditEvent.findUniqueOrThrow({ where: { seq: first.seq } });
  expect(stored).toEqual(first);
  const second = await db.auditEvent.create({ data: auditEvent("request.executed") });
  expect(second.seq).toBeGreaterThan(first.seq);
  expect(await db.auditEvent.count()).toBe(2);
}
