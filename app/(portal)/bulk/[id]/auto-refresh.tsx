"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

// While items remain, the page reads the progress again every two seconds; what it shows
// comes from the database, so a reload or a restarted portal shows the same.
export function AutoRefresh({ active }: { active: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), 2000);
    return () => clearInterval(timer);
  }, [active, router]);
  return null;
}
