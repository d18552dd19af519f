// `npm run demo`: the portal on the embedded PostgreSQL (kept in EXODESK_DATA_DIR, default
// ./.data; DATABASE_URL instead when set), signed in through the local Microsoft 365 emulator.
// Ctrl+C stops everything, the database server included.
import { startStack } from "./stack/start-stack";

const portalPort = Number(process.env.PORT ?? 3000);
const emulatorPort = Number(process.env.EMULATOR_PORT ?? 4443);

const stack = await startStack({
  portalPort,
  emulatorPort,
  dataDir: process.env.EXODESK_DATA_DIR?.trim() || ".data",
  databaseUrl: process.env.DATABASE_URL?.trim() || undefined,
  emulatorStateDir: ".emulator",
  echo: true,
});

console.log(`
ExoDesk is running: ${stack.portalUrl}
Sign in on the emulator's page as one of the demo users (no password):
  helpdesk@contoso.onmicrosoft.com             Helpdesk; Exchange Recipient Management
  scoped.helpdesk@contoso.onmicrosoft.com      Helpdesk; sees and changes Sales mailboxes only
  writescope.helpdesk@contoso.onmicrosoft.com  Helpdesk; sees every mailbox, may change Sales ones only
  approver@contoso.onmicrosoft.com             Approver
  auditor@contoso.onmicrosoft.com              Auditor
  admin@contoso.onmicrosoft.com                Admin; Exchange Organization Management
  norole@contoso.onmicrosoft.com               no ExoDesk role
  noexchange@contoso.onmicrosoft.com           Helpdesk, but no Exchange role
Emulator (Entra ID + Exchange Online): ${stack.emulatorUrl}
Notifications: the mail the portal sends and the webhooks it posts are at ${stack.inboxUrl}
  (the emulator's mail server listens on 127.0.0.1:${stack.smtpPort}).
Press Ctrl+C to stop.`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void stack.stop().then(() => process.exit(0));
  });
}
