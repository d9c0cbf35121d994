import { describe, expect, it } from "vitest";
import { compileAllowlist, isAllowed, normalizeAllowlist, parseAllowlistEntry } from "@/lib/http/ip-allowlist";

describe("IP allowlist entries", () => {
  it("normalises addresses and ranges: network address, compact IPv6, IPv4-mapped as IPv4, no duplicates", () => {
    expect(
      normalizeAllowlist([
        "10.1.2.3/8",
        "10.0.0.0/8",
        " 192.0.2.7 ",
        "192.0.2.7/32",
        "2001:DB8:0:0::1/32",
        "::ffff:198.51.100.0/120",
        "::ffff:198.51.100.4",
        "::1",
        "0.0.0.0/0",
      ]),
    ).toEqual({
      entries: ["10.0.0.0/8", "192.0.2.7", "2001:db8::/32", "198.51.100.0/24", "198.51.100.4", "::1", "0.0.0.0/0"],
      invalid: [],
    });
  });

  it("refuses what is not an address or range, including the odd IPv4 spellings a parser would take", () => {
    for (const entry of [
      "",
      "10.1",
      "10.0.0.256",
      "0x7f.0.0.1",
      "010.0.0.1",
      "10.0.0.0/33",
      "2001:db8::/129",
      "10.0.0.0/8/8",
      "10.0.0.0/-1",
      "10.0.0.0/ 8",
      "fe80::1%eth0",
      "example.com",
      "1.2.3.4 5.6.7.8",
    ]) {
      expect(parseAllowlistEntry(entry), entry).toBeNull();
    }
    expect(normalizeAllowlist(["10.0.0.1", "nope", "10.0.0.2"]).invalid).toEqual([1]);
  });
});

describe("matching a client address", () => {
  const ranges = compileAllowlist(["10.0.0.0/8", "192.0.2.7", "2001:db8::/32"]);

  it("allows addresses inside a range, of the same family, and refuses the rest", () => {
    expect(isAllowed(ranges, "10.255.0.1")).toBe(true);
    expect(isAllowed(ranges, "192.0.2.7")).toBe(true);
    expect(isAllowed(ranges, "2001:db8:ffff::1")).toBe(true);
    expect(isAllowed(ranges, "::ffff:10.1.1.1")).toBe(true);
    expect(isAllowed(ranges, "11.0.0.1")).toBe(false);
    expect(isAllowed(ranges, "192.0.2.8")).toBe(false);
    expect(isAllowed(ranges, "2001:db9::1")).toBe(false);
  });

  it("allows anything with an empty list, and nothing with an unknown address otherwise", () => {
    expect(isAllowed([], null)).toBe(true);
    expect(isAllowed([], "203.0.113.1")).toBe(true);
    expect(isAllowed(ranges, null)).toBe(false);
    expect(isAllowed(ranges, "garbage")).toBe(false);
  });
});
