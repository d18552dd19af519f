import { Link } from "@/app/_components/link";
import { requireUserOrRedirect } from "@/app/_components/require-user";
import { StatusBadge } from "@/app/_components/status-badge";
import { getActionLabel } from "@/lib/cmdlets/catalogue";
import { listMyRequests } from "@/lib/requests/list-requests";

export const metadata = { title: "My requests" };

export default async function MyRequestsPage() {
  const user = await requireUserOrRedirect("request.readOwn");
  const requests = await listMyRequests(user);
  return (
    <section>
      <h1 className="text-2xl font-semibold">My requests</h1>
      {requests.length === 0 ? (
        <p className="mt-4 text-slate-600">You have not asked for any change yet. <Link href="/mailboxes" className="underline">Find a mailbox</Link> to start.</p>
      ) : (
        <table className="mt-4 w-full border-collapse overflow-hidden rounded-lg bg-white text-sm shadow-sm">
          <caption className="sr-only">Your requests, newest first</caption>
          <thead className="bg-slate-100 text-left">
            <tr>
              <th scope="col" className="px-3 py-2">When</th>
              <th scope="col" className="px-3 py-2">Action</th>
              <th scope="col" className="px-3 py-2">Mailbox</th>
              <th scope="col" className="px-3 py-2">State</th>
              <th scope="col" className="px-3 py-2"><span className="sr-only">Details</span></th>
            </tr>
          </thead>
          <tbody>
            {requests.map((r) => (
              <tr key={r.id} className="border-t border-slate-200" data-request-id={r.id}>
                <td className="px-3 py-2 whitespace-nowrap">{r.createdAt.toISOString().replace("T", " ").slice(0, 16)} UTC</td>
                <td className="px-3 py-2">{getActionLabel(r.action)}</td>
                <td className="px-3 py-2">{r.targetDisplayName ?? r.targetMailbox}<div className="text-xs text-slate-500">{r.targetMailbox}</div></td>
                <td className="px-3 py-2"><StatusBadge status={r.status} verification={r.verification} /></td>
                <td className="px-3 py-2"><Link href={`/requests/${r.id}`} className="text-blue-700 underline">Details</Link></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
