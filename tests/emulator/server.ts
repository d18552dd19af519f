import { createServer, type Server } from "node:https";
import type { EmulatorContext } from "./context";
import { handleControl } from "./control";
import { handleAuthorize, handleLogin } from "./entra/authorize";
import { handleDiscovery } from "./entra/discovery";
import { handleLogout } from "./entra/logout";
import { handleToken } from "./entra/token";
import { handleInvokeCommand } from "./exchange/invoke-command";
import { BodyTooLargeError, isFormContentType, readBody, send, sendJson, toParams, type Req, type Res } from "./http";

async function formOrQuery(req: Req, url: URL): Promise<Map<string, string>> {
  if (req.method === "POST" && isFormContentType(req)) return toParams(new URLSearchParams((await readBody(req)).toString("utf8")));
  return toParams(url.searchParams);
}

async function route(ctx: EmulatorContext, req: Req, res: Res): Promise<void> {
  const url = new URL(req.url ?? "/", ctx.baseUrl);
  const segs = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
  if (segs[0] === "_emulator") return handleControl(ctx, req, res, segs.slice(1));
  if (segs[0] === "_webhook") return ctx.webhooks.handle(req, res, url.pathname);
  if (segs[0] === "adminapi" && segs.length === 4 && segs[3]!.toLowerCase() === "invokecommand") {
    return handleInvokeCommand(ctx, req, res, url, segs[1]!, segs[2]!);
  }
  const [tenant, ...restSegs] = segs;
  const rest = restSegs.join("/");
  if (tenant) {
    if (req.method === "GET" && rest === "v2.0/.well-known/openid-configuration") return handleDiscovery(ctx, res, tenant, "openid");
    if (req.method === "GET" && (rest === "discovery/v2.0/keys" || rest === "discovery/keys")) return handleDiscovery(ctx, res, tenant, "keys");
    if (rest === "oauth2/v2.0/authorize" && (req.method === "GET" || req.method === "POST")) {
      return handleAuthorize(ctx, req, res, tenant, await formOrQuery(req, url));
    }
    if (rest === "login" && req.method === "POST") return handleLogin(ctx, res, tenant, await formOrQuery(req, url));
    if (rest === "oauth2/v2.0/token") return handleToken(ctx, req, res, tenant);
    if (rest === "oauth2/v2.0/logout" && (req.method === "GET" || req.method === "POST")) {
      return handleLogout(ctx, req, res, tenant, await formOrQuery(req, url));
    }
  }
  sendJson(res, 404, { error: `The Microsoft 365 emulator has no endpoint ${req.method} ${url.pathname}.` });
}

function createHandler(ctx: EmulatorContext) {
  return (req: Req, res: Res) => {
    route(ctx, req, res).catch((e: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (e instanceof BodyTooLargeError) return send(res, 413, "");
      console.error("[emulator] request failed:", req.method, req.url, e);
      sendJson(res, 500, { error: "The Microsoft 365 emulator failed on this request; see its log." });
    });
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => reject(e);
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export type Listening = { port: number; close(): Promise<void> };

// Listens on 127.0.0.1 and, where the machine has IPv6, on ::1 at the same port, so
// "localhost" works whichever address a client resolves first. Never on other interfaces.
export async function startServer(
  ctx: EmulatorContext,
  tls: { key: string; cert: string },
  port: number,
  onPort: (port: number) => void,
): Promise<Listening> {
  const handler = createHandler(ctx);
  const v4 = createServer({ key: tls.key, cert: tls.cert }, handler);
  const actual = await listen(v4, port, "127.0.0.1");
  onPort(actual);
  const servers = [v4];
  const v6 = createServer({ key: tls.key, cert: tls.cert }, handler);
  try {
    await listen(v6, actual, "::1");
    servers.push(v6);
  } catch {
    // no IPv6 loopback here: IPv4 alone serves "localhost"
  }
  return { port: actual, close: async () => void (await Promise.all(servers.map(closeServer))) };
}
