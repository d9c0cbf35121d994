import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, newNonce } from "@/lib/security-headers";

// Every page gets a Content-Security-Policy with a fresh nonce. Next reads it from the
// request's header and puts it on its own scripts, which is why pages render per
// request (app/layout.tsx). API answers are JSON; /api/reference sets its own policy.
export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const policy = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  // The page asked for, with its query, for a sign-in to come back to (lib/auth/current-member.ts).
  const query = new URLSearchParams(request.nextUrl.search);
  query.delete("_rsc");
  requestHeaders.set("x-return-to", request.nextUrl.pathname + (query.size > 0 ? `?${query}` : ""));
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!api/v1/|api/health$|api/ready$|api/reference|_next/static/|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
