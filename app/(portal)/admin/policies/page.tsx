import { requireUserOrRedirect } from "@/app/_components/require-user";
import { listCatalogue } from "@/lib/cmdlets/catalogue";
import { getDb } from "@/lib/db/client";
import { defaultPolicy } from "@/lib/policy/decide-approval";
import { listProtectedTargets } from "@/lib/policy/read-policy";
import { NotificationSettings } from "./notification-settings";
import { AddProtectionForm, PolicyRow, RemoveProtectionButton } from "./policy-forms";

export const metadata = { title: "Approval policies" };

export default async function PoliciesPage() {
  await requireUserOrRedirect("policy.edit");
  const [rows, protectedTargets] = await Promise.all([getDb().approvalPolicy.findMany(), listProtectedTargets()]);
  const byAction = new Map(rows.map((r) => [r.actionId, r]));
  return (
    <section>
      <h1 className="text-2xl font-semibold">Approval policies</h1>
      <p className="mt-1 text-slate-600">Which changes need a second person, how long a request may wait for one, and who hears about it. Every change here is audited.</p>
      <table className="mt-4 w-full border-collapse rounded-lg bg-white text-sm shadow-sm">
        <caption className="sr-only">Policy per action</caption>
        <thead className="bg-slate-100 text-left">
          <tr><th scope="col" className="px-3 py-2">Action</th><th scope="col" className="px-3 py-2">Policy</th><th scope="col" className="px-3 py-2">Also told when one waits</th></tr>
        </thead>
        <tbody>
          {listCatalogue().map((a) => {
            const row = byAction.get(a.id);
            const policy = row ?? defaultPolicy(a.risk);
            return <PolicyRow key={a.id} actionId={a.id} label={a.label} requiresApproval={policy.requiresApproval} pendingHours={policy.pendingHours} isDefault={!row} notifyAddress={row?.notifyAddress ?? null} />;
          })}
        </tbody>
      </table>
      <h2 className="mt-8 text-lg font-semibold">Protected mailboxes and departments</h2>
      <p className="text-slate-600">Every change to these needs approval, whatever the action&apos;s policy.</p>
      <ul className="mt-2 space-y-1">
        {protectedTargets.length === 0 && <li className="text-slate-600">None yet.</li>}
        {protectedTargets.map((t) => (
          <li key={t.id}>{t.kind === "MAILBOX" ? "Mailbox" : "Department"} <span className="font-medium">{t.value}</span> <RemoveProtectionButton id={t.id} label={t.value} /></li>
        ))}
      </ul>
      <AddProtectionForm />
      <NotificationSettings />
    </section>
  );
}
