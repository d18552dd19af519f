import { VirtualClock } from "../../support/virtual-clock";
import { describeChaosRun } from "./chaos-run";

// The chaos run (chaos-run.ts) with the client's waits on a virtual clock: the same operations,
// retries and outcomes without minutes of Retry-After and backoff; chaos.long.test.ts runs it on
// the real clock.
describeChaosRun(new VirtualClock(), "virtual clock");
