// Background duties of a running portal: pending requests past their limit expire even when
// nobody opens a page that would expire them on read.
const SWEEP_MINUTES = 5;

export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { expireOverdueRequests } = await import("./lib/requests/expire-requests");
  const sweep = () => {
    expireOverdueRequests().catch((e: unknown) => console.error("expiry sweep failed", e instanceof Error ? e.message : "unknown error"));
  };
  setInterval(sweep, SWEEP_MINUTES * 60_000).unref();
}
