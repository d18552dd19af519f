import { Link } from "@/app/_components/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { SignOutButton, SignOutEverywhereButton } from "@/app/_components/sign-out-button";
import { hasPermission, type TPermission } from "@/lib/auth/roles";
import { getUser } from "@/lib/auth/session";
import { countAwaitingDecision } from "@/lib/requests/list-approvals";

// The main navigation: each section shows to those whose roles grant its permission.
const SECTIONS: { href: string; label: string; permission: TPermission }[] = [
  { href: "/mailboxes", label: "Mailboxes", permission: "mailbox.read" },
  { href: "/requests", label: "My requests", permission: "request.readOwn" },
  { href: "/bulk", label: "Bulk changes", permission: "request.submit" },
  { href: "/approvals", label: "Approvals", permission: "request.approve" },
  { href: "/reports", label: "Reports", permission: "report.build" },
  { href: "/audit", label: "Audit", permission: "audit.read" },
  { href: "/admin/policies", label: "Policies", permission: "policy.edit" },
  { href: "/admin/templates", label: "Templates", permission: "template.edit" },
  { href: "/admin/sessions", label: "Sessions", permission: "session.manage" },
];

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const user = await getUser();
  if (!user) redirect("/signin");
  if (user.roles.length === 0) redirect("/no-access");
  const awaiting = await countAwaitingDecision(user);
  return (
    <>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl items-center gap-6 px-4 py-3">
          <Link href="/" className="text-lg font-semibold text-blue-800">
            ExoDesk
          </Link>
          <nav aria-label="Main" className="flex gap-4 text-sm">
            {SECTIONS.filter((section) => hasPermission(user.roles, section.permission)).map((section) => (
              <Link key={section.href} href={section.href} className="hover:underline">
                {section.label}
                {section.href === "/approvals" && awaiting > 0 && (
                  <span className="ml-1 rounded-full bg-blue-700 px-1.5 py-0.5 text-xs text-white" aria-label={`${awaiting} waiting for your decision`}>
                    {awaiting}
                  </span>
                )}
              </Link>
            ))}
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm text-slate-600">
            <span>
              {user.name} <span className="text-slate-400">({user.upn})</span>
            </span>
            <SignOutButton />
            <SignOutEverywhereButton />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-5xl px-4 py-6">{children}</main>
    </>
  );
}
