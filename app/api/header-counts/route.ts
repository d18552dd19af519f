import { countHeader } from "@/app/(portal)/count-header";
import { authorisedRoute } from "@/lib/action/authorised";

// The header's counts for the signed-in person (every app role sees the header), asked by
// app/_components/header-counts.tsx after a navigation or an action. Plain database reads.
// `?path=` names the page on screen, whose own entries the bell leaves out as the layout does
// (that page marks them read as it renders); it narrows only the person's own count.
export const GET = authorisedRoute("notification.readOwn", { rateLimit: "none" }, async (ctx, request: Request) => {
  const path = new URL(request.url).searchParams.get("path");
  const onScreen = path && path.startsWith("/") && path.length <= 2048 ? path : undefined;
  return Response.json(await countHeader(ctx.user, onScreen), { headers: { "cache-control": "no-store" } });
});
