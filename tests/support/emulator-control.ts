import { readFileSync } from "node:fs";
import { request } from "node:https";

// The emulator's control API, over HTTPS trusting only the emulator's own certificate.
export async function callEmulator<T = unknown>(
  base: { url: string; caPath: string },
  method: "GET" | "POST" | "DELETE",
  path: string,
  body?: unknown,
): Promise<T> {
  const url = new URL(path, base.url);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return await new Promise<T>((resolve, reject) => {
    const req = request(
      url,
      { method, ca: readFileSync(base.caPath), headers: payload ? { "content-type": "application/json", "content-length": Buffer.byteLength(payload) } : {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          if ((res.statusCode ?? 500) >= 400) return reject(new Error(`emulator ${method} ${path} → ${res.statusCode}: ${text}`));
          resolve((text ? JSON.parse(text) : null) as T);
        });
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}
