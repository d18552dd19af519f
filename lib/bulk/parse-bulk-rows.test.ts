import { describe, expect, it } from "vitest";
import type { TRecipient } from "@/lib/cmdlets/read-mailbox";
import { departmentRows, listDepartments, matchBulkRows, MAX_BULK_ITEMS, parseBulkList } from "./parse-bulk-rows";

const person = (address: string, department: string | null, alias?: string): TRecipient => ({
  name: null, displayName: address.split("@")[0]!, address, upn: address, alias: alias ?? null, type: "UserMailbox", department,
});
const directory = [person("adele@contoso.com", "Sales", "adele"), person("megan@contoso.com", "Marketing"), person("bob@contoso.com", "Sales")];

describe("parseBulkList", () => {
  it("reads one address per line, skipping blank lines, with the line numbers the person sees", () => {
    const { rows, error } = parseBulkList("adele@contoso.com\n\nmegan@contoso.com\r\n");
    expect(error).toBeNull();
    expect(rows.map((r) => [r.line, r.input, r.error])).toEqual([[1, "adele@contoso.com", null], [3, "megan@contoso.com", null]]);
  });

  it("finds the address column of a CSV by its header, whatever its position and case", () => {
    const { rows } = parseBulkList('DisplayName;PrimarySmtpAddress\n"Vance, Adele";adele@contoso.com\nMegan;megan@contoso.com');
    expect(rows.map((r) => r.input)).toEqual(["adele@contoso.com", "megan@contoso.com"]);
    expect(rows[0]!.line).toBe(2);
  });

  it("gives each bad row its reason: not an address, empty, listed twice (any case)", () => {
    const { rows } = parseBulkList("Name,Email\nA,adele@contoso.com\nB,not-an-address\nC,\nD,ADELE@contoso.com");
    expect(rows.map((r) => r.error)).toEqual([null, '"not-an-address" is not an email address.', "No address in this row.", "Listed already on line 2."]);
  });

  it("refuses a multi-column list without an address header, an empty list and an oversized list", () => {
    expect(parseBulkList("Name,Department\nAdele,Sales").error).toMatch(/no column is called "Address"/);
    expect(parseBulkList(" \n\n").error).toMatch(/empty/);
    const big = Array.from({ length: MAX_BULK_ITEMS + 1 }, (_, i) => `u${i}@contoso.com`).join("\n");
    expect(parseBulkList(big).error).toMatch(/at most 5000/);
  });

  it("accepts mailto: links as pasted from a mail client", () => {
    expect(parseBulkList("mailto:adele@contoso.com").rows[0]).toMatchObject({ input: "adele@contoso.com", error: null });
  });
});

describe("matchBulkRows", () => {
  it("matches by address, UPN or alias, and refuses mailboxes outside the person's view and repeats of one mailbox", () => {
    const { rows } = parseBulkList("adele@contoso.com\nADELE\nghost@contoso.com\nbob@contoso.com");
    // "ADELE" is not an address, so it never reaches the directory.
    const matched = matchBulkRows(rows, directory);
    expect(matched.map((r) => r.mailbox?.address ?? r.error)).toEqual([
      "adele@contoso.com",
      '"ADELE" is not an email address.',
      'No mailbox "ghost@contoso.com" in the part of Exchange you can see.',
      "bob@contoso.com",
    ]);
    const twice = matchBulkRows(parseBulkList("adele@contoso.com\nAdele@Contoso.com ").rows, directory);
    expect(twice[1]!.error).toBe("Listed already on line 1.");
  });

  it("finds an address typed with its accent decomposed, and counts it as a repeat of the composed one", () => {
    const zoe = person("zo\u00eb@contoso.com", "Sales");
    const matched = matchBulkRows(parseBulkList("Zoe\u0308@Contoso.com\nzo\u00eb@contoso.com").rows, [zoe]);
    expect(matched.map((r) => r.mailbox?.address ?? r.error)).toEqual(["zo\u00eb@contoso.com", "Listed already on line 1."]);
  });
});

describe("department filter", () => {
  it("lists departments once, sorted, and picks a department's mailboxes in address order", () => {
    expect(listDepartments(directory)).toEqual(["Marketing", "Sales"]);
    expect(departmentRows(directory, "sales").map((r) => r.mailbox?.address)).toEqual(["adele@contoso.com", "bob@contoso.com"]);
  });
});
