// Response bodies arrive with charset variants, byte-order marks and sometimes NUL padding
// (a 403 has been seen as 4 KB of NULs). This turns any of them into plain, trimmed text.
export function decodeBodyText(body: Uint8Array | string | null | undefined, contentType?: string): string {
  if (body === null || body === undefined) return "";
  const text = typeof body === "string" ? body : decodeBytes(body, contentType);
  return text.replace(/^\uFEFF/, "").replace(/\u0000/g, "").trim();
}

function decodeBytes(bytes: Uint8Array, contentType: string | undefined): string {
  const label = readBomEncoding(bytes) ?? readCharset(contentType) ?? "utf-8";
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}

function readBomEncoding(bytes: Uint8Array): string | undefined {
  const [a, b, c] = [bytes[0], bytes[1], bytes[2]];
  if (a === 0xef && b === 0xbb && c === 0xbf) return "utf-8";
  if (a === 0xff && b === 0xfe) return "utf-16le";
  if (a === 0xfe && b === 0xff) return "utf-16be";
  return undefined;
}

function readCharset(contentType: string | undefined): string | undefined {
  const match = /(?:^|;)\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? "");
  return match?.[1]?.toLowerCase();
}
