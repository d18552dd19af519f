import { BlockList, isIP } from "node:net";

// Who is on the other end of a request. X-Forwarded-For is only a claim; a client can send
// any value. It is believed only when the socket's peer is a proxy the operator named
// (EXODESK_TRUSTED_PROXIES), and then only as far back as the chain of named proxies goes:
// the first address from the right that is not a trusted proxy is the client.

export type TTrustedProxies = { readonly entries: readonly string[]; has(address: string): boolean };

// "::ffff:10.0.0.1" (an IPv4 client on a dual-stack socket) is 10.0.0.1, so that it is
// recorded, limited and matched as one address.
export function normaliseAddress(address: string): string | null {
  let a = address.trim();
  if (a.startsWith("[") && a.includes("]")) a = a.slice(1, a.indexOf("]")); // "[::1]:443"
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(":")); // "1.2.3.4:5678"
  a = a.toLowerCase();
  const mapped = /^(?:::|(?:0{1,4}:){5})ffff:(.+)$/.exec(a)?.[1];
  if (mapped && isIP(a) === 6) {
    if (isIP(mapped) === 4) return mapped;
    const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(mapped);
    if (hex) {
      const [hi, lo] = [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16)];
      return [hi >> 8, hi & 255, lo >> 8, lo & 255].join(".");
    }
  }
  return isIP(a) ? a : null;
}

// One entry of EXODESK_TRUSTED_PROXIES: an address or a CIDR range, IPv4 or IPv6.
export function parseProxyEntry(entry: string): { address: string; prefix: number | null } | string {
  const [raw = "", prefixText, extra] = entry.trim().split("/");
  const address = normaliseAddress(raw);
  if (!address || raw.includes("]") || extra !== undefined) return `"${entry.trim()}" is not an IP address or a CIDR range (such as 10.0.0.0/8 or fd00::/8)`;
  if (prefixText === undefined) return { address, prefix: null };
  const max = isIP(address) === 4 ? 32 : 128;
  const prefix = Number(prefixText);
  if (!/^\d{1,3}$/.test(prefixText) || prefix > max) return `"${entry.trim()}" has a prefix length outside 0–${max}`;
  return { address, prefix };
}

// Throws with every bad entry named; "" trusts nobody.
export function parseTrustedProxies(value: string | undefined): TTrustedProxies {
  const entries = (value ?? "").split(",").map((e) => e.trim()).filter(Boolean);
  const list = new BlockList();
  const problems: string[] = [];
  for (const entry of entries) {
    const parsed = parseProxyEntry(entry);
    if (typeof parsed === "string") {
      problems.push(parsed);
      continue;
    }
    const family = isIP(parsed.address) === 4 ? "ipv4" : "ipv6";
    if (parsed.prefix === null) list.addAddress(parsed.address, family);
    else list.addSubnet(parsed.address, parsed.prefix, family);
  }
  if (problems.length) throw new Error(problems.join("; "));
  return {
    entries,
    has: (address) => {
      const a = normaliseAddress(address);
      return entries.length > 0 && a !== null && list.check(a, isIP(a) === 4 ? "ipv4" : "ipv6");
    },
  };
}

// The client's address: the socket's peer, unless that peer is a trusted proxy; then the
// X-Forwarded-For chain is walked from the right past every trusted proxy. An entry that is
// not an address ends the walk at the proxy that passed it on. Null only without a socket address.
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trusted: TTrustedProxies): string | null {
  const peer = socketAddress ? normaliseAddress(socketAddress) : null;
  if (!peer || !trusted.has(peer)) return peer;
  const chain = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor ?? "").split(",").map((e) => e.trim()).filter(Boolean);
  let client = peer;
  for (let i = chain.length - 1; i >= 0; i--) {
    const hop = normaliseAddress(chain[i]!);
    if (!hop) return client;
    client = hop;
    if (!trusted.has(hop)) return hop;
  }
  return client;
}

// The headers that only a trusted proxy may set: from anyone else they are dropped, so Next.js
// fills them from the socket (its server-action origin check compares Origin with
// X-Forwarded-Host: a client must not be able to choose that host).
export const PROXY_ONLY_HEADERS = ["x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "forwarded"] as const;

export type TIncomingHeaders = Record<string, string | string[] | undefined>;

// Rewrites a request's headers in place before Next.js reads them: x-forwarded-for becomes the
// one client address (route handlers, actions and proxy.ts read it from there), x-real-ip goes.
export function rewriteForwardedHeaders(headers: TIncomingHeaders, socketAddress: string | undefined, trusted: TTrustedProxies): string | null {
  const peer = socketAddress ? normaliseAddress(socketAddress) : null;
  const client = clientAddress(socketAddress, headers["x-forwarded-for"], trusted);
  if (!peer || !trusted.has(peer)) for (const name of PROXY_ONLY_HEADERS) delete headers[name];
  delete headers["x-real-ip"];
  if (client) headers["x-forwarded-for"] = client;
  else delete headers["x-forwarded-for"];
  return client;
}
