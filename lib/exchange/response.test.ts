import { describe, expect, it } from "vitest";
import { parseSuccessBody, readWarnings, stripAnnotations } from "./response";

const CONTEXT = "https://outlook.office365.com/adminapi/beta/$metadata#Collection(Exchange.GenericHashTable)";

describe("parseSuccessBody", () => {
  it("reads value, warnings and the next link of a typical page", () => {
    const body = JSON.stringify({
      "@odata.context": CONTEXT,
      "adminapi.warnings@odata.type": "#Collection(String)",
      "@adminapi.warnings": ["The command completed successfully but no settings of 'Megan Bowen' have been modified."],
      "@odata.nextLink": "https://outlook.office365.com/adminapi/beta/tenant/InvokeCommand?$skiptoken=abc",
      value: [{ Identity: "Megan Bowen", DisplayName: "Megan Bowen" }],
    });
    expect(parseSuccessBody(body)).toEqual({
      value: [{ Identity: "Megan Bowen", DisplayName: "Megan Bowen" }],
      warnings: ["The command completed successfully but no settings of 'Megan Bowen' have been modified."],
      errors: [],
      nextLink: "https://outlook.office365.com/adminapi/beta/tenant/InvokeCommand?$skiptoken=abc",
    });
  });

  it("strips annotation keys from each item and from nested objects", () => {
    const body = JSON.stringify({
      "@odata.context": CONTEXT,
      value: [
        {
          "@odata.type": "#Exchange.GenericHashTable",
          "AccessRights@odata.type": "#Collection(String)",
          AccessRights: ["FullAccess"],
          "StartTime@data.type": "System.DateTime",
          StartTime: "2022-09-21T08:07:47.0000000+00:00",
          User: "AdeleV@contoso.onmicrosoft.com",
          Owner: { "@odata.type": "#Exchange.GenericHashTable", Name: "Adele", "Name@odata.type": "#String" },
          Entries: [{ "Value@odata.type": "#String", Value: "a" }],
        },
      ],
    });
    expect(parseSuccessBody(body)?.value).toEqual([
      {
        AccessRights: ["FullAccess"],
        StartTime: "2022-09-21T08:07:47.0000000+00:00",
        User: "AdeleV@contoso.onmicrosoft.com",
        Owner: { Name: "Adele" },
        Entries: [{ Value: "a" }],
      },
    ]);
  });

  it("returns an empty list for a cmdlet with no output", () => {
    expect(parseSuccessBody(`{"@odata.context":"${CONTEXT}","value":[]}`)).toEqual({ value: [], warnings: [], errors: [], nextLink: undefined });
  });

  it("treats a missing value as an empty list and keeps the warnings", () => {
    const body = JSON.stringify({
      "@odata.context": CONTEXT,
      "@adminapi.warnings": ["The appropriate access control entry is already present on the object \"CN=Megan Bowen\" for account \"CONTOSO\\AdeleV\"."],
    });
    expect(parseSuccessBody(body)).toEqual({
      value: [],
      warnings: ["The appropriate access control entry is already present on the object \"CN=Megan Bowen\" for account \"CONTOSO\\AdeleV\"."],
      errors: [],
      nextLink: undefined,
    });
  });

  it("treats value: null as an empty list", () => {
    expect(parseSuccessBody('{"value":null}')?.value).toEqual([]);
  });

  it("accepts a single object instead of an array in value", () => {
    const body = JSON.stringify({ "@odata.context": CONTEXT, value: { AutoReplyState: "Disabled", "AutoReplyState@odata.type": "#String" } });
    expect(parseSuccessBody(body)?.value).toEqual([{ AutoReplyState: "Disabled" }]);
  });

  it("accepts a bare object without the collection wrapper", () => {
    const body = JSON.stringify({ "@odata.context": `${CONTEXT}/$entity`, TimeZone: "W. Europe Standard Time", Language: "de-DE" });
    expect(parseSuccessBody(body)?.value).toEqual([{ TimeZone: "W. Europe Standard Time", Language: "de-DE" }]);
  });

  it("accepts a bare array", () => {
    expect(parseSuccessBody('[{"Name":"Calendar"},null]')?.value).toEqual([{ Name: "Calendar" }]);
  });

  it("keeps primitive items rather than dropping them", () => {
    expect(parseSuccessBody('{"value":["a"]}')?.value).toEqual([{ Value: "a" }]);
  });

  it("cannot be tricked into changing an item's prototype", () => {
    const item = parseSuccessBody('{"value":[{"__proto__":{"polluted":true},"Name":"x"}]}')?.value[0];
    expect(Object.getPrototypeOf(item)).toBe(Object.prototype);
    expect((item as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ["empty", ""],
    ["truncated", '{"value":[{"Identity":"Meg'],
    ["HTML", "<html><body>Sign in</body></html>"],
    ["a JSON string", '"ok"'],
    ["an error envelope", '{"error":{"code":"InternalServerError","message":"Error executing cmdlet"}}'],
  ])("returns null for %s bodies", (_label, body) => {
    expect(parseSuccessBody(body)).toBeNull();
  });
});

describe("readWarnings", () => {
  it("accepts strings, objects with a message, and a single string", () => {
    expect(readWarnings(["one", { message: "two" }, { Message: "three" }, { other: 1 }, 4, " "])).toEqual(["one", "two", "three"]);
    expect(readWarnings("only")).toEqual(["only"]);
    expect(readWarnings(undefined)).toEqual([]);
    expect(readWarnings(null)).toEqual([]);
  });
});

describe("stripAnnotations", () => {
  it("leaves primitives and clean objects alone", () => {
    expect(stripAnnotations("x")).toBe("x");
    expect(stripAnnotations(null)).toBeNull();
    expect(stripAnnotations({ a: 1, b: [1, 2] })).toEqual({ a: 1, b: [1, 2] });
  });
});
