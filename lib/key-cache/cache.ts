import type { AddressRange } from "@/lib/api-keys/ip-allowlist";
import type { Actor } from "@/lib/auth/actor";

// Verified keys by secret hash, in this process's memory. Entries are never stale:
// every change to a key or role clears the cache on every live instance before the
// change is reported done (coordinator.ts). A read that started before a clear
// can't put its result back afterwards: the generation check drops it.
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
};

type State = { entries: Map<string, CachedKey>; generation: number; usable: () => boolean };
const globalForCache = globalThis as unknown as { wispKeyCache?: State };
const state: State = (globalForCache.wispKeyCache ??= {
  entries: new Map(),
  generation: 0,
  usable: () => false,
});

const disabled = process.env.KEY_CACHE === "off";

export const keyCache = {
  // Who decides whether memory may be trusted right now (the coordinator's lease).
  setUsable(check: () => boolean) {
    state.usable = check;
  },
  // The entry, unless the secret has stopped working by `atMs` (then it is dropped).
  get(hash: string, atMs: number): CachedKey | undefined {
    if (disabled || !state.usable()) return undefined;
    const entry = state.entries.get(hash);
    if (entry && entry.usableUntil <= atMs) {
      state.entries.delete(hash);
      return undefined;
    }
    return entry;
  },
  // Call before reading the database; pass the result to `set`.
  beginRead(): number {
    return !disabled && state.usable() ? state.generation : -1;
  },
  set(hash: string, key: CachedKey, generation: number) {
    if (generation < 0 || generation !== state.generation || !state.usable()) return;
    if (state.entries.size >= MAX_ENTRIES) state.entries.delete(state.entries.keys().next().value!);
    state.entries.set(hash, key);
  },
  clear() {
    state.generation++;
    state.entries.clear();
  },
};
