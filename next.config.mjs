/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM files from its own package directory; bundling breaks that.
  serverExternalPackages: ["@electric-sql/pglite"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
