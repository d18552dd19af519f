import { simpleParser, type AddressObject } from "mailparser";
import { SMTPServer } from "smtp-server";

// A real SMTP server that keeps what it receives, beside the emulator (tests and `npm run demo`):
// the portal sends its notification mail here through nodemailer exactly as to an organisation's
// relay, STARTTLS (the emulator's certificate) and a login included. Listens on 127.0.0.1 only.
// Tests take it down for a while (connections refused, or every session answered "421 try again
// later", as a relay under maintenance does) and make one address refused for good ("550 5.1.1",
// as Exchange Online answers for a recipient that does not exist).

export type TReceivedMail = {
  receivedAt: string;
  secure: boolean; // over TLS (STARTTLS here)
  login: string | null; // the SMTP login the sender used
  envelope: { from: string; to: string[] };
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  messageId: string | null;
  headers: Record<string, string>; // each header's first line as sent (lower-case names)
  raw: string; // the whole message as received, for scans
};

export type TMailOutage = "refuse" | "421";

export type TMailSinkOptions = {
  port: number; // 0: any free port
  tls?: { key: string; cert: string }; // offers STARTTLS with it; none: plain only
  login?: { user: string; password: string }; // required when set (over TLS only)
};

export type TMailSinkStatus = { port: number; outage: TMailOutage | null; refused: string[]; received: number };

const addressText = (a: AddressObject | AddressObject[] | undefined) => (Array.isArray(a) ? a.map((x) => x.text).join(", ") : (a?.text ?? ""));

export class MailSink {
  private server: SMTPServer | null = null;
  private received: TReceivedMail[] = [];
  private outageMode: TMailOutage | null = null;
  private readonly refused = new Set<string>();
  port = 0;

  constructor(private readonly options: TMailSinkOptions) {}

  async start(): Promise<void> {
    const { tls, login } = this.options;
    const server = new SMTPServer({
      banner: "ExoDesk test mail sink",
      logger: false,
      size: 1_000_000,
      ...(tls ? { key: tls.key, cert: tls.cert } : { disabledCommands: ["STARTTLS"] }),
      authOptional: !login,
      allowInsecureAuth: !tls,
      onAuth: (auth, _session, callback) => {
        if (login && auth.username === login.user && auth.password === login.password) return callback(null, { user: auth.username });
        callback(Object.assign(new Error("5.7.8 Authentication unsuccessful"), { responseCode: 535 }));
      },
      onConnect: (_session, callback) => {
        if (this.outageMode === "421") return callback(Object.assign(new Error("4.3.2 Service not available, try again later"), { responseCode: 421 }));
        callback();
      },
      onRcptTo: (address, _session, callback) => {
        if (this.refused.has(address.address.toLowerCase())) {
          return callback(Object.assign(new Error(`5.1.1 RESOLVER.ADR.RecipNotFound; not found: ${address.address}`), { responseCode: 550 }));
        }
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          const raw = Buffer.concat(chunks);
          simpleParser(raw).then(
            (mail) => {
              this.received.push({
                receivedAt: new Date().toISOString(),
                secure: session.secure,
                login: typeof session.user === "string" ? session.user : null,
                envelope: { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address) },
                from: addressText(mail.from),
                to: addressText(mail.to),
                subject: mail.subject ?? "",
                text: mail.text ?? "",
                html: mail.html || null,
                messageId: mail.messageId ?? null,
                headers: Object.fromEntries(mail.headerLines.map((h) => [h.key, h.line.slice(h.line.indexOf(":") + 1).trim()])),
                raw: raw.toString("utf8"),
              });
              callback();
            },
            (e: unknown) => callback(e instanceof Error ? e : new Error(String(e))),
          );
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port || this.options.port, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
    server.on("error", () => undefined); // a client's broken connection is not the sink's failure
    const address = server.server.address();
    this.port = typeof address === "object" && address ? address.port : this.port;
    this.server = server;
  }

  private async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  // Down until `up()`: "refuse" stops listening (connections are refused), "421" answers every
  // new session with 421 and closes it.
  async down(mode: TMailOutage): Promise<void> {
    this.outageMode = mode;
    if (mode === "refuse") await this.stop();
    else if (!this.server) await this.start();
  }

  async up(): Promise<void> {
    this.outageMode = null;
    if (!this.server) await this.start();
  }

  refuse(address: string): void {
    this.refused.add(address.toLowerCase());
  }

  // The switches back to normal (the emulator's reset); what was received is kept until clear().
  async resetSwitches(): Promise<void> {
    this.refused.clear();
    await this.up();
  }

  messages(): TReceivedMail[] {
    return [...this.received];
  }

  clear(): void {
    this.received = [];
  }

  status(): TMailSinkStatus {
    return { port: this.port, outage: this.outageMode, refused: [...this.refused], received: this.received.length };
  }

  async close(): Promise<void> {
    await this.stop();
  }
}
