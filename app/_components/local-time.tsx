"use client";

import { useBrowserValue } from "./use-browser-value";
import { formatInZone } from "@/lib/time/format";

// A time in the viewer's own time zone, which only the browser knows.
export function LocalTime({ iso }: { iso: string }) {
  const text = useBrowserValue(() => formatInZone(new Date(iso)));
  return <time dateTime={iso}>{text ?? iso}</time>;
}
