import { NotFoundMessage } from "@/app/_components/not-found-message";

export const metadata = { title: "Not found" };

// Our own 404 page: Next's built-in one uses inline styles, which the content security
// policy blocks.
export default function NotFound() {
  return (
    <main className="mx-auto mt-24 max-w-lg rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
      <NotFoundMessage />
    </main>
  );
}
