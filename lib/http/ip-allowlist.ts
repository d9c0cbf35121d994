import ipaddr from "ipaddr.js";

// A key's IP allowlist: IPv4 and IPv6 addresses and CIDR ranges, parsed by ipaddr.js
// (no regexes). Entries are stored normalised ("203.0.113.0/24", "2001:db8::/32", a single
// address without a prefix length), so the same range is always written the same way.
// IPv4 must be written as four decimal parts: ipaddr.js alone would also take "10.1"
// or "0x0a.0.0.1", which nobody means in an allowlist.
export const MAX_ALLOWLIST_ENTRIES = 100;

type Address = ipaddr.IPv4 | ipaddr.IPv6;
export type AddressRange = { address: Address; bits: number };

// The range an entry stands for, or null if it is not an address or CIDR range.
export function parseAllowlistEntry(entry: string): AddressRange | null {
  const [text, prefix, ...rest] = entry.trim().split("/");
  if (rest.length > 0 || (prefix !== undefined && !/^\d{1,3}$/.test(prefix))) return null;
  let address: Address;
  if (text.includes(":")) {
    if (text.includes("%") || !ipaddr.IPv6.isValid(text)) return null;
    address = ipaddr.IPv6.parse(text);
  } else {
    if (!ipaddr.IPv4.isValidFourPartDecimal(text)) return null;
    address = ipaddr.IPv4.parse(text);
  }
  const max = address.kind() === "ipv4" ? 32 : 128;
  let bits = prefix === undefined ? max : Number(prefix);
  if (bits > max) return null;
  // "::ffff:10.0.0.0/104" is the IPv4 range 10.0.0.0/8, and is matched as such.
  if (address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96) {
    address = (address as ipaddr.IPv6).toIPv4Address();
    bits -= 96;
  }
  return { address: networkAddress(address, bits), bits };
}

export function formatRange(range: AddressRange): string {
  const max = range.address.kind() === "ipv4" ? 32 : 128;
  return range.bits === max ? range.address.toString() : `${range.address.toString()}/${range.bits}`;
}

// Normalised, without duplicates; `invalid` names the entries that are not addresses.
export function normalizeAllowlist(entries: string[]): { entries: string[]; invalid: number[] } {
  const normalized = new Set<string>();
  const invalid: number[] = [];
  entries.forEach((entry, index) => {
    const range = parseAllowlistEntry(entry);
    if (range) normalized.add(formatRange(range));
    else invalid.push(index);
  });
  return { entries: [...normalized], invalid };
}

// Stored (already normalised) entries, parsed once for the key cache.
export function compileAllowlist(entries: string[]): AddressRange[] {
  return entries.map(parseAllowlistEntry).filter((range): range is AddressRange => range !== null);
}

// An empty list allows any address; otherwise the client must be in one of the ranges.
// An unknown client address is allowed only by an empty list.
export function isAllowed(ranges: AddressRange[], clientAddress: string | null): boolean {
  if (ranges.length === 0) return true;
  if (!clientAddress) return false;
  let client: Address;
  try {
    client = ipaddr.process(clientAddress);
  } catch {
    return false;
  }
  return ranges.some((range) => range.address.kind() === client.kind() && client.match(range.address, range.bits));
}

function networkAddress(address: Address, bits: number): Address {
  const cidr = `${address.toString()}/${bits}`;
  return address.kind() === "ipv4"
    ? ipaddr.IPv4.networkAddressFromCIDR(cidr)
    : ipaddr.IPv6.networkAddressFromCIDR(cidr);
}

// The allowlist entry that binds a key to a client address: the address itself for IPv4
// (/32), its /64 for IPv6 (a host's privacy addresses change within it); null when the
// address is unknown or unreadable.
export function bindingRange(clientAddress: string | null): string | null {
  const range = clientAddress ? parseAllowlistEntry(clientAddress) : null;
  if (!range) return null;
  return range.address.kind() === "ipv4"
    ? formatRange(range)
    : formatRange(parseAllowlistEntry(`${range.address.toString()}/64`)!);
}
