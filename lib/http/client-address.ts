import ipaddr from "ipaddr.js";
import { config } from "@/lib/config";
import { remembered } from "@/lib/remembered";
import { SOCKET_ADDRESS_HEADER } from "./socket-address";

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

// TRUSTED_PROXIES: comma-separated addresses or CIDR ranges of the proxies in front of
// the portal. Only a request whose socket peer is one of them may name the client in
// X-Forwarded-For, and then the first hop from the right that is not a trusted proxy wins.
let trusted: Range[] | undefined;

function trustedRanges(): Range[] {
  trusted ??= config.trustedProxies.map((entry) => {
    try {
      if (entry.includes("/")) return ipaddr.parseCIDR(entry);
      const address = ipaddr.process(entry);
      return [address, address.kind() === "ipv4" ? 32 : 128] as Range;
    } catch {
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range.`);
    }
  });
  return trusted;
}

// Every request's socket address is read this way: remembered, not parsed each time.
const normalize = remembered((address: string): string | null => {
  const trimmed = address.trim();
  if (!ipaddr.isValid(trimmed)) return null;
  return ipaddr.process(trimmed).toString();
});

function isTrusted(address: string): boolean {
  const parsed = ipaddr.process(address);
  return trustedRanges().some(([range, bits]) => parsed.kind() === range.kind() && parsed.match(range, bits));
}

// Whether the request came straight from one of TRUSTED_PROXIES (so its X-Forwarded-*
// headers were set by that proxy, not by the client).
export function fromTrustedProxy(headers: Headers): boolean {
  const socket = normalize(headers.get(SOCKET_ADDRESS_HEADER) ?? "");
  return Boolean(socket && trustedRanges().length > 0 && isTrusted(socket));
}

// The client's address: the socket peer, or (behind a trusted proxy) the first untrusted hop.
export function clientAddress(headers: Headers): string | null {
  const socket = normalize(headers.get(SOCKET_ADDRESS_HEADER) ?? "");
  if (!socket || trustedRanges().length === 0 || !isTrusted(socket)) return socket;
  const hops = (headers.get("x-forwarded-for") ?? "").split(",").map(normalize);
  for (let index = hops.length - 1; index >= 0; index--) {
    const hop = hops[index];
    if (!hop) return socket;
    if (!isTrusted(hop)) return hop;
  }
  return socket;
}

// The address a brake counts a client by: an IPv4 address itself, an IPv6 address by its
// /64 (one customer's network: anyone holding one gets 2^64 addresses to rotate through).
export const brakeAddress = remembered((address: string): string => {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === "ipv4") return parsed.toString();
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4);
  return `${new ipaddr.IPv6([...parts, 0, 0, 0, 0]).toString()}/64`;
});
