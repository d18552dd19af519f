import { Link } from "@/app/_components/link";
import { requireUserOrRedirect } from "@/app/_components/require-user";
import { countUnreadNotifications, listNotifications } from "@/lib/notifications/list-notifications";
import { formatUtcMinute } from "@/lib/time/format";
import { MarkAllReadForm } from "./mark-all-read-form";

export const metadata = { title: "Notifications" };

// Only a page of the portal is followed ("/requests/<id>", "/approvals"), never another site.
const portalPath = (link: string) => (/^\/(?![/\\])/.test(link) ? link : "/notifications");

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const user = await requireUserOrRedirect("notification.readOwn");
  const requested = Number((await searchParams).page);
  const page = Number.isInteger(requested) && requested > 1 && requested <= 10_000 ? requested : 1;
  const [{ entries, more }, unread] = await Promise.all([listNotifications(user, page), countUnreadNotifications(user)]);
  return (
    <section>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Notifications</h1>
        {entries.length > 0 && <MarkAllReadForm />}
      </div>
      <p className="mt-1 text-slate-600">
        What happened to requests that concern you, newest first. {unread > 0 ? `${unread} unread.` : "Nothing unread."} Opening a request marks its notifications read.
      </p>
      {entries.length === 0 && <p className="mt-4 text-slate-600">{page === 1 ? "No notifications yet." : "No older notifications."}</p>}
      <ul className="mt-4 space-y-3" aria-label="Your notifications">
        {entries.map((n) => (
          <li key={n.id} className={`rounded-lg border bg-white p-4 ${n.readAt ? "border-slate-200" : "border-blue-300 border-l-4 border-l-blue-700"}`}>
            <div className="flex flex-wrap items-baseline justify-between gap-x-4">
              <h2 className="font-semibold">
                {/* A full page load, so the header's count is read again once the page has marked it read. */}
                <a href={portalPath(n.link)} className="text-blue-700 underline">{n.subject}</a>
              </h2>
              <p className="text-sm text-slate-600">
                <span className={n.readAt ? "" : "font-semibold text-blue-800"}>{n.readAt ? "Read" : "Unread"}</span> · <time dateTime={n.createdAt.toISOString()}>{formatUtcMinute(n.createdAt)} UTC</time>
              </p>
            </div>
            <p className="mt-1 whitespace-pre-line text-sm text-slate-700">{n.text}</p>
          </li>
        ))}
      </ul>
      {(page > 1 || more) && (
        <nav aria-label="Pages of notifications" className="mt-4 flex gap-4 text-sm">
          {page > 1 && <Link href={page === 2 ? "/notifications" : `/notifications?page=${page - 1}`} className="text-blue-700 underline">Newer</Link>}
          {more && <Link href={`/notifications?page=${page + 1}`} className="text-blue-700 underline">Older</Link>}
        </nav>
      )}
    </section>
  );
}
