import { findFreePort } from "../../../scripts/stack/processes";

// Each Playwright worker has a stack of its own (emulator, portal, database): journeys change
// the emulator's state (reset, faults, clock, revocations), so two workers must not share one.
// global-setup starts stack i for the worker whose TEST_PARALLEL_INDEX is i (Playwright keeps
// that index when it replaces a worker), on ports counted up from E2E_PORTAL_PORT and
// E2E_EMULATOR_PORT, and lists them in E2E_STACKS.

export type TWorkerStack = {
  portalUrl: string;
  emulatorUrl: string;
  caPath: string;
  dir: string; // logs (portal.log, emulator.log) and data (demo secrets)
  dataDir: string; // where the database keeps its files (tokens-at-rest reads them raw)
  databaseUrl: string; // the portal's database, for journeys that put a row in place (a failed delivery)
};

export function stackPorts(index: number): { portal: number; emulator: number } {
  return { portal: Number(process.env.E2E_PORTAL_PORT ?? 3210) + index, emulator: Number(process.env.E2E_EMULATOR_PORT ?? 4643) + index };
}

const workerIndex = () => Number(process.env.TEST_PARALLEL_INDEX ?? 0);

// Known without global-setup's list (playwright.config.ts reads it too, before global-setup has run).
export const PORTAL_URL = `http://localhost:${stackPorts(workerIndex()).portal}`;

export function allStacks(): TWorkerStack[] {
  const listed = process.env.E2E_STACKS;
  if (!listed) throw new Error("the e2e global setup started no stacks");
  return JSON.parse(listed) as TWorkerStack[];
}

export function workerStack(): TWorkerStack {
  const stack = allStacks()[workerIndex()];
  if (!stack) throw new Error(`no stack for worker ${workerIndex()}: global-setup started ${allStacks().length}`);
  return stack;
}

const handedOut = new Set<number>();

// A free port for a portal or emulator a journey starts itself, which no other worker can be
// handed: the system's choice, kept only when it is in this worker's share and not handed out
// before in this worker (a port stays free until its server starts). Shares are blocks of 16
// ports taken in turn, not odd and even: Linux hands out ports of one parity to bind().
export async function freePortOfWorker(): Promise<number> {
  const workers = allStacks().length;
  for (let attempt = 0; attempt < 1000; attempt++) {
    const port = await findFreePort();
    if (Math.floor(port / 16) % workers === workerIndex() && !handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`no free port in worker ${workerIndex()}'s share after 1000 tries`);
}
