import { beforeEach, describe, expect, it } from "vitest";
import { keyCache, type CachedKey } from "@/lib/key-cache/cache";

const entry = (rowId: string, roleId = "role-1", accountId = "account-1"): CachedKey => ({
  actor: {
    kind: "api_key",
    id: `key_${rowId}`,
    rowId,
    name: rowId,
    email: null,
    accountId,
    accountName: "Org",
    role: { id: roleId, name: "Role" },
    permissions: {} as CachedKey["actor"]["permissions"],
  },
  usableUntil: Infinity,
  allowlist: [],
  bindPending: false,
});

// A read that resolves when told to, counting how often the database would be asked.
function slowRead(hash: string, value: CachedKey | null) {
  let calls = 0;
  let release = () => {};
  const read = (generation: number) => {
    calls++;
    return new Promise<CachedKey | null>((resolve) => {
      release = () => {
        if (value) keyCache.set(hash, value, generation);
        resolve(value);
      };
    });
  };
  return { read, calls: () => calls, release: () => release() };
}

// The generation a read starting now would be given.
function currentGeneration(): number {
  let generation = -1;
  void keyCache.load("probe", async (given) => {
    generation = given;
    return null;
  });
  return generation;
}

describe("key cache", () => {
  beforeEach(() => {
    keyCache.setUsable(() => true);
    keyCache.clear();
  });

  it("lets concurrent misses for one hash share one read", async () => {
    const lookup = slowRead("h1", entry("k1"));
    const results = [1, 2, 3].map(() => keyCache.load("h1", lookup.read));
    lookup.release();
    const [first, ...rest] = await Promise.all(results);
    expect(lookup.calls()).toBe(1);
    expect(rest).toEqual([first, first]);
    expect(keyCache.get("h1", Date.now())).toBe(first);
  });

  it("never joins or caches a read that began before an eviction", async () => {
    const stale = slowRead("h1", entry("k1"));
    const early = keyCache.load("h1", stale.read);
    keyCache.evict({ keys: ["k1"] });
    const fresh = slowRead("h1", null);
    const late = keyCache.load("h1", fresh.read);
    expect(fresh.calls()).toBe(1);
    stale.release();
    fresh.release();
    expect(await late).toBeNull();
    await early;
    expect(keyCache.get("h1", Date.now())).toBeUndefined();
  });

  it("evicts a key's every secret, a role's keys or an account's keys, and nothing else", () => {
    const at = Date.now();
    const generation = currentGeneration();
    keyCache.set("rolled-old", entry("k1"), generation);
    keyCache.set("rolled-new", entry("k1"), generation);
    keyCache.set("other", entry("k2", "role-2"), generation);
    keyCache.set("elsewhere", entry("k3", "role-3", "account-2"), generation - 1);
    expect(keyCache.stats().entries).toBe(3); // the last one came from a stale read
    keyCache.set("elsewhere", entry("k3", "role-3", "account-2"), generation);
    keyCache.evict({ keys: ["k1"] });
    expect(keyCache.get("rolled-old", at)).toBeUndefined();
    expect(keyCache.get("rolled-new", at)).toBeUndefined();
    expect(keyCache.get("other", at)).toBeDefined();
    keyCache.set("rolled-new", entry("k1"), currentGeneration());
    keyCache.evict({ roles: ["role-2"] });
    expect(keyCache.get("other", at)).toBeUndefined();
    expect(keyCache.get("rolled-new", at)).toBeDefined();
    keyCache.evict({ accounts: ["account-2"] });
    expect(keyCache.get("elsewhere", at)).toBeUndefined();
    expect(keyCache.get("rolled-new", at)).toBeDefined();
  });
});
