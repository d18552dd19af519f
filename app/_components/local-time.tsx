"use client";

import { useEffect, useState } from "react";
import { formatInZone } from "@/lib/time/format";

// A time in the viewer's own time zone, which only the browser knows.
export function LocalTime({ iso }: { iso: string }) {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => setText(formatInZone(new Date(iso))), [iso]);
  return <time dateTime={iso}>{text ?? iso}</time>;
}
