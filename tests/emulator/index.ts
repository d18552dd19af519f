import { EmulatorState, type AppRegistration, type EmulatorContext, type IdTokenOptionalClaim } from "./context";
import { createSigningKeys } from "./entra/signing-keys";
import { parseThrottlingConfig, type ThrottlingConfig } from "./exchange/throttling";
import { MailSink } from "./notifications/mail-sink";
import { WebhookReceiver } from "./notifications/webhook-receiver";
import { startServer } from "./server";
import { MAX_TENANT_MAILBOXES } from "./tenant/seed-organisation";
import { DEMO_TENANT_DOMAIN, DEMO_TENANT_ID } from "./tenant/seed";
import { loadOrCreateTls } from "./tls";

export { DEMO_TENANT_DOMAIN, DEMO_TENANT_ID };
export { DEMO_USERS, SEED_MAILBOXES, upnOf } from "./tenant/seed";
export type { AppRegistration, IdTokenOptionalClaim, ThrottlingConfig };

export type EmulatorOptions = {
  port?: number; // 0 = any free port
  stateDir: string;
  apps: AppRegistration[];
  tokenLifetimeSeconds?: number; // default 3600
  mailboxes?: number; // a large tenant: this many generated mailboxes on top of the demo ones
  throttling?: ThrottlingConfig; // per-user throttling from the start (off by default)
  idTokenOptionalClaims?: IdTokenOptionalClaim[]; // e.g. ["upn"]; none by default, as Entra
  // A mail server for the portal's notifications (STARTTLS with the emulator's certificate), on
  // this port (0: any free one); none when unset. `login`: the SMTP login it requires.
  mail?: { port: number; login?: { user: string; password: string } };
  // The secret webhook signatures are checked with (POST /_webhook/…).
  webhookSecret?: string;
};

export type RunningEmulator = {
  url: string; // "https://localhost:PORT"
  port: number;
  caCertPath: string;
  tenantId: string;
  smtpPort: number | null; // the mail server's, when started with one
  close(): Promise<void>;
};

export async function startEmulator(opts: EmulatorOptions): Promise<RunningEmulator> {
  if (opts.apps.length === 0) throw new Error("startEmulator needs at least one app registration");
  for (const app of opts.apps) {
    if (!app.clientId || !app.clientSecret) throw new Error("every app registration needs a clientId and a clientSecret");
    for (const uri of app.redirectUris) new URL(uri); // throws on a malformed redirect URI
  }
  const mailboxes = opts.mailboxes ?? 0;
  if (!Number.isInteger(mailboxes) || mailboxes < 0 || mailboxes > MAX_TENANT_MAILBOXES) {
    throw new Error(`mailboxes must be a whole number from 0 to ${MAX_TENANT_MAILBOXES}`);
  }
  const tls = await loadOrCreateTls(opts.stateDir);
  const ctx: EmulatorContext = {
    baseUrl: "",
    apps: opts.apps.map((a) => ({ ...a, redirectUris: [...a.redirectUris] })),
    keys: await createSigningKeys(),
    state: new EmulatorState({
      tokenLifetimeSeconds: opts.tokenLifetimeSeconds ?? 3600,
      mailboxes,
      throttling: opts.throttling ? parseThrottlingConfig(opts.throttling) : null,
      idTokenOptionalClaims: opts.idTokenOptionalClaims,
    }),
    mail: opts.mail ? new MailSink({ port: opts.mail.port, tls, login: opts.mail.login }) : null,
    webhooks: new WebhookReceiver(opts.webhookSecret),
  };
  await ctx.mail?.start();
  const listening = await startServer(ctx, tls, opts.port ?? 0, (port) => {
    ctx.baseUrl = `https://localhost:${port}`;
  });
  return {
    url: ctx.baseUrl,
    port: listening.port,
    caCertPath: tls.caCertPath,
    tenantId: DEMO_TENANT_ID,
    smtpPort: ctx.mail?.port ?? null,
    close: async () => {
      await Promise.all([listening.close(), ctx.mail?.close()]);
    },
  };
}
