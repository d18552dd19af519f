// Which database the environment selects (pure: opens nothing).
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DbConfigError, describeDbTarget, resolveDbTarget } from "../../../lib/db";

describe("resolveDbTarget", () => {
  it("uses PostgreSQL for postgres:// and postgresql:// URLs", () => {
    const url = "postgresql://app:secret@db.internal:5432/exodesk";
    expect(resolveDbTarget({ DATABASE_URL: url })).toEqual({ kind: "postgres", url });
    expect(resolveDbTarget({ DATABASE_URL: "postgres://localhost/x" }).kind).toBe("postgres");
    expect(describeDbTarget({ kind: "postgres", url })).toBe('PostgreSQL database "exodesk" on db.internal:5432');
  });

  it("uses the embedded database in EXODESK_DATA_DIR, by default ./.data/pglite", () => {
    expect(resolveDbTarget({})).toEqual({ kind: "pglite", dataDir: path.resolve(".data/pglite") });
    expect(resolveDbTarget({ DATABASE_URL: " ", EXODESK_DATA_DIR: "/srv/exodesk" })).toEqual({
      kind: "pglite",
      dataDir: "/srv/exodesk",
    });
    expect(describeDbTarget({ kind: "pglite", dataDir: "/srv/exodesk" })).toBe("the embedded database at /srv/exodesk");
  });

  it("refuses other DATABASE_URL schemes instead of silently using the embedded database", () => {
    expect(() => resolveDbTarget({ DATABASE_URL: "mysql://localhost/x" })).toThrow(DbConfigError);
    expect(() => resolveDbTarget({ DATABASE_URL: "file:./dev.db" })).toThrow(
      "DATABASE_URL must start with postgres:// or postgresql://",
    );
  });
});
