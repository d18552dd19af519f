import { NotFoundMessage } from "@/app/_components/not-found-message";

export const metadata = { title: "Not found" };

// A portal page's notFound() (a request or cover that does not exist, or is not the person's to
// see) shows inside the portal's layout, whose <main> it already is: no <main> of its own.
export default function PortalNotFound() {
  return <NotFoundMessage />;
}
