import { log } from "@/lib/log/logger";

// The portal's background duties, run at start-up and then every few seconds. Each duty must be
// safe in several instances at once (every move it makes is a conditional update); a pass never
// overlaps the previous one in this process, and a duty that fails is logged without keeping
// the duties after it from running.

export type TSweepDuty = { name: string; run: () => Promise<unknown> };

export type TSweep = {
  // One pass over every duty, in order; resolves when it ends (at once while one is going on).
  runOnce(): Promise<void>;
  // A pass now, then one every `everySeconds`; the timer does not keep the process alive.
  start(everySeconds: number): void;
};

export function createSweep(duties: readonly TSweepDuty[]): TSweep {
  let running = false;
  const runOnce = async () => {
    if (running) return;
    running = true;
    try {
      for (const duty of duties) {
        try {
          await duty.run();
        } catch (e) {
          log.error({ err: e instanceof Error ? e : { message: "non-error thrown" }, duty: duty.name }, "sweep duty failed");
        }
      }
    } finally {
      running = false;
    }
  };
  return {
    runOnce,
    start(everySeconds) {
      void runOnce();
      setInterval(() => void runOnce(), everySeconds * 1000).unref();
    },
  };
}
