import { headers } from "next/headers";
import { fromTrustedProxy } from "./client-address";

// The origin people reach the portal at, for links handed to them (invitations).
// APP_URL when set; otherwise the Host of the request being answered (the person asking
// for the link is signed in, so this is the address they use), or the X-Forwarded-Host
// and -Proto that a trusted proxy set. One small function, so a shared APP_URL helper can
// replace it.
export async function publicOrigin(): Promise<string> {
  const configured = process.env.APP_URL?.replace(/\/+$/, "");
  if (configured) return configured;
  const list = await headers();
  const proxied = fromTrustedProxy(list);
  const host = (proxied && list.get("x-forwarded-host")) || list.get("host") || "localhost:3000";
  const proto = (proxied && list.get("x-forwarded-proto")) || "http";
  return `${proto}://${host}`;
}
