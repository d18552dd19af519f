import { startTemporaryPostgres } from "../../scripts/db/embedded-postgres";
import { prepareTemplate } from "../integration/db/test-db";

// One embedded PostgreSQL server for the whole run (a temporary directory, loopback only), with
// the migrated template built once; every test file creates its databases from it through
// TEST_DATABASE_URL. Servers of earlier runs killed before their teardown are stopped first.
export default async function setup(): Promise<() => Promise<void>> {
  const server = await startTemporaryPostgres("exodesk-pg-");
  process.env.TEST_DATABASE_URL = server.url();
  await prepareTemplate(server.url());
  return () => server.stop();
}
