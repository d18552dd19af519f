// Background duties of a running portal, at start-up and then every minute: requests a
// crash left executing are found and reconciled, and pending ones past their limit expire
// even when nobody opens a page that would expire them on read.
const SWEEP_SECONDS = Number(process.env.EXODESK_SWEEP_SECONDS ?? 60);

export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
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
  setInterval(() => void sweep(), SWEEP_SECONDS * 1000).unref();
}
