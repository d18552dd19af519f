import pg from "pg";

// A journey with a portal of its own gets a database of its own on the run's PostgreSQL server
// in the PostgreSQL pass (EXODESK_TEST_DB=postgres); otherwise its stack's embedded database.
export async function ownDatabaseEnv(prefix: string): Promise<Record<string, string>> {
  const server = process.env.E2E_POSTGRES_URL;
  if (!server) return {};
  return { DATABASE_URL: await createDatabase(server, prefix) };
}

export async function createDatabase(server: string, prefix: string): Promise<string> {
  const name = `${prefix}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}
