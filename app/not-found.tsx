import { Link } from "@/app/_components/link";

export const metadata = { title: "Not found" };

// Our own 404 page: Next's built-in one uses inline styles, which the content security
// policy blocks.
export default function NotFound() {
  return (
    <main className="mx-auto mt-24 max-w-lg rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-3 text-slate-700">That page or item does not exist, or you cannot see it.</p>
      <Link href="/" className="mt-6 inline-block text-blue-700 underline">Go to your start page</Link>
    </main>
  );
}
