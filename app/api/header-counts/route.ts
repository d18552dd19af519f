import { countHeader } from "@/app/(portal)/count-header";
import { authorisedRoute } from "@/lib/action/authorised";

// The header's counts for the signed-in person (every app role sees the header), asked by
// app/_components/header-counts.tsx after a navigation or an action. Plain database reads. It
// is asked once the new page is on screen, which has already marked its entries read (the page
// awaits that before it renders), so unlike the layout it leaves no entry out.
export const GET = authorisedRoute("notification.readOwn", { rateLimit: "none" }, async (ctx) =>
  Response.json(await countHeader(ctx.user), { headers: { "cache-control": "no-store" } }),
);
