import pino from "pino";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { TSessionUser } from "../auth/session-user";
import { AppError } from "../errors/app-error";
import { ZCheckbox, ZFormText } from "../forms/form-fields";

// The wrapper every server action goes through, with the session, the rate-limit store and
// Next's request context replaced: what is asserted is the order of the gates and what the
// person is answered. (tests/integration/actions/ runs real actions against the real limiter.)
const session = vi.hoisted(() => ({ requireUser: vi.fn() }));
const limiter = vi.hoisted(() => ({ consumeRateLimits: vi.fn() }));
vi.mock("../auth/session", () => session);
vi.mock("./rate-limit", async (importOriginal) => ({ ...(await importOriginal<typeof import("./rate-limit")>()), ...limiter }));
vi.mock("../log/http-log", () => ({ httpRequestLog: async () => pino({ level: "silent" }) }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "203.0.113.7", "user-agent": "action-test" }) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/navigation", () => ({ redirect: vi.fn(), unstable_rethrow: vi.fn() }));

const { authorised, authorisedForm } = await import("./authorised");

const HELPDESK: TSessionUser = { oid: "oid-helpdesk", tid: "tid-1", upn: "helpdesk@contoso.example", name: "Helpdesk", roles: ["ExoDesk.Helpdesk"] };

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [name, value] of Object.entries(fields)) f.append(name, value);
  return f;
}

const ZGrant = z.object({
  trustee: z.string().min(1, "Choose a person."),
  reason: ZFormText,
  autoMapping: ZCheckbox,
});

beforeEach(() => {
  session.requireUser.mockReset().mockResolvedValue(HELPDESK);
  limiter.consumeRateLimits.mockReset().mockResolvedValue(undefined);
});

describe("the input schema", () => {
  it("refuses a form its schema refuses with field errors, without calling the handler", async () => {
    const handler = vi.fn();
    const action = authorisedForm("request.submit", { rateLimit: "mutation", schema: ZGrant }, handler);
    expect(await action(null, form({ trustee: "", reason: "leave" }))).toEqual({
      ok: false,
      message: "Some values are not valid. Check the highlighted fields.",
      fieldErrors: { trustee: ["Choose a person."] },
      reauth: false,
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it("hands the handler the parsed values, and who acts only from the session", async () => {
    const handler = vi.fn(async () => ({ ok: true as const, tone: "success" as const, message: "Done." }));
    const action = authorisedForm("request.submit", { rateLimit: "mutation", schema: ZGrant }, handler);
    const posted = form({ trustee: "megan@contoso.example", autoMapping: "on", oid: "someone-else", upn: "admin@contoso.example" });
    expect(await action(null, posted)).toEqual({ ok: true, tone: "success", message: "Done." });
    expect(handler).toHaveBeenCalledWith(expect.objectContaining({ user: HELPDESK }), { trustee: "megan@contoso.example", reason: "", autoMapping: true });
  });

  it("reads the first value of a repeated field, as FormData.get does", async () => {
    const handler = vi.fn(async () => ({ ok: true as const, tone: "success" as const, message: "Done." }));
    const action = authorisedForm("request.submit", { rateLimit: "mutation", schema: ZGrant }, handler);
    const posted = form({ trustee: "megan@contoso.example" });
    posted.append("trustee", "adele@contoso.example");
    await action(null, posted);
    expect(handler).toHaveBeenCalledWith(expect.anything(), { trustee: "megan@contoso.example", reason: "", autoMapping: false });
  });

  it("refuses anything but a form behind a form's action", async () => {
    const handler = vi.fn();
    const action = authorisedForm("request.submit", { rateLimit: "mutation", schema: z.object({}) }, handler);
    expect(await action(null, { trustee: "megan" } as unknown as FormData)).toMatchObject({ ok: false, message: "This action takes a form." });
    expect(handler).not.toHaveBeenCalled();
  });

  it("answers a refused plain argument with its schema's own message", async () => {
    const handler = vi.fn();
    const action = authorised("request.submit", { rateLimit: "mutation", schema: z.uuid("No bulk change with that id is yours to see.") }, handler);
    expect(await action("not-an-id")).toEqual({ ok: false, message: "No bulk change with that id is yours to see.", fieldErrors: undefined, reauth: false });
    expect(handler).not.toHaveBeenCalled();
  });
});

describe("the session and role", () => {
  it("are checked again on every call, before the limit, the schema and the handler", async () => {
    const handler = vi.fn(async () => "ran");
    const action = authorised("request.approve", { rateLimit: "mutation", schema: z.string() }, handler);
    expect(await action("first")).toBe("ran");
    session.requireUser.mockRejectedValueOnce(new AppError("FORBIDDEN"));
    expect(await action("second")).toMatchObject({ ok: false, message: "You do not have the ExoDesk role needed for this." });
    session.requireUser.mockRejectedValueOnce(new AppError("UNAUTHENTICATED"));
    expect(await action(42 as unknown as string)).toMatchObject({ ok: false, message: "Your session has ended. Sign in again to continue.", reauth: true });
    expect(session.requireUser.mock.calls).toEqual([["request.approve"], ["request.approve"], ["request.approve"]]);
    expect(handler).toHaveBeenCalledTimes(1);
    expect(limiter.consumeRateLimits).toHaveBeenCalledTimes(1); // the first call's two counts only
  });
});

describe("the rate limit each action declares", () => {
  const call = async (rateLimit: "mutation" | "lookup" | "chain" | "none") => {
    await authorised("request.submit", { rateLimit, schema: z.unknown() }, async () => "ran")(undefined);
    return limiter.consumeRateLimits.mock.calls.flatMap(([first, firstSubject, second, secondSubject]) => [[first.name, firstSubject], [second.name, secondSubject]]);
  };

  it.each([
    ["mutation", [["mutation:user", "oid-helpdesk"], ["mutation:ip", "203.0.113.7"]]],
    ["lookup", [["lookup:user", "oid-helpdesk"], ["lookup:ip", "203.0.113.7"]]],
    ["chain", [["chain:user", "oid-helpdesk"], ["chain:ip", "203.0.113.7"]]],
    ["none", []],
  ] as const)("%s counts per person and per address", async (rateLimit, expected) => {
    expect(await call(rateLimit)).toEqual(expected);
  });

  it("answers over the limit with the wait message, without parsing or running the handler", async () => {
    const wait = "Too many attempts in a short time. Wait 12 seconds, then try again.";
    limiter.consumeRateLimits.mockRejectedValueOnce(new AppError("RATE_LIMITED", wait));
    const handler = vi.fn();
    const action = authorisedForm("request.submit", { rateLimit: "mutation", schema: ZGrant }, handler);
    expect(await action(null, form({ trustee: "" }))).toMatchObject({ ok: false, message: wait });
    expect(handler).not.toHaveBeenCalled();
  });
});

describe("errors from the handler", () => {
  it("words an AppError with its own message and anything else generically", async () => {
    const failing = (e: unknown) => authorised("request.submit", { rateLimit: "none", schema: z.unknown() }, async () => Promise.reject(e))(undefined);
    expect(await failing(new AppError("CONFLICT"))).toMatchObject({ ok: false, message: "Someone else changed this first. Reload to see the current state." });
    expect(await failing(new Error("connection string postgres://secret"))).toEqual({
      ok: false,
      message: "Something went wrong in ExoDesk. Nothing was changed by this step; try again, and tell an admin if it keeps happening.",
    });
  });
});
