import { Link } from "@/app/_components/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { SignOutButton, SignOutEverywhereButton } from "@/app/_components/sign-out-button";
import { hasPermission } from "@/lib/auth/roles";
import { getUser } from "@/lib/auth/session";
import { countAwaitingDecision } from "@/lib/requests/list-approvals";

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
            {hasPermission(user.roles, "mailbox.read") && (
              <Link href="/mailboxes" className="hover:underline">
                Mailboxes
              </Link>
            )}
            {hasPermission(user.roles, "request.readOwn") && (
              <Link href="/requests" className="hover:underline">
                My requests
              </Link>
            )}
            {hasPermission(user.roles, "request.submit") && (
              <Link href="/bulk" className="hover:underline">
                Bulk changes
              </Link>
            )}
            {hasPermission(user.roles, "request.approve") && (
              <Link href="/approvals" className="hover:underline">
                Approvals
                {awaiting > 0 && (
                  <span className="ml-1 rounded-full bg-blue-700 px-1.5 py-0.5 text-xs text-white" aria-label={`${awaiting} waiting for your decision`}>
                    {awaiting}
                  </span>
                )}
              </Link>
            )}
            {hasPermission(user.roles, "report.build") && (
              <Link href="/reports" className="hover:underline">
                Reports
              </Link>
            )}
            {hasPermission(user.roles, "audit.read") && (
              <Link href="/audit" className="hover:underline">
                Audit
              </Link>
            )}
            {hasPermission(user.roles, "policy.edit") && (
              <Link href="/admin/policies" className="hover:underline">
                Policies
              </Link>
            )}
            {hasPermission(user.roles, "session.manage") && (
              <Link href="/admin/sessions" className="hover:underline">
                Sessions
              </Link>
            )}
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
