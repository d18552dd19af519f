import pMap from "p-map";

// Works through `items`, `concurrency` at a time (p-map schedules them; an async iterable is
// pulled one item at a time, so no two workers get the same one). Once `stopped()` says so, or
// one item's work throws, no further item is taken; the items in flight finish first, then the
// first error is thrown. (p-map on its own rejects at once and leaves the others running,
// which would let a job release its lease while work it started is still going on.)
export async function runPool<T>(
  items: Iterable<T> | AsyncIterable<T>,
  work: (item: T) => Promise<void>,
  options: { concurrency: number; stopped?: () => boolean },
): Promise<void> {
  let failure: { error: unknown } | null = null;
  const stopped = () => failure !== null || (options.stopped?.() ?? false);
  async function* untilStopped() {
    for await (const item of items) {
      if (stopped()) return;
      yield item;
    }
  }
  await pMap(
    untilStopped(),
    async (item) => {
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    },
    { concurrency: options.concurrency },
  );
  if (failure) throw (failure as { error: unknown }).error;
}
