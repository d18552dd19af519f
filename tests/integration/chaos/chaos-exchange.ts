import { readFileSync } from "node:fs";
import { Agent, request } from "node:https";
import { gunzipSync } from "node:zlib";
import type { TExchange } from "@/lib/exchange/create-exchange";
import type { TRetryEvent } from "@/lib/exchange/retry";
import type { TClock } from "@/lib/time/clock";
import type { Harness } from "../../emulator/test-support/harness";
import { emulatorExchange } from "../support/emulator-exchange";

// The real Exchange client against the emulator for thousands of calls: HTTPS with keep-alive
// (a new TLS handshake per call would make the run CPU-bound) that trusts only the emulator's
// certificate, and a body that behaves as fetch's does: a body labelled gzip that is not gzip
// fails when it is read, as undici's decoding does.
export function keepAliveFetch(caCertPath: string): { fetchImpl: typeof fetch; close(): void } {
  const agent = new Agent({ keepAlive: true, ca: readFileSync(caCertPath), maxSockets: 32 });
  const fetchImpl: typeof fetch = (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const body = typeof init?.body === "string" ? Buffer.from(init.body) : undefined;
      const headers = Object.fromEntries(new Headers(init?.headers).entries());
      const req = request(String(input), { method: init?.method ?? "GET", agent, headers: { ...headers, ...(body ? { "content-length": String(body.length) } : {}) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", reject);
        res.on("end", () => {
          const out = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out.set(k, Array.isArray(v) ? v.join(", ") : v);
          resolve(new Response(res.statusCode === 204 ? null : decode(Buffer.concat(chunks), out), { status: res.statusCode ?? 0, headers: out }));
        });
      });
      req.on("error", reject);
      init?.signal?.addEventListener("abort", () => req.destroy(new Error("aborted")), { once: true });
      if (body) req.write(body);
      req.end();
    });
  return { fetchImpl, close: () => agent.destroy() };
}

function decode(raw: Buffer, headers: Headers): BodyInit {
  if (!/gzip/i.test(headers.get("content-encoding") ?? "")) return new Uint8Array(raw);
  try {
    return new Uint8Array(gunzipSync(raw));
  } catch {
    return new ReadableStream({ start: (c) => c.error(new TypeError("terminated: incorrect header check")) });
  }
}

export type TRetryCounts = { throttled: number; transient: number };

// Exchange as one demo user, counting the client's own retries, which wait on `clock`.
export function chaosExchangeAs(h: Harness, upn: string, fetchImpl: typeof fetch, retries: TRetryCounts, clock: TClock): Promise<TExchange> {
  const onRetry = (e: TRetryEvent) => {
    retries[e.reason]++;
  };
  // No throttle gate: chaos draws each 429 at random rather than from a per-person budget,
  // so pacing the person's calls one at a time after a 429 (right for Exchange's budget,
  // lib/exchange/throttle-gate.ts, proven by the bulk tests and benchmark) would only turn
  // this 2,000-operation run into a serial one. Every retry rule still applies.
  return emulatorExchange(h, upn, { fetchImpl, clock, retry: { onRetry, gate: undefined } });
}
