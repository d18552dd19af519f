import { readFileSync } from "node:fs";
import { request } from "node:https";

// A raw HTTPS client for tests: trusts the emulator's CA, follows no redirects and does not
// decode bodies, so tests see exactly what the emulator sent.

export type RawResponse = {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text(): string;
  json<T = any>(): T; // eslint-disable-line @typescript-eslint/no-explicit-any
  header(name: string): string | undefined;
};

export type RequestOptions = {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
};

const caCache = new Map<string, Buffer>();

export function httpsRequest(caCertPath: string, url: string, opts: RequestOptions = {}): Promise<RawResponse> {
  let ca = caCache.get(caCertPath);
  if (!ca) {
    ca = readFileSync(caCertPath);
    caCache.set(caCertPath, ca);
  }
  const body = opts.body === undefined ? undefined : Buffer.from(opts.body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: opts.method ?? "GET",
        ca,
        headers: { ...(body ? { "Content-Length": String(body.length) } : {}), ...opts.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", reject);
        res.on("end", () => {
          const buf = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: buf,
            text: () => buf.toString("utf8"),
            json: () => JSON.parse(buf.toString("utf8")),
            header: (name) => {
              const v = res.headers[name.toLowerCase()];
              return Array.isArray(v) ? v.join(", ") : v;
            },
          });
        });
      },
    );
    req.on("error", reject);
    if (body) req.write(body);
    req.end();
  });
}

export function formBody(fields: Record<string, string | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) p.set(k, v);
  return p.toString();
}

export const FORM = { "Content-Type": "application/x-www-form-urlencoded" };
