import { Link } from "@/app/_components/link";

// What "not found" says, wherever it shows: app/not-found.tsx (an address that matches nothing,
// in a page of its own) and app/(portal)/not-found.tsx (a portal page's notFound(), inside the
// portal's layout).
export function NotFoundMessage() {
  return (
    <>
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-3 text-slate-700">That page or item does not exist, or you cannot see it.</p>
      <Link href="/" className="mt-6 inline-block text-blue-700 underline">Go to your start page</Link>
    </>
  );
}
