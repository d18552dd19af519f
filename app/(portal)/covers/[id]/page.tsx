import { notFound } from "next/navigation";
import { Link } from "@/app/_components/link";
import { requireUserOrRedirect } from "@/app/_components/require-user";
import { StatusBadge } from "@/app/_components/status-badge";
import { loadAbsenceCover } from "@/lib/requests/load-absence-cover";
import type { TCoverPart } from "@/lib/requests/submit-absence-cover";
import { formatInZone } from "@/lib/time/format";
import { mailboxPath } from "../../mailboxes/[identity]/mailbox-header";

export const metadata = { title: "Absence cover" };

type TCover = NonNullable<Awaited<ReturnType<typeof loadAbsenceCover>>>;
type TPart = TCover["parts"][number];

function partLabel(action: TCoverPart, cover: TCover["cover"]): string {
  const colleague = cover.colleagueName ?? cover.colleague;
  if (action === "auto-reply.set") return "Automatic replies, scheduled for the absence";
  if (action === "full-access.grant") return `FullAccess for ${colleague}`;
  return `Calendar role ${cover.calendarRole} for ${colleague}`;
}

// How a part ends: the replies by their own schedule, a grant by the removal scheduled for it.
function PartEnd({ part, cover }: { part: TPart; cover: TCover["cover"] }) {
  const at = (d: Date | null) => (d ? formatInZone(d, cover.scheduleZone) : "");
  if (!part.request) return <>Not submitted</>;
  if (part.action === "auto-reply.set") return <>By their own schedule, at {at(cover.endsAt)}</>;
  if (part.request.status === "SCHEDULED") return <>Removed at {at(cover.endsAt)}, once granted</>;
  if (!part.removal) return <>{part.request.status === "SUCCEEDED" ? "No removal scheduled" : "Scheduled once the grant succeeds"}</>;
  return (
    <>
      Removal <StatusBadge status={part.removal.status} verification={part.removal.verification} />
      {part.removal.status === "SCHEDULED" && <> for {at(part.removal.dueAt)}</>}{" "}
      <Link href={`/requests/${part.removal.id}`} className="text-blue-700 underline">removal request</Link>
    </>
  );
}

export default async function AbsenceCoverPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUserOrRedirect("request.submit");
  const loaded = await loadAbsenceCover(user, (await params).id);
  if (!loaded) notFound();
  const { cover, parts } = loaded;
  const name = cover.mailboxName ?? cover.mailbox;
  return (
    <section>
      <p className="text-sm text-slate-600">
        <Link href="/mailboxes" className="underline">Mailboxes</Link> / <Link href={mailboxPath(cover.mailbox, "cover")} className="underline">{name}</Link> / Absence cover
      </p>
      <h1 className="mt-1 text-2xl font-semibold">Absence cover for {name}</h1>
      <dl className="mt-4 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
        <dt className="font-medium">Mailbox</dt><dd>{cover.mailbox}</dd>
        <dt className="font-medium">Covered by</dt><dd>{cover.colleagueName ? `${cover.colleagueName} (${cover.colleague})` : cover.colleague}</dd>
        <dt className="font-medium">Away</dt>
        <dd data-testid="cover-window">{formatInZone(cover.startsAt, cover.scheduleZone)} to {formatInZone(cover.endsAt, cover.scheduleZone)} ({cover.scheduleZone}, the mailbox&apos;s time)</dd>
        <dt className="font-medium">Set up by</dt><dd>{cover.requesterName} ({cover.requesterUpn}) on {formatInZone(cover.createdAt, cover.scheduleZone)}</dd>
      </dl>
      <table className="mt-6 w-full border-collapse overflow-hidden rounded-lg bg-white text-sm shadow-sm">
        <caption className="sr-only">The parts of this cover and the state of each</caption>
        <thead className="bg-slate-100 text-left">
          <tr>
            <th scope="col" className="px-3 py-2">Part</th>
            <th scope="col" className="px-3 py-2">State</th>
            <th scope="col" className="px-3 py-2">At the end</th>
            <th scope="col" className="px-3 py-2"><span className="sr-only">Request</span></th>
          </tr>
        </thead>
        <tbody>
          {parts.map((part) => (
            <tr key={part.action} className="border-t border-slate-200" data-part={part.action}>
              <td className="px-3 py-2">{partLabel(part.action, cover)}</td>
              <td className="px-3 py-2">
                {part.request ? <StatusBadge status={part.request.status} verification={part.request.verification} /> : "Not submitted"}
                {part.request?.status === "SCHEDULED" && (
                  <div className="text-slate-700">
                    Scheduled for {formatInZone(part.request.dueAt!, cover.scheduleZone)}; <Link href={`/requests/${part.request.id}`} className="text-blue-700 underline">cancel it on its request page</Link>
                  </div>
                )}
                {part.request?.errorMessage && <div className="text-slate-700">{part.request.errorMessage}</div>}
              </td>
              <td className="px-3 py-2"><PartEnd part={part} cover={cover} /></td>
              <td className="px-3 py-2">{part.request && <Link href={`/requests/${part.request.id}`} className="text-blue-700 underline">Request</Link>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
