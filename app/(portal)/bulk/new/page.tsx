import { loadFromExchange } from "@/app/_components/load-from-exchange";
import { ExchangeProblem } from "@/app/_components/page-error";
import { WhileExchangeReads } from "@/app/_components/while-exchange-reads";
import type { TSessionUser } from "@/lib/auth/session-user";
import { requireUserOrRedirect } from "@/app/_components/require-user";
import { listDepartments } from "@/lib/bulk/parse-bulk-rows";
import { listMailboxes } from "@/lib/cmdlets/read-mailbox";
import { listTemplates } from "@/lib/templates/list-templates";
import { BulkForm } from "./bulk-form";

export const metadata = { title: "New bulk change" };

export default async function NewBulkPage() {
  const user = await requireUserOrRedirect("request.submit");
  return (
    <section>
      <h1 className="text-2xl font-semibold">Automatic replies for many mailboxes</h1>
      <p className="mt-2 text-slate-700">
        Every mailbox becomes a request of its own: policy, audit and verification work as for a single change, and Exchange decides with your
        own rights. The change runs in the background; you can close this page and come back to its progress.
      </p>
      <WhileExchangeReads what="the mailboxes' departments">
        <BulkFormFromExchange user={user} />
      </WhileExchangeReads>
    </section>
  );
}

async function BulkFormFromExchange({ user }: { user: TSessionUser }) {
  // The templates are read beside Exchange's mailbox list, not after it.
  const [loaded, templates] = await Promise.all([loadFromExchange(user, "/bulk/new", async (ex) => listDepartments(await listMailboxes(ex))), listTemplates()]);
  if (!loaded.ok) return <ExchangeProblem message={loaded.message} />;
  return <BulkForm departments={loaded.data} templates={templates} zones={["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")]} />;
}
