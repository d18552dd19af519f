// When the page drew what a person waits for, recorded in the page itself. The latency
// benchmark finds an outcome as Playwright does, by asking the page from outside every 10 ms;
// on a slow machine that answer came 15-50 ms after Chromium had drawn the outcome. So a wait
// ends at the animation frame that first drew it. Times are the page's wall clock
// (performance.timeOrigin + its own clock), in ms.
import type { Locator, Page } from "@playwright/test";

type TFrames = {
  // The frame after the element, or any element around it, was last put in place or changed.
  shownAt(el: Element): number;
  // Follows an element until it leaves the page (a row taken away); `gone`: the frame after it left.
  watch(el: Element): void;
  gone: number;
};
type TBenchWindow = Window & { __benchFrames?: TFrames };

// Added to every page of a benchmark person before the page's own scripts (addInitScript): a
// MutationObserver stamps each node put in place (inserted, or moved as React reveals a streamed
// part), each element whose attributes change and the element around each changed text, with
// the time of the next animation frame, the one that draws the change.
// Playwright sends this function's source to the page: it names no function of its own (tsx
// would wrap such a name in a helper the page lacks), so its steps are methods.
export function recordFrames() {
  const placed = new WeakMap<Node, number>();
  const frames = {
    pending: [] as Node[],
    watched: null as { el: Element; tag: string; text: string } | null,
    gone: 0,
    shownAt(el: Element) {
      let at = 0;
      for (let n: Node | null = el; n; n = n.parentNode) at = Math.max(at, placed.get(n) ?? 0);
      return at;
    },
    watch(el: Element) {
      frames.watched = { el, tag: el.tagName, text: el.textContent ?? "" };
      frames.gone = 0;
    },
    // At the frame's rendering on the page's thread: its rAF time is the display's tick, which
    // may come before a change made while the thread was busy yet drawn in that frame.
    stamp() {
      const at = performance.timeOrigin + performance.now();
      for (const n of frames.pending) placed.set(n, at);
      frames.pending = [];
      const w = frames.watched;
      if (w && !frames.gone && !w.el.isConnected) {
        // Rendered anew in place (the same row as a new element) is not gone: follow the new one.
        const again = [...document.getElementsByTagName(w.tag)].find((e) => e.textContent === w.text);
        if (again) frames.watched = { ...w, el: again };
        else frames.gone = at;
      }
    },
  };
  new MutationObserver((records) => {
    // One frame stamps every change since the last: the first change of a batch asks for it.
    if (frames.pending.length === 0) requestAnimationFrame(() => frames.stamp());
    for (const r of records) {
      if (r.type === "childList") r.addedNodes.forEach((n) => void frames.pending.push(n));
      // A removal leaves nothing to stamp; its parent stands for it, so the frame still comes.
      if (r.type === "childList" && r.removedNodes.length > 0) frames.pending.push(r.target);
      if (r.type === "attributes") frames.pending.push(r.target);
      if (r.type === "characterData" && r.target.parentNode) frames.pending.push(r.target.parentNode);
    }
  }).observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
  (window as unknown as TBenchWindow).__benchFrames = frames;
}

// The frame that drew the last of these elements (each one already found visible), and no later
// than when they were found (`foundAt`): a change no stamp sees (a style sheet's) could only make
// a stamp late, never early.
export async function drawnAt(locators: Locator[], foundAt: number): Promise<number> {
  const at = await Promise.all(locators.map((l) => l.first().evaluate((el) => {
    const frames = (window as unknown as TBenchWindow).__benchFrames;
    if (!frames) throw new Error("the page records no frames (recordFrames is not among its init scripts)");
    return frames.shownAt(el);
  })));
  if (at.some((t) => t === 0)) throw new Error("the page recorded no frame for an element it shows");
  return Math.min(foundAt, Math.max(...at));
}

export async function watchUntilGone(locator: Locator): Promise<void> {
  await locator.first().evaluate((el) => (window as unknown as TBenchWindow).__benchFrames!.watch(el));
}

// The frame after the watched element left the page, no later than when it was found gone.
export async function goneAt(page: Page, foundAt: number): Promise<number> {
  const at = await page.evaluate(() => (window as unknown as TBenchWindow).__benchFrames!.gone);
  return at > 0 ? Math.min(foundAt, at) : foundAt;
}

// When the navigation that brought the page began (the person's click or Enter).
export const navigationStart = (page: Page) => page.evaluate(() => performance.timeOrigin);

// Before a timed step: the page has done what its last step set off (hydrating what streamed in,
// drawing an outcome), as a person who reads a page before acting finds it; at most 2 s.
export const idle = (page: Page) => page.evaluate(() => new Promise<void>((resolve) => void requestIdleCallback(() => resolve(), { timeout: 2000 })));
