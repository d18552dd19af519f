import { Link } from "@/app/_components/link";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { SignOutButton, SignOutEverywhereButton } from "@/app/_components/sign-out-button";
import { hasPermission, type TPermission } from "@/lib/auth/roles";
import { getUser } from "@/lib/auth/session";
import { HeaderCountsProvider } from "@/app/_components/header-counts";
import { countHeader } from "./count-header";
import { MainNav, NotificationBell, type TNavLink } from "./main-nav";

// The main navigation: each section shows to those whose roles grant its permission.
const SECTIONS: { href: string; label: string; permission: TPermission }[] = [
  { href: "/mailboxes", label: "Mailboxes", permission: "mailbox.read" },
  { href: "/requests", label: "My requests", permission: "request.readOwn" },
  { href: "/bulk", label: "Bulk changes", permission: "request.submit" },
  { href: "/approvals", label: "Approvals", permission: "request.approve" },
  { href: "/removals", label: "Due removals", permission: "request.submit" },
  { href: "/reports", label: "Reports", permission: "report.build" },
  { href: "/audit", label: "Audit", permission: "audit.read" },
  { href: "/admin/policies", label: "Policies", permission: "policy.edit" },
  { href: "/admin/templates", label: "Templates", permission: "template.edit" },
  { href: "/admin/sessions", label: "Sessions", permission: "session.manage" },
];

// The page an entry links to marks the person's entries about it read as it renders, beside
// this layout: the bell leaves them out rather than count them a moment longer.
async function pathOnScreen(): Promise<string | undefined> {
  return (await headers()).get("x-exodesk-path") ?? undefined;
}

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const user = await getUser();
  if (!user) redirect("/signin");
  if (user.roles.length === 0) redirect("/no-access");
  const counts = await countHeader(user, await pathOnScreen());
  const links: TNavLink[] = SECTIONS.filter((section) => hasPermission(user.roles, section.permission)).map(({ href, label }) => ({ href, label }));
  return (
    <HeaderCountsProvider initial={counts}>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-3 px-4 py-3 lg:flex-nowrap lg:gap-x-4">
          <Link href="/" className="text-lg font-semibold text-blue-800">
            ExoDesk
          </Link>
          <MainNav links={links}>
            <NotificationBell />
            {/* The name says who is signed in; the address is left to screen readers and the tooltip, so the links keep one row. */}
            <span className="whitespace-nowrap lg:max-w-24 lg:truncate xl:max-w-48" title={`${user.name} (${user.upn})`}>
              {user.name} <span className="sr-only">({user.upn})</span>
            </span>
            <SignOutButton />
            <SignOutEverywhereButton />
          </MainNav>
        </div>
      </header>
      <main className="mx-auto max-w-5xl px-4 py-6">{children}</main>
    </HeaderCountsProvider>
  );
}
