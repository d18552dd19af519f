import { X509Certificate } from "node:crypto";
import { existsSync, linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generate } from "selfsigned";
import { randomToken } from "./ids";

export type TlsMaterial = { key: string; cert: string; caCertPath: string };

const BUNDLE_FILE = "tls.pem"; // private key + certificate; never leaves the state dir
const CA_FILE = "ca.pem"; // the certificate alone, for NODE_EXTRA_CA_CERTS
const VALID_DAYS = 365;
const RENEW_BEFORE_MS = 7 * 24 * 3600 * 1000;

// The same self-signed certificate is both the server certificate and the CA that clients
// trust, so it is kept across restarts: a portal started with NODE_EXTRA_CA_CERTS keeps working.
export async function loadOrCreateTls(stateDir: string): Promise<TlsMaterial> {
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const bundlePath = join(stateDir, BUNDLE_FILE);
  let bundle = readUsableBundle(bundlePath);
  if (!bundle) {
    const fresh = await createCertificate();
    // Create-if-absent through a hard link, so concurrent starts on one state dir agree on
    // one certificate; an unusable old bundle is replaced outright.
    const tmp = join(stateDir, `.${BUNDLE_FILE}.${randomToken(6)}`);
    writeFileSync(tmp, `${fresh.key}${fresh.cert}`, { mode: 0o600 });
    if (existsSync(bundlePath) && !readUsableBundle(bundlePath)) renameSync(tmp, bundlePath);
    else {
      try {
        linkSync(tmp, bundlePath);
      } catch {
        // another process created it first: use theirs
      }
      unlinkSync(tmp);
    }
    bundle = readUsableBundle(bundlePath);
    if (!bundle) throw new Error(`could not create a usable TLS certificate in ${stateDir}`);
  }
  const caCertPath = join(stateDir, CA_FILE);
  if (!existsSync(caCertPath) || readFileSync(caCertPath, "utf8") !== bundle.cert) {
    const tmp = join(stateDir, `.${CA_FILE}.${randomToken(6)}`);
    writeFileSync(tmp, bundle.cert, { mode: 0o644 });
    renameSync(tmp, caCertPath);
  }
  return { key: bundle.key, cert: bundle.cert, caCertPath };
}

function readUsableBundle(path: string): { key: string; cert: string } | undefined {
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, "utf8");
  const key = pemBlock(text, "PRIVATE KEY");
  const cert = pemBlock(text, "CERTIFICATE");
  if (!key || !cert) return undefined;
  try {
    const x509 = new X509Certificate(cert);
    const san = x509.subjectAltName ?? "";
    const usable =
      x509.ca &&
      san.includes("DNS:localhost") &&
      san.includes("IP Address:127.0.0.1") &&
      new Date(x509.validTo).getTime() - Date.now() > RENEW_BEFORE_MS;
    return usable ? { key, cert } : undefined;
  } catch {
    return undefined;
  }
}

async function createCertificate(): Promise<{ key: string; cert: string }> {
  const notBeforeDate = new Date(Date.now() - 60_000);
  const notAfterDate = new Date(notBeforeDate.getTime() + VALID_DAYS * 24 * 3600 * 1000);
  const pems = await generate(
    [
      { name: "commonName", value: "localhost" },
      { name: "organizationName", value: "ExoDesk Microsoft 365 emulator (test only)" },
    ],
    {
      keySize: 2048,
      algorithm: "sha256",
      notBeforeDate,
      notAfterDate,
      extensions: [
        { name: "basicConstraints", cA: true, critical: true },
        { name: "keyUsage", digitalSignature: true, keyEncipherment: true, keyCertSign: true, critical: true },
        { name: "extKeyUsage", serverAuth: true },
        {
          name: "subjectAltName",
          altNames: [
            { type: 2, value: "localhost" },
            { type: 7, ip: "127.0.0.1" },
            { type: 7, ip: "::1" },
          ],
        },
      ],
    },
  );
  return { key: ensureNewline(pems.private), cert: ensureNewline(pems.cert) };
}

function ensureNewline(pem: string): string {
  const unix = pem.replace(/\r\n/g, "\n");
  return unix.endsWith("\n") ? unix : `${unix}\n`;
}

// One PEM block of the bundle, by its label.
function pemBlock(text: string, label: string): string | undefined {
  return new RegExp(`-----BEGIN ${label}-----[\\s\\S]+?-----END ${label}-----\\r?\\n`).exec(text)?.[0];
}
