import { NextRequest } from "next/server";
import { config } from "@/lib/config";

// The portal's public origin, for every absolute URL it hands out (next-auth's
// redirects and endpoints, the curl examples, invitation links): APP_URL when set.
// Without it, for local use, the origin the request was sent to.
export function publicOrigin(headers: Headers): string {
  if (config.appUrl) return new URL(config.appUrl).origin;
  const host = headers.get("x-forwarded-host") ?? headers.get("host") ?? "localhost:3000";
  const proto = headers.get("x-forwarded-proto") === "https" ? "https" : "http";
  return `${proto}://${host}`;
}

// The same request, addressed to the public origin instead of the one Next's server
// builds from its own host and port.
export function atPublicOrigin(request: NextRequest): NextRequest {
  const url = new URL(request.nextUrl.pathname + request.nextUrl.search, publicOrigin(request.headers));
  return new NextRequest(url, request);
}
