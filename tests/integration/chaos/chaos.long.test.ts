import { realClock } from "@/lib/time/clock";
import { describeChaosRun } from "./chaos-run";

// The chaos run (chaos-run.ts) on the real clock: every Retry-After and backoff waited out in
// real time (about 5 minutes), as in production. chaos.test.ts runs it on a virtual clock.
describeChaosRun(realClock, "real clock");
