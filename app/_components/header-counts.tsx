"use client";

import { usePathname } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";

// The header's three counts: requests waiting for the person's decision, due changes waiting
// for someone, unread notifications.
export type THeaderCounts = { awaiting: number; due: number; unread: number };

type TContext = { counts: THeaderCounts; refresh: () => void };
const HeaderCountsContext = createContext<TContext | null>(null);

// Next.js renders the portal layout once and keeps it across link navigations and across
// actions that revalidate nothing (the approvals queue and Due removals show outcomes in place
// rather than read Exchange again), so the counts the layout rendered would go stale. They are
// asked again, from /api/header-counts (three indexed queries, no Exchange), after each
// navigation and after each action a form reports done (useFormAction). When the layout is
// rendered again (an action that revalidates, a reload), its counts replace any asked for.
export function HeaderCountsProvider({ initial, children }: { initial: THeaderCounts; children: ReactNode }) {
  const [asked, setAsked] = useState<{ over: THeaderCounts; counts: THeaderCounts } | null>(null);
  const latest = useRef<AbortController | null>(null);
  // What an answer replaces, read when it arrives: refresh itself stays the same function.
  const rendered = useRef(initial);
  useEffect(() => {
    rendered.current = initial;
  }, [initial]);
  const pathname = usePathname();
  const onScreen = useRef(pathname);
  useEffect(() => {
    onScreen.current = pathname;
  }, [pathname]);
  const refresh = useCallback(() => {
    latest.current?.abort(); // only the newest answer is shown
    const controller = (latest.current = new AbortController());
    fetch(`/api/header-counts?path=${encodeURIComponent(onScreen.current)}`, { signal: controller.signal, cache: "no-store" })
      .then(async (res) => (res.ok ? ((await res.json()) as THeaderCounts) : null))
      .then((counts) => counts && setAsked({ over: rendered.current, counts }))
      .catch(() => {}); // replaced by a newer ask, or offline: the counts stay as they were
  }, []);

  const countedFor = useRef(pathname);
  useEffect(() => {
    if (countedFor.current === pathname) return; // the layout counted for this page
    countedFor.current = pathname;
    refresh();
  }, [pathname, refresh]);

  const counts = asked?.over === initial ? asked.counts : initial;
  return <HeaderCountsContext.Provider value={{ counts, refresh }}>{children}</HeaderCountsContext.Provider>;
}

export function useHeaderCounts(): THeaderCounts {
  const context = useContext(HeaderCountsContext);
  if (!context) throw new Error("useHeaderCounts needs HeaderCountsProvider (the portal layout)");
  return context.counts;
}

// After an action that may have changed a count; does nothing outside the portal layout (sign-in).
export function useRefreshHeaderCounts(): () => void {
  return useContext(HeaderCountsContext)?.refresh ?? noop;
}

function noop() {}
