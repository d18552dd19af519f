// Headers every response carries, static files included. The Content-Security-Policy (with its
// per-request nonce) and Strict-Transport-Security (only when NEXTAUTH_URL is https, known at
// run time) are set in proxy.ts.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // `npm test` runs tsc over the whole project (tests too) before it builds, and says so with
  // EXODESK_TYPECHECKED: its build need not check the app's types a second time (about 25 s).
  typescript: { ignoreBuildErrors: process.env.EXODESK_TYPECHECKED === "1" },
  experimental: {
    // A fresh clone (CI) builds once: writing Turbopack's cache for a next build would cost it
    // about 12 s for nothing. Elsewhere the cache makes the next build faster.
    turbopackFileSystemCacheForBuild: !process.env.CI,
    serverActions: {
      // Server actions are accepted only when the browser's Origin is this portal's own host
      // (Host, or X-Forwarded-Host from the reverse proxy). No other origin is trusted: keep
      // this empty, and have the proxy forward the public host instead of listing it here.
      // proxy.ts also refuses actions that carry no Origin at all.
      allowedOrigins: [],
      // Above the largest post ExoDesk's own limits allow (lib/forms/limits.ts): a bulk change of
      // 5000 mailboxes (about 1.7 MB of addresses) with two 64 KB messages, or a 1 MB list
      // whose JSON encoding may double it. Anything within ExoDesk's limits then reaches
      // ExoDesk's own checks and their plain messages; the browser refuses larger fields before
      // posting, so only a crafted post meets this limit.
      bodySizeLimit: "3mb",
    },
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
