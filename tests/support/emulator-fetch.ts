import { readFileSync } from "node:fs";
import { Agent, request } from "node:https";
import { gunzipSync } from "node:zlib";

// One keep-alive agent per certificate (keyed by its text: an emulator may replace the file),
// keeping connections as Node's global agent does: a TLS handshake per call would make runs of
// thousands of calls CPU-bound. Idle connections do not keep the process alive.
const agents = new Map<string, Agent>();

function agentTrusting(caCertPath: string): Agent {
  const ca = readFileSync(caCertPath, "utf8");
  let agent = agents.get(ca);
  if (!agent) {
    agent = new Agent({ ca, keepAlive: true, scheduling: "lifo", timeout: 5000 });
    agents.set(ca, agent);
  }
  return agent;
}

// fetch over HTTPS that trusts only the emulator's own certificate (caCertPath), for tests that
// hand a fetch to production code (the Exchange client, MSAL) or call the emulator themselves.
// undici's Agent with the CA as fetch's dispatcher would do it, but undici is not a dependency;
// this is Node's https with the CA. It answers as fetch does where tests rely on it: a gzip body
// is decoded, and one labelled gzip that is not fails when it is read; the signal aborts the call.
export function emulatorFetch(caCertPath: string): typeof fetch {
  const agent = agentTrusting(caCertPath);
  return async (input, init) => {
    const req = new Request(input, init); // fetch's own reading of the arguments: body, headers, signal
    const body = req.body ? Buffer.from(await req.arrayBuffer()) : undefined;
    const headers = { ...Object.fromEntries(req.headers.entries()), ...(body ? { "content-length": String(body.length) } : {}) };
    return await new Promise<Response>((resolve, reject) => {
      if (req.signal.aborted) return reject(req.signal.reason);
      const call = request(req.url, { method: req.method, agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", reject);
        res.on("end", () => {
          const out = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) for (const one of Array.isArray(v) ? v : [v]) out.append(k, one);
          const status = res.statusCode ?? 0;
          resolve(new Response(status === 204 || status === 304 ? null : decode(Buffer.concat(chunks), out), { status, headers: out }));
        });
      });
      call.on("error", reject);
      req.signal.addEventListener("abort", () => call.destroy(req.signal.reason instanceof Error ? req.signal.reason : new Error("aborted")), { once: true });
      call.end(body);
    });
  };
}

function decode(raw: Buffer, headers: Headers): BodyInit {
  if (!/gzip/i.test(headers.get("content-encoding") ?? "")) return new Uint8Array(raw);
  try {
    return new Uint8Array(gunzipSync(raw));
  } catch {
    return new ReadableStream({ start: (c) => c.error(new TypeError("terminated: incorrect header check")) });
  }
}
