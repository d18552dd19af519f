import NextLink from "next/link";
import type { ComponentProps } from "react";

// Next.js's <Link> without automatic prefetch. Every ExoDesk page is rendered per person on
// request and has no loading boundary, so prefetching a link in view renders the portal
// layout on the server (session, roles, database) for a page the person may never open: the
// nav alone cost a dozen such renders on every page load, a table of requests one per row,
// and the page being opened waited behind them. A link now fetches its page when clicked.
export function Link(props: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={false} {...props} />;
}
