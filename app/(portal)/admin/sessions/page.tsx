import { requireUserOrRedirect } from "@/app/_components/require-user";
import { LocalTime } from "@/app/_components/local-time";
import { getSessionLimits, listPeopleWithLiveSessions } from "@/lib/auth/session-store";
import { EndSessionsButton } from "./end-sessions-button";

export const metadata = { title: "Sessions" };

export default async function SessionsPage() {
  await requireUserOrRedirect("session.manage");
  const people = await listPeopleWithLiveSessions();
  const limits = getSessionLimits();
  return (
    <section>
      <h1 className="text-2xl font-semibold">Sessions</h1>
      <p className="mt-1 text-slate-600">
        Who is signed in to ExoDesk. Ending someone&apos;s sessions signs them out in every browser at once and deletes
        ExoDesk&apos;s copy of their Microsoft tokens; they must sign in again. A session also ends after {limits.idleMinutes} minutes
        without use, and {limits.maxHours} hours after sign-in. Every ending is audited.
      </p>
      <table className="mt-4 w-full border-collapse rounded-lg bg-white text-sm shadow-sm">
        <caption className="sr-only">People with live sessions</caption>
        <thead className="bg-slate-100 text-left">
          <tr>
            <th scope="col" className="px-3 py-2">Person</th>
            <th scope="col" className="px-3 py-2">Live sessions</th>
            <th scope="col" className="px-3 py-2">Last active</th>
            <th scope="col" className="px-3 py-2">Signed in since</th>
            <th scope="col" className="px-3 py-2"><span className="sr-only">End</span></th>
          </tr>
        </thead>
        <tbody>
          {people.length === 0 && (
            <tr><td colSpan={5} className="px-3 py-2 text-slate-600">Nobody is signed in.</td></tr>
          )}
          {people.map((p) => (
            <tr key={`${p.oid}.${p.tid}`} className="border-t border-slate-200">
              <th scope="row" className="px-3 py-2 text-left font-normal">{p.name} <span className="text-slate-600">({p.upn})</span></th>
              <td className="px-3 py-2">{p.sessions}</td>
              <td className="px-3 py-2"><LocalTime iso={p.lastSeenAt.toISOString()} /></td>
              <td className="px-3 py-2"><LocalTime iso={p.firstSignedInAt.toISOString()} /></td>
              <td className="px-3 py-2"><EndSessionsButton oid={p.oid} tid={p.tid} label={p.upn} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
