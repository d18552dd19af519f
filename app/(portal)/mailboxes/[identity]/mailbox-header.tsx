import { Link } from "@/app/_components/link";
import type { TRecipient } from "@/lib/cmdlets/read-mailbox";

type TMailboxTab = "auto-reply" | "access" | "cover";

export function mailboxPath(address: string, tab: TMailboxTab): string {
  return `/mailboxes/${encodeURIComponent(address)}/${tab}`;
}

// The mailbox's name, address and the tabs between its pages.
export function MailboxHeader({ mailbox, tab, note }: { mailbox: TRecipient; tab: TMailboxTab; note?: string }) {
  const tabs = [
    { id: "auto-reply", label: "Automatic replies" },
    { id: "access", label: "Access" },
    { id: "cover", label: "Absence cover" },
  ] as const;
  return (
    <>
      <p className="text-sm text-slate-600">
        <Link href="/mailboxes" className="underline">Mailboxes</Link> / {mailbox.displayName}
      </p>
      <h1 className="mt-1 text-2xl font-semibold">
        {tabs.find((t) => t.id === tab)!.label} for {mailbox.displayName}
      </h1>
      <p className="text-slate-600">
        {mailbox.address}
        {note ? ` · ${note}` : ""}
      </p>
      <nav aria-label="Mailbox pages" className="mt-4 flex gap-2 border-b border-slate-200">
        {tabs.map((t) => (
          <Link key={t.id} href={mailboxPath(mailbox.address, t.id)} aria-current={t.id === tab ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm ${t.id === tab ? "border-blue-700 font-medium text-blue-800" : "border-transparent text-slate-600 hover:text-slate-900"}`}>
            {t.label}
          </Link>
        ))}
      </nav>
    </>
  );
}
