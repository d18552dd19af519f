// Background duties of a running portal, at start-up and then every EXODESK_SWEEP_SECONDS:
// requests a crash left executing are found and reconciled, and pending ones past their limit
// expire even when nobody opens a page that would expire them on read.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getSetting } = await import("./lib/env");
  const sweepSeconds = getSetting("EXODESK_SWEEP_SECONDS");
  const { sweepRequests } = await import("./lib/requests/sweep-requests");
  const { log } = await import("./lib/log");
  let running = false;
  const sweep = async () => {
    if (running) return;
    running = true;
    try {
      await sweepRequests();
    } catch (e) {
      log.error({ err: e instanceof Error ? e : { message: "unknown error" } }, "request sweep failed");
    } finally {
      running = false;
    }
  };
  void sweep();
  setInterval(() => void sweep(), sweepSeconds * 1000).unref();
}
