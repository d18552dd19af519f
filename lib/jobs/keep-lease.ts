// A lease held while background work runs (a bulk runner, a report builder). The lease's own
// value, its expiry, is the holder's token: a renewal succeeds only for the process that set
// it, so a holder whose renewal fails has been replaced (its lease ran out and another took
// over) and must stop.

export type TLeaseKeeper = { current(): Date; stop(): Promise<void> };

// Renews the lease every `periodMs` while the work runs, however long one step takes. `renew`
// moves the lease on from `held` and returns the new one, or null when `held` is no longer the
// lease; `onLost` is then called once. A renewal that throws (the database briefly unreachable)
// is tried again on the next tick.
export function keepLease(options: { held: Date; periodMs: number; renew(held: Date): Promise<Date | null>; onLost(): void }): TLeaseKeeper {
  let lease = options.held;
  let lost = false;
  let chain: Promise<void> = Promise.resolve();
  const renew = async () => {
    if (lost) return;
    const next = await options.renew(lease);
    if (next) lease = next;
    else {
      lost = true;
      options.onLost();
    }
  };
  const timer = setInterval(() => void (chain = chain.then(renew).catch(() => undefined)), options.periodMs);
  timer.unref?.();
  return {
    current: () => lease,
    async stop() {
      clearInterval(timer);
      await chain;
    },
  };
}
