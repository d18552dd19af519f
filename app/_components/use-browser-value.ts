"use client";

import { useSyncExternalStore } from "react";

const unchanging = () => () => {};

// A value only the browser knows (its time zone, its clock format): null while rendering on the
// server and during hydration, the browser's value after. The value must not change while the page
// is open, and read() must return a primitive so that React can compare snapshots.
export function useBrowserValue<T extends string | number | boolean>(read: () => T): T | null {
  return useSyncExternalStore(unchanging, read, () => null);
}
