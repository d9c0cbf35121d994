import { NextRequest } from "next/server";
import { config } from "@/lib/config";
import { fromTrustedProxy } from "./client-address";

// The origin people reach the portal at, for every absolute URL it hands out (next-auth's
// redirects and endpoints, the curl examples, invitation links, the key format's
// reportTo): APP_URL when set. Otherwise the request's own Host and protocol, or the
// X-Forwarded-Host and -Proto that one of TRUSTED_PROXIES set. Anyone else's are removed
// by scripts/serve.mjs before Next, which then sets X-Forwarded-Host from the request's
// Host (past proxy.ts, the Host header itself is Next's own address): otherwise a client
// could have the portal hand out links to a host of its choosing.
export function publicOrigin(headers: Headers): string {
  if (config.appUrl) return new URL(config.appUrl).origin;
  const host = headers.get("x-forwarded-host") || headers.get("host") || "localhost:3000";
  const proto = fromTrustedProxy(headers) && headers.get("x-forwarded-proto") === "https" ? "https" : "http";
  return `${proto}://${host}`;
}

// The same request, addressed to the public origin instead of the one Next's server
// builds from its own host and port.
export function atPublicOrigin(request: NextRequest): NextRequest {
  const url = new URL(request.nextUrl.pathname + request.nextUrl.search, publicOrigin(request.headers));
  return new NextRequest(url, request);
}
