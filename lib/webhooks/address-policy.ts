import { lookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";
import { config } from "@/lib/config";

// Where webhooks may go. An outbound request aimed by a customer must not reach the
// portal's own network: every address a URL's host resolves to is checked, before each
// delivery, and the connection then goes to the address checked (send.ts), so a name that
// resolves differently a moment later (DNS rebinding) gains nothing. Only public unicast
// addresses pass; WEBHOOK_ALLOW_PRIVATE_NETWORKS=1 (tests, private deployments) also lets
// loopback, private, link-local, unique-local and shared ranges through. Multicast,
// broadcast, unspecified and the cloud metadata addresses never pass.
const ALWAYS_REFUSED = new Set(["multicast", "broadcast", "unspecified"]);
const PRIVATE = new Set(["loopback", "private", "linkLocal", "uniqueLocal", "carrierGradeNat"]);
const METADATA = new Set(["169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254"]);

export type CheckedAddress = { address: string; family: 4 | 6 };

export class RefusedAddressError extends Error {
  name = "RefusedAddressError";
}

const allowPrivate = () => config.webhookAllowPrivateNetworks;

// The address as one kind: an IPv4-mapped IPv6 address is its IPv4 address.
function parse(address: string): ipaddr.IPv4 | ipaddr.IPv6 {
  const parsed = ipaddr.parse(address);
  return parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()
    ? (parsed as ipaddr.IPv6).toIPv4Address()
    : parsed;
}

// What is wrong with this address ("is in a private network (loopback)"), or null when
// webhooks may go there.
export function refusalOf(address: string): string | null {
  const parsed = parse(address);
  const range = parsed.range();
  if (METADATA.has(parsed.toNormalizedString()) || METADATA.has(parsed.toString()))
    return "is a cloud metadata address";
  if (range === "unicast") return null;
  if (ALWAYS_REFUSED.has(range)) return `is a ${range} address`;
  if (PRIVATE.has(range) && allowPrivate()) return null;
  return `is in a private or reserved network (${range})`;
}

const shown = (address: string) => (address.includes(":") ? `[${address}]` : address);

export const isLoopback = (address: string) => parse(address).range() === "loopback";

// The URL's rules beyond its syntax: https, or plain http to loopback where private
// networks are allowed (a receiver on the same machine, in tests).
export function urlRefusal(url: URL): string | null {
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && allowPrivate()) {
    const host = url.hostname.replace(/^\[|\]$/g, "");
    if (host === "localhost" || (ipaddr.isValid(host) && isLoopback(host))) return null;
    return "Plain http:// is allowed only to a loopback address here: use https://.";
  }
  return "Use an https:// URL.";
}

// Every address the host resolves to, each checked; throws RefusedAddressError (with the
// reason people read) if any is refused or none is found. A plain http URL must resolve
// to loopback only.
export async function resolveChecked(url: URL): Promise<CheckedAddress[]> {
  const urlProblem = urlRefusal(url);
  if (urlProblem) throw new RefusedAddressError(urlProblem);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: { address: string; family: number }[];
  if (ipaddr.isValid(host)) {
    addresses = [{ address: host, family: host.includes(":") ? 6 : 4 }];
  } else {
    try {
      addresses = await lookup(host, { all: true, verbatim: true });
    } catch {
      throw new RefusedAddressError(`The host ${host} can't be found.`);
    }
  }
  if (addresses.length === 0) throw new RefusedAddressError(`The host ${host} can't be found.`);
  for (const { address } of addresses) {
    const refusal = refusalOf(address);
    if (refusal) {
      const subject = host === address ? shown(address) : `${host} resolves to ${shown(address)}, which`;
      throw new RefusedAddressError(`${subject} ${refusal}: webhooks go only to public addresses.`);
    }
    if (url.protocol === "http:" && !isLoopback(address)) {
      throw new RefusedAddressError("Plain http:// is allowed only to a loopback address here: use https://.");
    }
  }
  return addresses.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
}
