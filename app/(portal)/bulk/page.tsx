import { DataTable } from "@/app/_components/data-table";
import { Link } from "@/app/_components/link";
import { requireUserOrRedirect } from "@/app/_components/require-user";
import { listBulks } from "@/lib/bulk/load-bulk";
import { formatUtcMinute } from "@/lib/time/format";

export const metadata = { title: "Bulk changes" };

export default async function BulkListPage() {
  const user = await requireUserOrRedirect("request.submit");
  const bulks = await listBulks(user);
  return (
    <section>
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Bulk changes</h1>
        <Link href="/bulk/new" className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800">New bulk change</Link>
      </div>
      <DataTable
        className="mt-4"
        caption="Your bulk changes, newest first"
        empty="You have not made a bulk change yet."
        rows={bulks}
        rowKey={(b) => b.id}
        columns={[
          { header: "When", cell: (b) => <>{formatUtcMinute(b.createdAt)} UTC{b.pausedReason && <span className="ml-2 text-amber-800">paused</span>}</> },
          { header: "Mailboxes", cell: (b) => b.itemCount },
          { header: "Progress", hideHeader: true, cell: (b) => <Link href={`/bulk/${b.id}`} className="text-blue-700 underline">Progress</Link> },
        ]}
      />
    </section>
  );
}
