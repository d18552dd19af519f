import type { ChildProcess } from "node:child_process";
import path from "node:path";
import { DEMO_TENANT_ID } from "../../tests/emulator/index";
import { startEmbeddedDatabase } from "../db/embedded-postgres";
import { runToEnd, startAndWait, stopChild } from "./processes";
import { loadOrCreateSecrets } from "./secrets";

export type TStackOptions = {
  portalPort: number;
  emulatorPort: number;
  dataDir: string; // the demo's generated secrets, and its embedded database unless databaseUrl is given
  databaseUrl?: string; // a PostgreSQL database for the portal (the tests give each stack its own)
  emulatorStateDir: string; // the emulator's certificate
  echo?: boolean;
  logDir?: string; // when set, each process's whole output is kept in <logDir>/<name>.log
  extraEnv?: Record<string, string>;
  // Where the portal listens; "::" takes both 127.0.0.1 and ::1 (two client addresses on one machine).
  hostname?: string;
};

export type TStack = {
  portalUrl: string;
  emulatorUrl: string;
  caCertPath: string;
  tenantId: string;
  // The emulator's mail server (notifications; what it received: GET /_emulator/mail) and the
  // demo's page of what it and the webhook receiver got.
  smtpPort: number;
  inboxUrl: string;
  portalEnv: NodeJS.ProcessEnv;
  // Kills the portal at once (as a crash would) and starts it again on the same data.
  crashAndRestartPortal(): Promise<void>;
  // One more portal server (scripts/serve.ts) of the same build and environment (same secrets, NEXTAUTH_URL and
  // database) on another port, as a second instance behind a load balancer; stopped with the
  // stack.
  startAnotherPortal(port: number): Promise<string>;
  stop(): Promise<void>;
};

const bin = (name: string) => path.join(process.cwd(), "node_modules", ".bin", name);

const SMTP_USER = "exodesk";

// The emulator (Entra ID + Exchange, and a mail server and webhook receiver for notifications), the migrated database (the embedded PostgreSQL in
// <dataDir>/postgres unless databaseUrl is given) and the built portal, wired exactly as a real
// tenant would be, only with the emulator's URLs.
export async function startStack(options: TStackOptions): Promise<TStack> {
  const secrets = loadOrCreateSecrets(options.dataDir);
  const portalUrl = `http://localhost:${options.portalPort}`;
  const children: ChildProcess[] = [];
  const logFile = (name: string) => (options.logDir ? path.join(options.logDir, `${name}.log`) : undefined);
  let stopDatabase = async () => {};
  const stop = async () => {
    await Promise.all(children.reverse().map(stopChild));
    await stopDatabase();
  };
  try {
    let databaseUrl = options.databaseUrl;
    if (!databaseUrl) {
      const database = await startEmbeddedDatabase(options.dataDir);
      stopDatabase = database.stop;
      databaseUrl = database.url;
    }
    const emulator = await startAndWait(
      bin("tsx"),
      [
        "tests/emulator/main.ts",
        "--port", String(options.emulatorPort),
        "--state-dir", options.emulatorStateDir,
        "--client-id", secrets.clientId,
        "--redirect-uri", `${portalUrl}/api/auth/callback/entra`,
        "--smtp-port", "0",
      ],
      {
        env: {
          ...process.env,
          EMULATOR_CLIENT_SECRET: secrets.clientSecret,
          EMULATOR_SMTP_USER: SMTP_USER,
          EMULATOR_SMTP_PASSWORD: secrets.smtpPassword,
          EMULATOR_WEBHOOK_SECRET: secrets.webhookSecret,
        },
        ready: /^emulator ready /,
        timeoutMs: 60_000,
        name: "emulator",
        echo: options.echo,
        logFile: logFile("emulator"),
      },
    );
    children.push(emulator.child);
    const [, emulatorUrl = "", caPart = "", smtpPort = ""] = /^emulator ready (\S+) ca=(.+) smtp=(\d+)$/.exec(emulator.line) ?? [];
    const caCertPath = path.resolve(caPart);

    const portalEnv: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      NODE_EXTRA_CA_CERTS: caCertPath,
      DATABASE_URL: databaseUrl,
      NEXTAUTH_URL: portalUrl,
      NEXTAUTH_SECRET: secrets.nextAuthSecret,
      ENTRA_AUTHORITY_HOST: emulatorUrl,
      ENTRA_TENANT_ID: DEMO_TENANT_ID,
      ENTRA_CLIENT_ID: secrets.clientId,
      ENTRA_CLIENT_SECRET: secrets.clientSecret,
      EXCHANGE_BASE_URL: emulatorUrl,
      EXCHANGE_RESOURCE: "https://outlook.office365.com",
      TOKEN_CACHE_KEY: secrets.tokenCacheKey,
      // Notifications by e-mail through the emulator's mail server, over STARTTLS with a login
      // (its certificate is trusted above), and by webhook to its receiver.
      EXODESK_SMTP_HOST: "127.0.0.1",
      EXODESK_SMTP_PORT: smtpPort,
      EXODESK_SMTP_TLS: "starttls",
      EXODESK_SMTP_USER: SMTP_USER,
      EXODESK_SMTP_PASSWORD: secrets.smtpPassword,
      EXODESK_MAIL_FROM: "exodesk@contoso.onmicrosoft.com",
      EXODESK_WEBHOOK_URLS: `${emulatorUrl}/_webhook/exodesk`,
      EXODESK_WEBHOOK_SECRET: secrets.webhookSecret,
      ...options.extraEnv,
    };
    await runToEnd(bin("tsx"), ["scripts/db.ts", "migrate"], { env: portalEnv, name: "database migration" });
    const startPortal = async (port = options.portalPort) => {
      // The portal's own server (what `npm start` runs), so addresses are read as in production.
      // One process (node with tsx as its loader, not the tsx wrapper that spawns a child): a
      // crash test's SIGKILL must take the server and its port with it.
      const portal = await startAndWait(process.execPath, ["--import", "tsx", "scripts/serve.ts", "--port", String(port), "--hostname", options.hostname ?? "localhost"], {
        env: portalEnv,
        ready: /^Ready in/,
        timeoutMs: 120_000,
        name: "portal",
        echo: options.echo,
        logFile: logFile(port === options.portalPort ? "portal" : `portal-${port}`),
      });
      children.push(portal.child);
      return portal.child;
    };
    let portal = await startPortal();
    const crashAndRestartPortal = async () => {
      const exited = new Promise((resolve) => portal.once("exit", resolve));
      portal.kill("SIGKILL");
      await exited;
      portal = await startPortal();
    };
    const startAnotherPortal = async (port: number) => {
      await startPortal(port);
      return `http://localhost:${port}`;
    };
    return {
      portalUrl,
      emulatorUrl,
      caCertPath,
      tenantId: DEMO_TENANT_ID,
      smtpPort: Number(smtpPort),
      inboxUrl: `${emulatorUrl}/_emulator/inbox`,
      portalEnv,
      crashAndRestartPortal,
      startAnotherPortal,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
