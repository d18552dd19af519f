import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";

// A plain HTTP server on a free local port for one test file (a stand-in for Exchange that a
// test scripts by hand): started in beforeAll, closed in afterAll. `handle` gets each request
// once its body has been read; `baseUrl` is the server's address once it listens.
export function localHttpServer(handle: (req: IncomingMessage, res: ServerResponse, body: string) => void): { readonly baseUrl: string } {
  let server: Server | undefined;
  let baseUrl = "";
  beforeAll(async () => {
    const started = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => handle(req, res, Buffer.concat(chunks).toString("utf8")));
    });
    server = started;
    await new Promise<void>((resolve) => started.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(started.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });
  return {
    get baseUrl() {
      return baseUrl;
    },
  };
}
