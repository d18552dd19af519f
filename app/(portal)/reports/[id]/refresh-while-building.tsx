"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

// While the report builds, the server-rendered progress is fetched again every two seconds;
// the page's aria-live region announces the new figure.
export function RefreshWhileBuilding() {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), 2_000);
    return () => clearInterval(timer);
  }, [router]);
  return null;
}
