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
