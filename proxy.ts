import { NextResponse, type NextRequest } from "next/server";

// Tells server code which page a request is for (an audited refusal names it). Set here, so a
// client cannot supply its own value.
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set("x-exodesk-path", request.nextUrl.pathname);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"] };
