import type { Actor } from "@/lib/actor";
import { config } from "@/lib/config";
import type { AddressRange } from "@/lib/http/ip-allowlist";
import { processSingleton } from "@/lib/process-singleton";

// Verified keys by secret hash, in this process's memory. Entries are never stale:
// every change to a key or role evicts what it touched (that key's entries, or the
// entries of keys with that role) on every live instance before the change is reported
// done (coordinator.ts). A read that started before any eviction can't put its result
// back afterwards: the generation check drops it (conservatively, whatever was evicted).
//
// Concurrent misses for one hash share one database read, but only while no eviction
// has happened since it began: a request never joins a read older than an eviction.
//
// What changes with time alone needs no message: an entry carries the instant its
// secret stops working (the key's expiry or the end of the secret's grace period,
// whichever is first) and is never served from that instant on, on any instance.
// It carries the key's IP allowlist too, so every check is answered from memory.
const MAX_ENTRIES = 50_000;

export type CachedKey = {
  actor: Actor;
  // Epoch ms from which this secret is refused; Infinity: no end.
  usableUntil: number;
  // Parsed once; empty: any address.
  allowlist: AddressRange[];
  // Bind to first address is on: the next request sets the allowlist (lib/api-keys/bind.ts).
  bindPending: boolean;
};

// What a change invalidates: keys by internal row id, keys whose actor has one of these
// roles, keys of these accounts, or everything.
export type CacheScope = { keys?: string[]; roles?: string[]; accounts?: string[] } | "all";

type Read = { generation: number; result: Promise<CachedKey | null> };
type State = {
  entries: Map<string, CachedKey>;
  // Key row id → the hashes cached for it (a rolled key has several secrets).
  byKey: Map<string, Set<string>>;
  reads: Map<string, Read>;
  generation: number;
  // Database reads started (for the test endpoint and the bench).
  lookups: number;
  usable: () => boolean;
};
const state = processSingleton<State>("keyCache", () => ({
  entries: new Map(),
  byKey: new Map(),
  reads: new Map(),
  generation: 0,
  lookups: 0,
  usable: () => false,
}));

const disabled = !config.keyCache;

function remove(hash: string): void {
  const entry = state.entries.get(hash);
  if (!entry) return;
  state.entries.delete(hash);
  const hashes = state.byKey.get(entry.actor.rowId);
  hashes?.delete(hash);
  if (hashes?.size === 0) state.byKey.delete(entry.actor.rowId);
}

export const keyCache = {
  // Who decides whether memory may be trusted right now (the coordinator's lease).
  setUsable(check: () => boolean) {
    state.usable = check;
  },
  usable(): boolean {
    return !disabled && state.usable();
  },
  // The entry, unless the secret has stopped working by `atMs` (then it is dropped).
  get(hash: string, atMs: number): CachedKey | undefined {
    if (disabled || !state.usable()) return undefined;
    const entry = state.entries.get(hash);
    if (entry && entry.usableUntil <= atMs) {
      remove(hash);
      return undefined;
    }
    return entry;
  },
  // The database read for `hash`, shared with concurrent misses begun since the last
  // eviction; `read` gets the generation to pass to `set`.
  load(hash: string, read: (generation: number) => Promise<CachedKey | null>): Promise<CachedKey | null> {
    const generation = !disabled && state.usable() ? state.generation : -1;
    const start = () => {
      state.lookups++;
      return read(generation);
    };
    if (generation < 0) return start();
    const running = state.reads.get(hash);
    if (running && running.generation === generation) return running.result;
    const result = start().finally(() => {
      if (state.reads.get(hash)?.result === result) state.reads.delete(hash);
    });
    state.reads.set(hash, { generation, result });
    return result;
  },
  set(hash: string, key: CachedKey, generation: number) {
    // usable() first: it may apply changes received meanwhile, which move the generation.
    if (generation < 0 || !state.usable() || generation !== state.generation) return;
    if (state.entries.size >= MAX_ENTRIES) remove(state.entries.keys().next().value!);
    remove(hash);
    state.entries.set(hash, key);
    const hashes = state.byKey.get(key.actor.rowId) ?? new Set<string>();
    state.byKey.set(key.actor.rowId, hashes.add(hash));
  },
  evict(scope: CacheScope) {
    state.generation++;
    state.reads.clear();
    if (scope === "all") {
      state.entries.clear();
      state.byKey.clear();
      return;
    }
    for (const id of scope.keys ?? []) for (const hash of [...(state.byKey.get(id) ?? [])]) remove(hash);
    const roles = new Set(scope.roles ?? []);
    const accounts = new Set(scope.accounts ?? []);
    if (roles.size === 0 && accounts.size === 0) return;
    for (const [hash, entry] of state.entries)
      if (roles.has(entry.actor.role.id) || accounts.has(entry.actor.accountId)) remove(hash);
  },
  clear() {
    this.evict("all");
  },
  stats(): { entries: number; lookups: number } {
    return { entries: state.entries.size, lookups: state.lookups };
  },
};
