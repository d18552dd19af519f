// `npm run dev`: `next dev` on the embedded PostgreSQL (EXODESK_DATA_DIR, default ./.data),
// migrated first; DATABASE_URL instead when it is set. Stopping next dev stops the server.
import { spawn } from "node:child_process";
import path from "node:path";
import { closeDb, getAdapterFactory } from "../lib/db/client";
import { startEmbeddedDatabase } from "./db/embedded-postgres";
import { applyMigrations } from "./db/migrations";

let stopDatabase = async () => {};
if (!process.env.DATABASE_URL?.trim()) {
  const database = await startEmbeddedDatabase();
  stopDatabase = database.stop;
  process.env.DATABASE_URL = database.url;
}
try {
  const { applied } = await applyMigrations(getAdapterFactory());
  if (applied.length > 0) console.log(`Applied ${applied.length} migration(s).`);
} finally {
  await closeDb();
}

const next = spawn(process.execPath, [path.join("node_modules", "next", "dist", "bin", "next"), "dev", ...process.argv.slice(2)], { stdio: "inherit", env: process.env });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => next.kill(signal));
next.on("exit", (code) => {
  void stopDatabase().then(() => process.exit(code ?? 0));
});
