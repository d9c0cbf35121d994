import type { Actor } from "@/lib/auth/actor";

// Verified keys by secret hash, in this process's memory. Entries are never stale:
// every change to a key or role clears the cache on every live instance before the
// change is reported done (coordinator.ts). A read that started before a clear
// can't put its result back afterwards: the generation check drops it.
const MAX_ENTRIES = 50_000;

type State = { entries: Map<string, Actor>; generation: number; usable: () => boolean };
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
  get(hash: string): Actor | undefined {
    if (disabled || !state.usable()) return undefined;
    return state.entries.get(hash);
  },
  // Call before reading the database; pass the result to `set`.
  beginRead(): number {
    return !disabled && state.usable() ? state.generation : -1;
  },
  set(hash: string, key: Actor, generation: number) {
    if (generation < 0 || generation !== state.generation || !state.usable()) return;
    if (state.entries.size >= MAX_ENTRIES) state.entries.delete(state.entries.keys().next().value!);
    state.entries.set(hash, key);
  },
  clear() {
    state.generation++;
    state.entries.clear();
  },
};
