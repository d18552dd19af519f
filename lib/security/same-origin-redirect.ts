// Where a sign-in may send a person afterwards: only somewhere on the portal itself. Parsing
// with the URL parser (as the browser will) catches what prefix checks miss: "//host",
// "/\\host", "/\t/host", "https:host", encoded or mixed-case schemes.
const PLACEHOLDER_ORIGIN = "https://exodesk.invalid";

// For a callbackUrl given as a path: the same path (normalised), or the fallback.
export function toSameOriginPath(value: string | null | undefined, fallback = "/"): string {
  if (!value || !value.startsWith("/")) return fallback;
  // Browsers drop tabs and newlines inside URLs and read "\" as "/": judge what they will see.
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, PLACEHOLDER_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // A path that begins with "//" after normalisation would be read as a host by a later hop.
  return path.startsWith("//") ? fallback : path;
}

// next-auth's redirect callback: a path or an absolute URL on baseUrl's origin, else baseUrl.
export function toSameOriginUrl(value: string, baseUrl: string): string {
  const base = new URL(baseUrl);
  if (value.startsWith("/")) {
    const path = toSameOriginPath(value, "");
    return path ? new URL(path, base.origin).toString() : baseUrl;
  }
  try {
    const url = new URL(value);
    if (url.origin !== base.origin || /[\u0000-\u001f\u007f\\]/.test(value)) return baseUrl;
    return toSameOriginPath(`${url.pathname}${url.search}${url.hash}`, "") ? url.toString() : baseUrl;
  } catch {
    return baseUrl;
  }
}
