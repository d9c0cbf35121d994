import { describe, expect, it } from "vitest";
import { keyScopeColumns, scopeWithin, toKeyScope } from "@/lib/key-scope";

// A key's scope: null is the whole account; an empty scope reaches nothing, never everything.
describe("key scope", () => {
  const venue = { networks: ["n1"], groups: [] };
  it("is within another only when it reaches nothing more", () => {
    expect(scopeWithin(venue, null)).toBe(true);
    expect(scopeWithin(null, null)).toBe(true);
    expect(scopeWithin(null, venue)).toBe(false);
    expect(scopeWithin(venue, venue)).toBe(true);
    expect(scopeWithin({ networks: ["n1", "n2"], groups: [] }, venue)).toBe(false);
    expect(scopeWithin({ networks: [], groups: ["g1"] }, venue)).toBe(false);
    expect(scopeWithin({ networks: [], groups: [] }, venue)).toBe(true);
  });

  it("round-trips through its columns; an emptied scope stays a scope", () => {
    expect(toKeyScope(keyScopeColumns(null))).toBeNull();
    expect(toKeyScope(keyScopeColumns({ networks: ["n1", "n1"], groups: ["g1"] }))).toEqual({
      networks: ["n1"],
      groups: ["g1"],
    });
    expect(toKeyScope({ scoped: true, scopeNetworkIds: [], scopeGroupIds: [] })).toEqual({ networks: [], groups: [] });
  });
});
