import { Link } from "@/app/_components/link";
import { requireUserOrRedirect } from "@/app/_components/require-user";
import { listBulks } from "@/lib/bulk/load-bulk";

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
      {bulks.length === 0 ? (
        <p className="mt-4 text-slate-600">You have not made a bulk change yet.</p>
      ) : (
        <table className="mt-4 w-full border-collapse overflow-hidden rounded-lg bg-white text-sm shadow-sm">
          <caption className="sr-only">Your bulk changes, newest first</caption>
          <thead className="bg-slate-100 text-left">
            <tr>
              <th scope="col" className="px-3 py-2">When</th>
              <th scope="col" className="px-3 py-2">Mailboxes</th>
              <th scope="col" className="px-3 py-2"><span className="sr-only">Progress</span></th>
            </tr>
          </thead>
          <tbody>
            {bulks.map((b) => (
              <tr key={b.id} className="border-t border-slate-200">
                <td className="px-3 py-2">{b.createdAt.toISOString().replace("T", " ").slice(0, 16)} UTC{b.pausedReason && <span className="ml-2 text-amber-800">paused</span>}</td>
                <td className="px-3 py-2">{b.itemCount}</td>
                <td className="px-3 py-2"><Link href={`/bulk/${b.id}`} className="text-blue-700 underline">Progress</Link></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
