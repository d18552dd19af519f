import { randomUUID } from "node:crypto";
import { expect, test, type Request } from "@playwright/test";
import { PORTAL } from "./support/access-client";
import { signInAs } from "./support";

// Issue 13, point 6: a server action posted in the no-JavaScript form encoding
// (`$ACTION_REF_…` fields, no Next-Action header) with no Origin was executed. Every POST
// without the portal's own Origin is now refused, whatever its encoding; the same bytes with
// the portal's Origin still work, as do sign-in, sign-out and the metrics scraper's GET.

const REFUSED = "This request did not come from ExoDesk's own pages.";

test("the no-JavaScript encoding of a server action is refused without the portal's Origin, and changes nothing", async ({ browser }) => {
  const signedIn = await browser.newContext({ baseURL: PORTAL });
  await signInAs(await signedIn.newPage(), "admin", "/admin/policies");
  // The same person with JavaScript off: forms post as plain HTML forms.
  const noJs = await browser.newContext({ baseURL: PORTAL, javaScriptEnabled: false, storageState: await signedIn.storageState() });
  const page = await noJs.newPage();
  await page.goto("/admin/policies");

  const department = `No-JS test ${randomUUID().slice(0, 8)}`;
  await page.getByLabel("Protect", { exact: true }).selectOption("DEPARTMENT");
  await page.getByLabel("Address or department").fill(department);
  // The browser's own request is kept and not sent, to be replayed with and without Origin.
  let captured: Request | undefined;
  await page.route("**/admin/policies", async (route) => {
    if (route.request().method() !== "POST") return await route.continue();
    captured = route.request();
    await route.abort();
  });
  await page.getByRole("button", { name: "Add", exact: true }).click().catch(() => undefined);
  await expect.poll(() => captured !== undefined).toBe(true);
  const original = captured!;
  const { origin: _o, cookie: _c, "content-length": _l, ...headers } = await original.allHeaders();
  const body = original.postDataBuffer()!;
  expect(headers["next-action"], "the no-JS encoding has no Next-Action header").toBeUndefined();
  expect(headers["content-type"]).toMatch(/^multipart\/form-data/);
  expect(body.toString()).toMatch(/name="\$ACTION_(REF|ID)_/);

  const replay = (origin?: string) =>
    noJs.request.fetch(original.url(), { method: "POST", headers: { ...headers, ...(origin ? { origin } : {}) }, data: body, maxRedirects: 0, failOnStatusCode: false });
  const protectedList = async () => await (await noJs.request.get("/admin/policies")).text();

  for (const origin of [undefined, "null", "https://evil.example", `http://localhost:1`]) {
    const res = await replay(origin);
    expect(res.status(), `origin ${origin}`).toBe(403);
    expect(await res.text()).toBe(REFUSED);
  }
  expect(await protectedList()).not.toContain(department);

  // The same bytes with the portal's own Origin run the action: the refusals were the Origin's doing.
  const accepted = await replay(PORTAL);
  expect(accepted.status()).toBeLessThan(400);
  expect(await protectedList()).toContain(department);

  // Tidy up with the ordinary (JavaScript) page.
  const tidy = await signedIn.newPage();
  await tidy.goto("/admin/policies");
  await tidy.getByRole("button", { name: `Remove protection of ${department}` }).click();
  await expect(tidy.getByRole("button", { name: `Remove protection of ${department}` })).toHaveCount(0);
  await signedIn.close();
  await noJs.close();
});

test("next-auth's sign-in and sign-out still work from the portal's pages; hand-made ones without Origin are refused", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: PORTAL });
  const page = await context.newPage();
  await signInAs(page, "helpdesk", "/mailboxes");
  await expect(page).toHaveURL(/\/mailboxes$/);

  const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
  for (const path of ["/api/auth/signin/entra", "/api/auth/signout"]) {
    const res = await page.request.post(path, { form: { csrfToken, json: "true" }, maxRedirects: 0, failOnStatusCode: false });
    expect(res.status(), path).toBe(403);
    expect(await res.text()).toBe(REFUSED);
  }
  // Still signed in: the refused sign-out did nothing.
  expect((await (await page.request.get("/api/auth/session")).json()).user).toBeTruthy();

  // The page's own sign-out button (next-auth's POST, with the browser's Origin) ends the session.
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await page.waitForURL(/\/signin/);
  expect(await (await page.request.get("/api/auth/session")).json()).toEqual({});
  await context.close();
});

test("reads need no Origin: the metrics scraper's GET reaches the route", async ({ request }) => {
  const res = await request.get(`${PORTAL}/api/metrics`, { headers: { authorization: `Bearer ${process.env.E2E_METRICS_TOKEN}` } });
  expect(res.status()).toBe(200);
  expect(await res.text()).toContain("# TYPE");
});
