import { log } from "@/lib/log/logger";

// Work that goes on in this process after the page that started it has answered: a bulk run, a
// report build. One run per job and key at a time in this process; other processes are kept
// out by the job's own lease (keep-lease.ts), which is the guarantee across instances.

export type TBackgroundJob<T> = {
  // Starts the run for `key` unless one is already going on here, and returns the promise of
  // the run going on either way. It never rejects: a run that throws is logged and gives null,
  // and the key is free again for the next start (the sweep's, say).
  start(key: string, run: () => Promise<T>): Promise<T | null>;
  // The run for `key` going on in this process, if any.
  find(key: string): Promise<T | null> | undefined;
};

// Kept on globalThis: Next.js evaluates a module more than once in one process (once per
// bundle it is part of), and every copy must see the same runs.
const store = globalThis as typeof globalThis & { __exodeskBackgroundJobs?: Map<string, Map<string, Promise<unknown>>> };
const jobs = (store.__exodeskBackgroundJobs ??= new Map());

// `name` says what runs in the logs ("bulk run"); `keyField` is the log field the key goes in.
export function defineBackgroundJob<T>(job: { name: string; keyField: string }): TBackgroundJob<T> {
  const runs = jobs.get(job.name) ?? jobs.set(job.name, new Map()).get(job.name)!;
  const find = (key: string) => runs.get(key) as Promise<T | null> | undefined;
  return {
    find,
    start(key, run) {
      const running = find(key);
      if (running) return running;
      const started = Promise.resolve()
        .then(run)
        .then(
          (outcome) => {
            log.info({ [job.keyField]: key, outcome }, `${job.name} ended`);
            return outcome;
          },
          (e: unknown) => {
            log.error({ err: e instanceof Error ? e : { message: "non-error thrown" }, [job.keyField]: key }, `${job.name} failed`);
            return null;
          },
        )
        .finally(() => runs.delete(key));
      runs.set(key, started);
      return started;
    },
  };
}
