// Loaded into the portal server only for profiling (NODE_OPTIONS="--import <this file>", with
// EXODESK_CPU_PROFILE_DIR set; tests/bench/portal.bench.ts --cpu-profile does both): each
// SIGUSR2 starts a V8 CPU profile, the next one stops it and writes
// <dir>/portal-<n>.cpuprofile (n = 1, 2, …), so a benchmark can profile exactly one phase of
// its load, without the server's start-up. Plain JavaScript: it loads before tsx.
// Summarise a profile with tests/bench/support/summarise-cpu-profile.ts.
import { writeFileSync, renameSync } from "node:fs";
import { Session } from "node:inspector";
import path from "node:path";

const dir = process.env.EXODESK_CPU_PROFILE_DIR;
// Only the portal server itself (not the migration or anything else started with its environment).
if (dir && process.argv.some((a) => a.endsWith(path.join("scripts", "serve.ts")))) {
  const session = new Session();
  session.connect();
  const post = (method, params) => new Promise((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r))));
  // 250 µs between samples: fine enough for functions that run well under a millisecond.
  await post("Profiler.enable");
  await post("Profiler.setSamplingInterval", { interval: 250 });
  // The benchmark signals the pid written here.
  writeFileSync(path.join(dir, "portal.pid"), String(process.pid));
  let running = false;
  let written = 0;
  process.on("SIGUSR2", () => {
    running = !running;
    if (running) return void post("Profiler.start");
    void post("Profiler.stop").then(({ profile }) => {
      const file = path.join(dir, `portal-${++written}.cpuprofile`);
      // Written under another name first: whoever waits for the file never reads half of it.
      writeFileSync(`${file}.partial`, JSON.stringify(profile));
      renameSync(`${file}.partial`, file);
    });
  });
}
