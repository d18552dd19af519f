import { emulatorFetch } from "./emulator-fetch";

// The emulator's control API, over HTTPS trusting only the emulator's own certificate.
export async function callEmulator<T = unknown>(
  base: { url: string; caPath: string },
  method: "GET" | "POST" | "DELETE",
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await emulatorFetch(base.caPath)(new URL(path, base.url), {
    method,
    ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (res.status >= 400) throw new Error(`emulator ${method} ${path} → ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}
