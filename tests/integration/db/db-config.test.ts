// Which database the environment names (pure: opens nothing).
import { describe, expect, it } from "vitest";
import { databaseUrl, DbConfigError, describeDatabase } from "../../../lib/db/client";

describe("databaseUrl", () => {
  it("takes postgres:// and postgresql:// URLs, and describes them without the password", () => {
    const url = "postgresql://app:secret@db.internal:5432/exodesk";
    expect(databaseUrl({ DATABASE_URL: url })).toBe(url);
    expect(databaseUrl({ DATABASE_URL: " postgres://localhost/x " })).toBe("postgres://localhost/x");
    expect(describeDatabase(url)).toBe('PostgreSQL database "exodesk" on db.internal:5432');
  });

  it("says how to get a database when DATABASE_URL is missing or blank", () => {
    for (const env of [{}, { DATABASE_URL: " " }]) {
      expect(() => databaseUrl(env)).toThrow(DbConfigError);
      expect(() => databaseUrl(env)).toThrow(/DATABASE_URL is not set.*npm run demo and npm run dev start an embedded PostgreSQL/);
    }
  });

  it("refuses other schemes", () => {
    expect(() => databaseUrl({ DATABASE_URL: "mysql://localhost/x" })).toThrow(DbConfigError);
    expect(() => databaseUrl({ DATABASE_URL: "file:./dev.db" })).toThrow("DATABASE_URL must start with postgres:// or postgresql://");
  });
});
