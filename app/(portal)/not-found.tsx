import { Link } from "@/app/_components/link";

export const metadata = { title: "Not found" };

// What a portal page's notFound() shows (a request or cover that does not exist, or is not the
// person's to see): inside the portal's layout, whose <main> it already is, so no <main> of its
// own (app/not-found.tsx is the page for an address that matches nothing).
export default function PortalNotFound() {
  return (
    <>
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-3 text-slate-700">That page or item does not exist, or you cannot see it.</p>
      <Link href="/" className="mt-6 inline-block text-blue-700 underline">Go to your start page</Link>
    </>
  );
}
