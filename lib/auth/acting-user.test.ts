import { describe, expect, it } from "vitest";
import { toActingUser } from "./acting-user";

describe("toActingUser", () => {
  it("acts as the stored person with no app roles, whatever the stored row held", () => {
    const row = { oid: "oid-1", tid: "tid-1", upn: "adele@contoso.com", name: "Adele Vance", roles: ["ExoDesk.Admin"] };
    expect(toActingUser(row)).toEqual({ oid: "oid-1", tid: "tid-1", upn: "adele@contoso.com", name: "Adele Vance", roles: [] });
  });

  it("names the person by their address when no name was stored", () => {
    expect(toActingUser({ oid: "oid-2", tid: "tid-1", upn: "megan@contoso.com" })).toEqual({ oid: "oid-2", tid: "tid-1", upn: "megan@contoso.com", name: "megan@contoso.com", roles: [] });
  });
});
