"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { Link } from "@/app/_components/link";

export type TNavLink = { href: string; label: string; badge?: { count: number; label: string } };

const MENU_ID = "main-menu";

// The main navigation and, after it, `children` (who is signed in, the sign-out buttons): one row
// from 1024 px wide (Tailwind's lg), and below that a Menu button that shows and hides them (a
// disclosure: aria-expanded, Escape closes it and puts the focus back on the button).
export function MainNav({ links, children }: { links: TNavLink[]; children: ReactNode }) {
  const [open, setOpen] = useState(false);
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
      <div id={MENU_ID} className={`${open ? "flex" : "hidden"} w-full flex-col gap-4 lg:flex lg:w-auto lg:flex-1 lg:flex-row lg:items-center`}>
        <nav aria-label="Main">
          <ul className="flex flex-col gap-2 text-sm lg:flex-row lg:gap-4">
            {links.map((link) => (
              <li key={link.href}>
                <Link href={link.href} className="whitespace-nowrap hover:underline" onClick={() => setOpen(false)}>
                  {link.label}
                  {link.badge && (
                    <span className="ml-1 rounded-full bg-blue-700 px-1.5 py-0.5 text-xs text-white" aria-label={link.badge.label}>
                      {link.badge.count}
                    </span>
                  )}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="flex flex-wrap items-center gap-3 text-sm text-slate-600 lg:ml-auto lg:flex-nowrap">{children}</div>
      </div>
    </>
  );
}
