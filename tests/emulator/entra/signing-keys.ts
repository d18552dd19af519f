import { createHash, X509Certificate } from "node:crypto";
import { exportJWK, exportPKCS8, exportSPKI, generateKeyPair, type CryptoKey, type JWK } from "jose";
import { generate } from "selfsigned";

export type SigningKeys = {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK; // kty, n, e, kid, use, x5t, x5c
};

// A fresh RS256 key per start. As in Entra's JWKS, the key is published with a certificate
// (x5c) and its SHA-1 thumbprint serves as both kid and x5t.
export async function createSigningKeys(): Promise<SigningKeys> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true, modulusLength: 2048 });
  const pems = await generate([{ name: "commonName", value: "accounts.accesscontrol.windows.net" }], {
    keyPair: { privateKey: await exportPKCS8(privateKey), publicKey: await exportSPKI(publicKey) },
    algorithm: "sha256",
    notAfterDate: new Date(Date.now() + 2 * 365 * 86_400_000),
  });
  const der = new X509Certificate(pems.cert).raw;
  const kid = createHash("sha1").update(der).digest("base64url");
  const { kty, n, e } = await exportJWK(publicKey);
  const publicJwk: JWK = { kty, use: "sig", kid, x5t: kid, n, e, x5c: [der.toString("base64")] };
  return { kid, privateKey, publicKey, publicJwk };
}
