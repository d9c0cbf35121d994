import { processSingleton } from "@/lib/process-singleton";

// The hashes of every secret that may still verify, as a Bloom filter in this process's
// memory, so a well-formed but made-up key is refused without a query. Exact for
// absence: a hash that isn't in the filter was never stored, so never a live key; one
// that is in it may still be unknown (about 1% of made-up keys at the sized capacity)
// and goes to the database as before.
//
// Built from api_key_secrets at start and again whenever the coordinator reconnects (it
// may have missed additions meanwhile); a key created or rolled on any instance is added
// on every live instance before the call returns (coordinator.ts). Deleted secrets are
// not removed (they only cost a query). Until a build completes, and whenever the
// coordinator can't vouch for this instance's memory, every hash passes.

// Bits per element and probes for ~1% false positives: m/n = −ln(0.01)/ln(2)², k = (m/n)·ln 2.
const BITS_PER_KEY = 9.6;
const PROBES = 7;
export const MIN_CAPACITY = 1_000_000;

export class BloomFilter {
  private readonly words: Uint32Array;
  private readonly size: number;

  constructor(capacity: number) {
    this.size = Math.ceil(Math.max(capacity, 1) * BITS_PER_KEY);
    this.words = new Uint32Array(Math.ceil(this.size / 32));
  }

  get bytes(): number {
    return this.words.byteLength;
  }

  add(hash: string): void {
    this.probe(hash, (index) => {
      this.words[index >>> 5] |= 1 << (index & 31);
      return true;
    });
  }

  has(hash: string): boolean {
    return this.probe(hash, (index) => (this.words[index >>> 5] & (1 << (index & 31))) !== 0);
  }

  // A hash is hex SHA-256, already uniform: two 32-bit slices of it give every probe
  // (double hashing), stopping at the first probe that says no.
  private probe(hash: string, visit: (index: number) => boolean): boolean {
    const first = Number.parseInt(hash.slice(0, 8), 16) >>> 0;
    const step = (Number.parseInt(hash.slice(8, 16), 16) | 1) >>> 0;
    for (let i = 0; i < PROBES; i++) if (!visit((first + i * step) % this.size)) return false;
    return true;
  }
}

type State = {
  // The filter requests may trust; undefined while none is complete.
  ready?: BloomFilter;
  // The filter being built, which additions reach too.
  building?: BloomFilter;
  usable: () => boolean;
};
const state = processSingleton<State>("secretFilter", () => ({ usable: () => false }));

export const secretFilter = {
  // Who decides whether memory may be trusted right now (the coordinator's lease).
  setUsable(check: () => boolean) {
    state.usable = check;
  },
  // False only when the hash is certainly not a stored secret's.
  mightBeLive(hash: string): boolean {
    return !state.ready || !state.usable() || state.ready.has(hash);
  },
  add(hash: string) {
    state.ready?.add(hash);
    state.building?.add(hash);
  },
  // Forget the filter until the next build completes (e.g. when additions may be missed).
  drop() {
    state.ready = undefined;
    state.building = undefined;
  },
  // Fills a new filter from `pages` (each a list of hashes); additions during the build
  // reach it too. Returns whether it was installed (a later build or drop wins).
  async build(count: number, pages: AsyncIterable<string[]>): Promise<boolean> {
    const filter = new BloomFilter(Math.max(MIN_CAPACITY, 2 * count));
    state.ready = undefined;
    state.building = filter;
    for await (const page of pages) {
      if (state.building !== filter) return false;
      for (const hash of page) filter.add(hash);
    }
    if (state.building !== filter) return false;
    state.building = undefined;
    state.ready = filter;
    return true;
  },
  stats(): { ready: boolean; bytes: number } {
    return { ready: state.ready !== undefined, bytes: state.ready?.bytes ?? 0 };
  },
};
