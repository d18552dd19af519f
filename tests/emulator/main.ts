import { parseArgs } from "node:util";
import { parseThrottlingConfig, type ThrottlingConfig } from "./exchange/throttling";
import { ID_TOKEN_OPTIONAL_CLAIMS, type IdTokenOptionalClaim } from "./context";
import { startEmulator } from "./index";
import { MAX_TENANT_MAILBOXES } from "./tenant/seed-organisation";

// npx tsx tests/emulator/main.ts --port 4443 --state-dir .emulator --client-id <id> \
//   --redirect-uri <url> [--redirect-uri <url>] [--token-lifetime <seconds>] [--mailboxes <n>]
//   [--throttling concurrency=<n>,ratePerSecond=<r>,burst=<b>] [--id-token-claim upn]
//   [--smtp-port <port, 0 for any free one>]
// The client secret comes from EMULATOR_CLIENT_SECRET, never from the command line; so do the
// mail server's login (EMULATOR_SMTP_USER, EMULATOR_SMTP_PASSWORD; none: no login) and the
// secret webhook signatures are checked with (EMULATOR_WEBHOOK_SECRET).

function fail(message: string): never {
  process.stderr.write(`emulator: ${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: "string", default: "4443" },
        "state-dir": { type: "string", default: ".emulator" },
        "client-id": { type: "string" },
        "redirect-uri": { type: "string", multiple: true },
        "token-lifetime": { type: "string" },
        mailboxes: { type: "string" },
        throttling: { type: "string" },
        "id-token-claim": { type: "string", multiple: true },
        "smtp-port": { type: "string" },
      },
      strict: true,
    }));
  } catch (e) {
    fail((e as Error).message);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) fail("--port must be a port number (0 for any free port)");
  const clientId = values["client-id"];
  if (!clientId) fail("--client-id is required");
  const redirectUris = values["redirect-uri"] ?? [];
  if (redirectUris.length === 0) fail("at least one --redirect-uri is required");
  const clientSecret = process.env.EMULATOR_CLIENT_SECRET;
  if (!clientSecret) fail("set the client secret in the EMULATOR_CLIENT_SECRET environment variable");
  const lifetime = values["token-lifetime"] === undefined ? undefined : Number(values["token-lifetime"]);
  if (lifetime !== undefined && (!Number.isInteger(lifetime) || lifetime < 1)) fail("--token-lifetime must be a whole number of seconds");
  const mailboxes = values.mailboxes === undefined ? undefined : Number(values.mailboxes);
  if (mailboxes !== undefined && (!Number.isInteger(mailboxes) || mailboxes < 0 || mailboxes > MAX_TENANT_MAILBOXES)) {
    fail(`--mailboxes must be a whole number from 0 to ${MAX_TENANT_MAILBOXES}`);
  }
  let throttling: ThrottlingConfig | undefined;
  try {
    throttling = values.throttling === undefined ? undefined : parseThrottlingConfig(values.throttling);
  } catch (e) {
    fail(`--throttling: ${(e as Error).message}`);
  }

  const smtpPort = values["smtp-port"] === undefined ? undefined : Number(values["smtp-port"]);
  if (smtpPort !== undefined && (!Number.isInteger(smtpPort) || smtpPort < 0 || smtpPort > 65_535)) fail("--smtp-port must be a port number (0 for any free port)");
  const { EMULATOR_SMTP_USER: smtpUser, EMULATOR_SMTP_PASSWORD: smtpPassword } = process.env;
  if (Boolean(smtpUser) !== Boolean(smtpPassword)) fail("set both EMULATOR_SMTP_USER and EMULATOR_SMTP_PASSWORD, or neither");

  const optionalClaims = values["id-token-claim"] ?? [];
  const unknownClaim = optionalClaims.find((c) => !ID_TOKEN_OPTIONAL_CLAIMS.includes(c as IdTokenOptionalClaim));
  if (unknownClaim !== undefined) fail(`--id-token-claim: '${unknownClaim}' is not an optional claim the emulator knows (${ID_TOKEN_OPTIONAL_CLAIMS.join(", ")})`);

  const emulator = await startEmulator({
    port,
    stateDir: values["state-dir"] ?? ".emulator",
    apps: [{ clientId, clientSecret, redirectUris }],
    tokenLifetimeSeconds: lifetime,
    mailboxes,
    throttling,
    idTokenOptionalClaims: optionalClaims as IdTokenOptionalClaim[],
    mail: smtpPort === undefined ? undefined : { port: smtpPort, login: smtpUser && smtpPassword ? { user: smtpUser, password: smtpPassword } : undefined },
    webhookSecret: process.env.EMULATOR_WEBHOOK_SECRET || undefined,
  });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  const smtp = emulator.smtpPort === null ? "" : ` smtp=${emulator.smtpPort}`;
  process.stdout.write(`emulator ready ${emulator.url} ca=${emulator.caCertPath}${smtp}\n`);
}

main().catch((e: unknown) => fail(e instanceof Error ? e.message : String(e)));
