// `npm start`: the built portal behind Node's own HTTP server (Next.js's custom-server API), so
// that the socket's address is known before Next.js reads the request. Next.js only fills
// X-Forwarded-For with the socket address when the client has not sent one, which would let
// any client choose the address that is audited and rate-limited. Here X-Forwarded-For is
// replaced by the one client address (lib/security/forwarded.ts), believing forwarded headers
// only from EXODESK_TRUSTED_PROXIES.
//   tsx scripts/serve.ts [--port 3000] [--hostname 127.0.0.1]
// Port: --port, else PORT, else 3000. Without --hostname it listens on every interface, as
// `next start` does (HOSTNAME is not read: containers set it to their own name).
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import next from "next";
import { databaseUrl } from "../lib/db/client";
import { getEnv, type TEnv } from "../lib/env/settings";
import { configuredChannels } from "../lib/notifications/channels";
import { rewriteForwardedHeaders } from "../lib/security/forwarded";

const { values } = parseArgs({ options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } } });
const portText = values.port ?? process.env.PORT ?? "3000";
const port = Number(portText);
if (!/^\d+$/.test(portText) || port < 1 || port > 65535) {
  console.error(`The port must be a whole number from 1 to 65535 (--port or PORT), not "${portText}".`);
  process.exit(1);
}
const hostname = values.hostname;
// Every setting is read before anything listens: a bad value stops start-up with the
// variable's name and what it accepts (lib/env/settings.ts). The logger reads LOG_LEVEL, so it comes after.
let trusted: TEnv["EXODESK_TRUSTED_PROXIES"];
try {
  databaseUrl();
  trusted = getEnv().EXODESK_TRUSTED_PROXIES;
  // Half a notification setup (a host without a sender, URLs without a secret) stops it too.
  configuredChannels();
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
}
const { log } = await import("../lib/log/logger");

const started = performance.now();
const app = next({ dev: false, dir: process.cwd(), hostname: hostname ?? "localhost", port });
await app.prepare();
const handle = app.getRequestHandler();

const server = createServer((req, res) => {
  rewriteForwardedHeaders(req.headers, req.socket.remoteAddress, trusted);
  handle(req, res).catch((e: unknown) => {
    log.error({ err: e instanceof Error ? e : { message: String(e) } }, "request failed");
    if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
    res.end("Something went wrong in ExoDesk.");
  });
});
// Longer than load balancers' usual 60 s idle timeout, so none reuses a connection being closed.
server.keepAliveTimeout = 65_000;
// A port already taken (or not allowed) stops start-up with a message, not a stack trace.
server.on("error", (e: NodeJS.ErrnoException) => {
  console.error(e.code === "EADDRINUSE" ? `Port ${port} is already in use: stop what holds it or choose another (--port).` : `ExoDesk could not listen on port ${port}: ${e.message}`);
  process.exit(1);
});
server.listen(port, hostname, () => {
  const proxies = trusted.entries.length ? trusted.entries.join(", ") : "none (the socket's address is the client)";
  const host = !hostname ? "every interface" : hostname.includes(":") ? `[${hostname}]` : hostname;
  console.log(`ExoDesk listening on ${host}, port ${port}; trusted proxies: ${proxies}`);
  console.log(`Ready in ${Math.round(performance.now() - started)}ms`);
});

// A stop (SIGTERM from the orchestrator, Ctrl+C) lets requests in flight finish, up to a limit.
let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    // Requests still running after 10 s are cut off: an unclean stop, so say so in the exit code.
    setTimeout(() => process.exit(1), 10_000).unref();
    server.close(() => void app.close().finally(() => process.exit(0)));
    server.closeIdleConnections();
  });
}
