import { EmulatorState, type AppRegistration, type EmulatorContext } from "./context";
import { createSigningKeys } from "./entra/signing-keys";
import { startServer } from "./server";
import { DEMO_TENANT_DOMAIN, DEMO_TENANT_ID } from "./tenant/seed";
import { loadOrCreateTls } from "./tls";

export { DEMO_TENANT_DOMAIN, DEMO_TENANT_ID };
export { DEMO_USERS, SEED_MAILBOXES, upnOf } from "./tenant/seed";
export type { AppRegistration };

export type EmulatorOptions = {
  port?: number; // 0 = any free port
  stateDir: string;
  apps: AppRegistration[];
  tokenLifetimeSeconds?: number; // default 3600
};

export type RunningEmulator = {
  url: string; // "https://localhost:PORT"
  port: number;
  caCertPath: string;
  tenantId: string;
  close(): Promise<void>;
};

export async function startEmulator(opts: EmulatorOptions): Promise<RunningEmulator> {
  if (opts.apps.length === 0) throw new Error("startEmulator needs at least one app registration");
  for (const app of opts.apps) {
    if (!app.clientId || !app.clientSecret) throw new Error("every app registration needs a clientId and a clientSecret");
    for (const uri of app.redirectUris) new URL(uri); // throws on a malformed redirect URI
  }
  const tls = await loadOrCreateTls(opts.stateDir);
  const ctx: EmulatorContext = {
    baseUrl: "",
    apps: opts.apps.map((a) => ({ ...a, redirectUris: [...a.redirectUris] })),
    keys: await createSigningKeys(),
    state: new EmulatorState(opts.tokenLifetimeSeconds ?? 3600),
  };
  const listening = await startServer(ctx, tls, opts.port ?? 0, (port) => {
    ctx.baseUrl = `https://localhost:${port}`;
  });
  return {
    url: ctx.baseUrl,
    port: listening.port,
    caCertPath: tls.caCertPath,
    tenantId: DEMO_TENANT_ID,
    close: listening.close,
  };
}
