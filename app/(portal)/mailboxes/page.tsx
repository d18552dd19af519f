import { requireUserOrRedirect } from "@/app/_components/require-user";
import { MailboxPicker } from "./mailbox-picker";

export const metadata = { title: "Mailboxes" };

export default async function MailboxesPage() {
  await requireUserOrRedirect("mailbox.read");
  return (
    <section>
      <h1 className="text-2xl font-semibold">Find a mailbox</h1>
      <p className="mt-1 text-slate-600">Type at least three letters of a name or address, then choose the mailbox to work on.</p>
      <MailboxPicker />
    </section>
  );
}
