import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type AppRegistration, type EmulatorOptions, type RunningEmulator } from "../index";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { FORM, formBody, httpsRequest, type RawResponse, type RequestOptions } from "./https-client";

export const TEST_APP: AppRegistration = {
  clientId: "6731de76-14a6-49ae-97bc-6eba6914391e",
  clientSecret: "emulator~test~secret.1",
  redirectUris: ["https://localhost:3000/api/auth/callback/entra", "http://localhost:3000/api/auth/callback/entra"],
};
export const OTHER_APP: AppRegistration = {
  clientId: "0d6f2c3b-9a41-4f7e-8d55-1c2b3a4d5e6f",
  clientSecret: "other~secret",
  redirectUris: ["https://other.example/callback"],
};
export const REDIRECT_URI = TEST_APP.redirectUris[0]!;
export const EXCHANGE_SCOPE = "https://outlook.office365.com/Exchange.Manage";
export const LOGIN_SCOPE = `openid profile offline_access ${EXCHANGE_SCOPE}`;

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(48).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

export type HarnessOptions = Pick<EmulatorOptions, "tokenLifetimeSeconds" | "mailboxes" | "throttling" | "mail" | "webhookSecret">;

export type SignInResult = { status: number; location: URL | undefined; code: string | undefined; verifier: string; response: RawResponse };

export class Harness {
  private constructor(
    readonly em: RunningEmulator,
    readonly stateDir: string,
  ) {}

  static async start(opts: HarnessOptions = {}): Promise<Harness> {
    const stateDir = mkdtempSync(join(tmpdir(), "exodesk-emulator-"));
    const em = await startEmulator({ port: 0, stateDir, apps: [TEST_APP, OTHER_APP], ...opts });
    return new Harness(em, stateDir);
  }

  async close(): Promise<void> {
    await this.em.close();
    rmSync(this.stateDir, { recursive: true, force: true });
  }

  get tenantUrl(): string {
    return `${this.em.url}/${this.em.tenantId}`;
  }

  request(pathOrUrl: string, opts: RequestOptions = {}): Promise<RawResponse> {
    const url = pathOrUrl.startsWith("https://") ? pathOrUrl : `${this.em.url}${pathOrUrl}`;
    return httpsRequest(this.em.caCertPath, url, opts);
  }

  async control<T = any>(method: string, path: string, body?: unknown): Promise<T> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const res = await this.request(`/_emulator/${path}`, {
      method,
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status !== 200) throw new Error(`control ${method} ${path}: ${res.status} ${res.text()}`);
    return res.json<T>();
  }

  authorizeUrl(params: Record<string, string | undefined>): string {
    const url = new URL(`${this.tenantUrl}/oauth2/v2.0/authorize`);
    for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
    return url.toString();
  }

  // The browser's part of a sign-in: open the authorize URL, pick the user on the page.
  async signIn(upn: string, overrides: Record<string, string | undefined> = {}): Promise<SignInResult> {
    const { verifier, challenge } = pkcePair();
    const page = await this.request(
      this.authorizeUrl({
        client_id: TEST_APP.clientId,
        response_type: "code",
        redirect_uri: REDIRECT_URI,
        scope: LOGIN_SCOPE,
        state: "state-123",
        nonce: "nonce-456",
        code_challenge: challenge,
        code_challenge_method: "S256",
        response_mode: "query",
        ...overrides,
      }),
    );
    if (page.status !== 200 || !page.text().includes('name="ctx"')) {
      return { status: page.status, location: locationOf(page), code: locationOf(page)?.searchParams.get("code") ?? undefined, verifier, response: page };
    }
    const html = page.text();
    const action = html.match(/<form method="post" action="([^"]+)"/)?.[1];
    const ctx = html.match(/name="ctx" value="([^"]+)"/)?.[1];
    if (!action || !ctx) throw new Error("the sign-in page has no form");
    const res = await this.request(action.replaceAll("&amp;", "&"), { method: "POST", headers: FORM, body: formBody({ ctx, login: upn }) });
    const location = locationOf(res);
    return { status: res.status, location, code: location?.searchParams.get("code") ?? undefined, verifier, response: res };
  }

  token(fields: Record<string, string | undefined>, headers: Record<string, string> = {}): Promise<RawResponse> {
    return this.request(`${this.tenantUrl}/oauth2/v2.0/token`, { method: "POST", headers: { ...FORM, ...headers }, body: formBody(fields) });
  }

  redeem(code: string, verifier: string, extra: Record<string, string | undefined> = {}): Promise<RawResponse> {
    return this.token({
      grant_type: "authorization_code",
      client_id: TEST_APP.clientId,
      client_secret: TEST_APP.clientSecret,
      code,
      code_verifier: verifier,
      redirect_uri: REDIRECT_URI,
      scope: LOGIN_SCOPE,
      client_info: "1",
      ...extra,
    });
  }

  // A full sign-in of upn; returns the token response body.
  async tokensFor(upn: string, scope = LOGIN_SCOPE): Promise<Record<string, any>> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const signIn = await this.signIn(upn, { scope });
    if (!signIn.code) throw new Error(`sign-in of ${upn} returned no code: ${signIn.status} ${signIn.location ?? signIn.response.text()}`);
    const res = await this.redeem(signIn.code, signIn.verifier, { scope });
    if (res.status !== 200) throw new Error(`code redemption failed: ${res.status} ${res.text()}`);
    return res.json();
  }

  async accessToken(upn: string): Promise<string> {
    return (await this.tokensFor(upn)).access_token as string;
  }

  invoke(
    token: string | undefined,
    cmdlet: string,
    parameters: Record<string, unknown> = {},
    opts: { headers?: Record<string, string>; url?: string; query?: string; tenant?: string; version?: string } = {},
  ): Promise<RawResponse> {
    const url = opts.url ?? `${this.em.url}/adminapi/${opts.version ?? "beta"}/${opts.tenant ?? this.em.tenantId}/InvokeCommand${opts.query ?? ""}`;
    return this.request(url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        "X-CmdletName": cmdlet,
        "X-ResponseFormat": "json",
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...opts.headers,
      },
      body: JSON.stringify({ CmdletInput: { CmdletName: cmdlet, Parameters: parameters } }),
    });
  }
}

function locationOf(res: RawResponse): URL | undefined {
  const l = res.header("location");
  return l ? new URL(l) : undefined;
}

// One emulator per test file, reset before every test unless `resetEachTest: false` (for a file
// whose tests build on what the ones before them left, such as a tenant seeded once). The
// returned object stands for the harness that beforeAll starts, so tests call `h.invoke(…)` as on
// the harness itself.
export function useHarness({ resetEachTest = true, ...opts }: HarnessOptions & { resetEachTest?: boolean } = {}): Harness {
  let started: Harness | undefined;
  beforeAll(async () => {
    started = await Harness.start(opts);
  });
  afterAll(async () => {
    await started?.close();
  });
  if (resetEachTest) {
    beforeEach(async () => {
      await started!.control("POST", "reset");
    });
  }
  return new Proxy({} as Harness, {
    get(_target, prop) {
      if (!started) throw new Error("the emulator harness is used before beforeAll started it");
      const value = Reflect.get(started, prop, started) as unknown;
      return typeof value === "function" ? value.bind(started) : value;
    },
  });
}

export type TInvokeOptions = Parameters<Harness["invoke"]>[3];
export type TSignedIn = ((cmdlet: string, parameters?: Record<string, unknown>, opts?: TInvokeOptions) => Promise<RawResponse>) & {
  // A fresh sign-in now, for a test that reset the emulator itself.
  signIn(): Promise<void>;
};

// InvokeCommand as upn, with a token from a fresh sign-in before every test (after useHarness's
// reset, which forgets the tokens issued before it).
export function useSignedIn(h: Harness, upn: string): TSignedIn {
  let token: string;
  const signIn = async () => {
    token = await h.accessToken(upn);
  };
  beforeEach(signIn);
  return Object.assign((cmdlet: string, parameters: Record<string, unknown> = {}, opts: TInvokeOptions = {}) => h.invoke(token, cmdlet, parameters, opts), { signIn });
}
