import { Link } from "@/app/_components/link";
import { formatInZone, formatUtcMinute } from "@/lib/time/format";
import { describeStatus, type TRequestStatus } from "@/lib/workflow/request-status";

type TProps = {
  request: { until: Date | null; dueAt: Date | null; removalOfId: string | null; coverId: string | null; scheduleZone: string | null };
  // The latest removal that ends this grant, if any.
  removal: { id: string; status: TRequestStatus; dueAt: Date | null } | null;
  // Where this viewer opens a request: /requests or /audit/requests.
  requestsPath: string;
  // Whether the viewer may open the grant a removal ends, and the absence cover it is part of.
  grantLinked: boolean;
  coverLinked: boolean;
};

// A request record's rows about time-bound work (README, "Time-bound access", "Absence cover"),
// the same on the request page and the auditor's: its end, its start or when it is due, the
// removal that ends a grant, the grant a removal ends, and the absence cover it belongs to.
// Inside a <dl>. Times in the mailbox's zone where the request has it, else UTC.
export function TimeBoundRows({ request, removal, requestsPath, grantLinked, coverLinked }: TProps) {
  const zone = request.scheduleZone;
  const at = (d: Date) => (zone ? `${formatInZone(d, zone)} (mailbox time)` : `${formatUtcMinute(d)} UTC`);
  const requestLink = (id: string) => <Link href={`${requestsPath}/${id}`} className="text-blue-700 underline">request {id}</Link>;
  return (
    <>
      {request.until && <><dt className="font-medium">Until</dt><dd>{at(request.until)}</dd></>}
      {request.dueAt && <><dt className="font-medium">{request.removalOfId ? "Due" : "Starts"}</dt><dd>{at(request.dueAt)}</dd></>}
      {removal && (
        <>
          <dt className="font-medium">Removed by</dt>
          <dd>{requestLink(removal.id)} ({removal.status === "SCHEDULED" ? `scheduled for ${removal.dueAt ? at(removal.dueAt) : "the end"}` : describeStatus(removal.status).label.toLowerCase()})</dd>
        </>
      )}
      {request.removalOfId && (
        <>
          <dt className="font-medium">Ends the grant</dt>
          <dd>{grantLinked ? requestLink(request.removalOfId) : <>request {request.removalOfId} (its page is for those who asked for, decided or ran it)</>}</dd>
        </>
      )}
      {request.coverId && (
        <>
          <dt className="font-medium">Part of</dt>
          <dd>{coverLinked ? <Link href={`/covers/${request.coverId}`} className="text-blue-700 underline">absence cover {request.coverId}</Link> : <>absence cover {request.coverId}</>}</dd>
        </>
      )}
    </>
  );
}
