import { requireUserOrRedirect } from "@/app/_components/require-user";
import { listTemplates } from "@/lib/templates/list-templates";
import { PLACEHOLDERS, placeholderToken } from "@/lib/templates/placeholders";
import { TemplateForm } from "./template-forms";

export const metadata = { title: "Automatic-reply templates" };

export default async function TemplatesPage() {
  await requireUserOrRedirect("template.edit");
  const templates = await listTemplates();
  return (
    <section>
      <h1 className="text-2xl font-semibold">Automatic-reply templates</h1>
      <p className="mt-1 text-slate-600">
        Replies the helpdesk can start from, for one mailbox or many. They pick a template, the placeholders are filled for each mailbox, and they can still edit the text. Every change here is audited.
      </p>

      <h2 className="mt-6 text-lg font-semibold">Placeholders</h2>
      <p className="text-slate-600">Write a placeholder with two braces on each side. Any other name is refused when you save.</p>
      <table className="mt-2 w-full border-collapse rounded-lg bg-white text-sm shadow-sm">
        <caption className="sr-only">Placeholders and what they are filled with</caption>
        <thead className="bg-slate-100 text-left">
          <tr><th scope="col" className="px-3 py-2">Placeholder</th><th scope="col" className="px-3 py-2">Filled with</th></tr>
        </thead>
        <tbody>
          {Object.entries(PLACEHOLDERS).map(([name, meaning]) => (
            <tr key={name} className="border-t border-slate-200"><td className="px-3 py-2 font-mono">{placeholderToken(name)}</td><td className="px-3 py-2">{meaning}</td></tr>
          ))}
        </tbody>
      </table>
      <p className="mt-2 text-sm text-slate-600">
        A template that uses the end needs a scheduled reply; one that names a covering colleague needs one picked. Otherwise ExoDesk says so instead of sending the placeholder.
      </p>

      <h2 className="mt-8 text-lg font-semibold">Templates</h2>
      {templates.length === 0 && <p className="text-slate-600">None yet.</p>}
      <ul className="mt-2 space-y-3">
        {templates.map((t) => (
          <li key={t.id} className="rounded-lg border border-slate-200 bg-white p-4">
            <TemplateForm template={t} />
          </li>
        ))}
      </ul>

      <h2 className="mt-8 text-lg font-semibold">New template</h2>
      <div className="mt-2 rounded-lg border border-slate-200 bg-white p-4">
        <TemplateForm />
      </div>
    </section>
  );
}
