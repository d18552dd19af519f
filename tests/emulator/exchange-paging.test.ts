import { describe, expect, test } from "vitest";
import { DEMO_USERS } from "./index";
import { useHarness, useSignedIn } from "./test-support/harness";

const h = useHarness();
const invoke = useSignedIn(h, DEMO_USERS.helpdesk);

const PARAMS = { ResultSize: "Unlimited" };
const prefer = (n: number) => ({ Prefer: `odata.maxpagesize=${n}` });

describe("paging with Prefer: odata.maxpagesize and @odata.nextLink", () => {
  test("pages until no nextLink remains; the pages add up to the whole result", async () => {
    const everything = (await invoke("Get-Mailbox", PARAMS)).json();
    expect(everything["@odata.nextLink"]).toBeUndefined(); // default page size 1000
    const total = everything.value.length;

    const names: string[] = [];
    let res = await invoke("Get-Mailbox", PARAMS, { headers: prefer(10) });
    expect(res.header("preference-applied")).toBe("odata.maxpagesize=10");
    let pages = 0;
    for (;;) {
      expect(res.status).toBe(200);
      const body = res.json();
      pages++;
      names.push(...body.value.map((m: { Name: string }) => m.Name));
      const next = body["@odata.nextLink"];
      if (!next) break;
      expect(body.value).toHaveLength(10);
      const url = new URL(next);
      expect(url.origin).toBe(h.em.url);
      expect(url.pathname).toBe(`/adminapi/beta/${h.em.tenantId}/InvokeCommand`);
      expect(url.searchParams.get("$skiptoken")).toBeTruthy();
      res = await invoke("Get-Mailbox", PARAMS, { url: next, headers: prefer(10) });
    }
    expect(pages).toBe(Math.ceil(total / 10));
    expect(names).toEqual(everything.value.map((m: { Name: string }) => m.Name));
  });

  test("a page can be fetched again (retry), $select carries over, and the body must match", async () => {
    const first = (await invoke("Get-Recipient", PARAMS, { headers: prefer(5), query: "?$select=Name" })).json();
    const next = first["@odata.nextLink"];
    expect(new URL(next).searchParams.get("$select")).toBe("Name");
    const a = (await invoke("Get-Recipient", PARAMS, { url: next, headers: prefer(5) })).json();
    const b = (await invoke("Get-Recipient", PARAMS, { url: next, headers: prefer(5) })).json();
    expect(a.value).toEqual(b.value);
    expect(Object.keys(a.value[0])).toEqual(["Name"]);
    const other = await invoke("Get-Recipient", { ResultSize: 200 }, { url: next });
    expect(other.status).toBe(400);
    const calls = (await h.control("GET", "calls")).calls;
    expect(calls.filter((c: { nextPage: boolean }) => c.nextPage)).toHaveLength(3);
  });

  test("next links are short-lived and belong to the caller", async () => {
    const next = (await invoke("Get-Mailbox", PARAMS, { headers: prefer(5) })).json()["@odata.nextLink"];
    const someoneElse = await h.accessToken(DEMO_USERS.admin);
    expect((await h.invoke(someoneElse, "Get-Mailbox", PARAMS, { url: next })).status).toBe(400);
    await h.control("POST", "clock", { advanceSeconds: 301 });
    const fresh = await h.accessToken(DEMO_USERS.helpdesk);
    const expired = await h.invoke(fresh, "Get-Mailbox", PARAMS, { url: next });
    expect(expired.status).toBe(400);
    expect(expired.json().error.message).toMatch(/skiptoken/);
  });
});
