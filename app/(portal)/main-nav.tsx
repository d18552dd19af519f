"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { useHeaderCounts, type THeaderCounts } from "@/app/_components/header-counts";
import { Link } from "@/app/_components/link";

export type TNavLink = { href: string; label: string };

// A section's count, shown beside its link when there is one.
function badgeOf(href: string, { awaiting, due }: THeaderCounts): { count: number; label: string } | undefined {
  if (href === "/approvals" && awaiting > 0) return { count: awaiting, label: `${awaiting} waiting for your decision` };
  if (href === "/removals" && due > 0) return { count: due, label: `${due} due, waiting for someone` };
  return undefined;
}

const MENU_ID = "main-menu";

// The main navigation and, after it, `children` (who is signed in, the sign-out buttons): one row
// from 1024 px wide (Tailwind's lg), and below that a Menu button that shows and hides them (a
// disclosure: aria-expanded, Escape closes it and puts the focus back on the button).
export function MainNav({ links, children }: { links: TNavLink[]; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const counts = useHeaderCounts();
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const closeOnEscape = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("keydown", closeOnEscape);
    return () => document.removeEventListener("keydown", closeOnEscape);
  }, [open]);

  return (
    <>
      <button ref={button} type="button" aria-expanded={open} aria-controls={MENU_ID} onClick={() => setOpen((o) => !o)}
        className="ml-auto rounded border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 lg:hidden">
        Menu
      </button>
      {/* Following any link in it (a section, the bell) closes the menu. */}
      <div id={MENU_ID} onClick={(e) => (e.target as Element).closest("a") && setOpen(false)} className={`${open ? "flex" : "hidden"} w-full flex-col gap-4 lg:flex lg:w-auto lg:flex-1 lg:flex-row lg:items-center lg:gap-3`}>
        <nav aria-label="Main">
          <ul className="flex flex-col gap-2 text-sm lg:flex-row lg:gap-3">
            {links.map((link) => {
              const badge = badgeOf(link.href, counts);
              return (
                <li key={link.href}>
                  <Link href={link.href} className="whitespace-nowrap hover:underline">
                    {link.label}
                    {badge && (
                      <span className="ml-1 rounded-full bg-blue-700 px-1.5 py-0.5 text-xs text-white" aria-label={badge.label}>
                        {badge.count > 99 ? "99+" : badge.count}
                      </span>
                    )}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <div className="flex flex-wrap items-center gap-3 text-sm text-slate-600 lg:ml-auto lg:flex-nowrap">{children}</div>
      </div>
    </>
  );
}

// The bell: a link to the person's notifications, named with the unread count for screen
// readers ("Notifications, 3 unread"); from 1024 px wide only its icon and count show.
export function NotificationBell() {
  const { unread } = useHeaderCounts();
  return (
    <Link href="/notifications" title="Notifications" className="inline-flex items-center gap-1 whitespace-nowrap rounded text-slate-700 hover:underline">
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round">
        <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {/* One text for the name: separate spans would be read with a space before the comma. */}
      <span className="sr-only">{unread > 0 ? `Notifications, ${unread} unread` : "Notifications"}</span>
      <span aria-hidden="true" className="lg:hidden">Notifications</span>
      {unread > 0 && <span aria-hidden="true" className="rounded-full bg-blue-700 px-1.5 py-0.5 text-xs text-white">{unread > 99 ? "99+" : unread}</span>}
    </Link>
  );
}
