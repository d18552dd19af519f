// What the latency benchmark reads from the emulator's call log: the Exchange calls made while
// a person waited, and how many of them ran one after another.
import { callEmulator } from "../../support/emulator-control";

export type TEmulatorControl = { url: string; caPath: string };
export type TLoggedCall = { cmdlet: string | null; time: string; endTime: string };
export type TSample = { waitMs: number; calls: TLoggedCall[] };

export async function clearCalls(control: TEmulatorControl): Promise<void> {
  await callEmulator(control, "DELETE", "/_emulator/calls");
}

// The calls that arrived between `from` and `to` (wall-clock ms; the emulator's clock is the
// wall clock unless a test moved it), in the order they arrived.
export async function callsBetween(control: TEmulatorControl, from: number, to: number): Promise<TLoggedCall[]> {
  const { calls } = await callEmulator<{ calls: TLoggedCall[] }>(control, "GET", "/_emulator/calls");
  return calls
    .filter((c) => c.cmdlet !== null && Date.parse(c.time) >= from && Date.parse(c.time) <= to)
    .sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
}

// Times `act` (a click, a navigation) from `startedAt` (when the person's wait began: the click
// or the navigation as the page saw it) until `shown` (when the page drew the outcome), both
// wall-clock ms known once they happened, with the call log emptied first; the calls are those
// that arrived meanwhile.
export async function timeWait(control: TEmulatorControl, act: () => Promise<unknown>, shown: () => Promise<number>, startedAt: () => number | Promise<number>): Promise<TSample> {
  await clearCalls(control);
  const from = Date.now();
  await act();
  const drawn = await shown();
  const waitMs = drawn - (await startedAt());
  return { waitMs, calls: await callsBetween(control, from, Date.now()) };
}

// The longest chain of calls in which each one started only after the one before had answered:
// the round trips the person waited for one after another.
export function sequentialDepth(calls: TLoggedCall[]): number {
  const spans = calls.map((c) => ({ start: Date.parse(c.time), end: Date.parse(c.endTime) })).sort((a, b) => a.start - b.start);
  const depth: number[] = [];
  spans.forEach((span, i) => {
    const before = spans.slice(0, i).map((p, j) => (p.end <= span.start ? depth[j]! : 0));
    depth.push(1 + Math.max(0, ...before));
  });
  return Math.max(0, ...depth);
}
