// CPU profiles of the portal server for one phase of a benchmark's load at a time: the server
// loads cpu-profile-on-signal.mjs (through the environment below, given to start-stack as
// extraEnv), and each phase() signals it to start, then to stop and write its profile.
//   profiler = cpuProfiler(dir); startStack({ …, extraEnv: { …, ...profiler.env } });
//   await profiler.phase("page", () => 60, async () => { … 60 page requests … });
// Each phase leaves <dir>/<name>.cpuprofile and <dir>/<name>.requests (how many requests it
// made); tests/bench/support/summarise-cpu-profile.ts reads both.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as wait } from "node:timers/promises";

export type TCpuProfiler = { env: Record<string, string>; phase<T>(name: string, requests: () => number, run: () => Promise<T>): Promise<T> };

export function cpuProfiler(dir: string): TCpuProfiler {
  const absolute = path.resolve(dir);
  mkdirSync(absolute, { recursive: true });
  const preload = path.join(import.meta.dirname, "cpu-profile-on-signal.mjs");
  let written = 0;
  const pidFile = path.join(absolute, "portal.pid");
  const signal = () => process.kill(Number(readFileSync(pidFile, "utf8")), "SIGUSR2");
  return {
    env: { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import=${preload}`.trim(), EXODESK_CPU_PROFILE_DIR: absolute },
    async phase(name, requests, run) {
      signal();
      try {
        return await run();
      } finally {
        signal();
        const file = path.join(absolute, `portal-${++written}.cpuprofile`);
        // The server writes it when the profiler has stopped: wait for it, up to a minute.
        for (let i = 0; i < 1200 && !existsSync(file); i++) await wait(50);
        renameSync(file, path.join(absolute, `${name}.cpuprofile`));
        writeFileSync(path.join(absolute, `${name}.requests`), String(requests()));
        console.log(`CPU profile of ${requests()} requests: ${path.join(absolute, `${name}.cpuprofile`)}`);
      }
    },
  };
}
