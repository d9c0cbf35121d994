import "server-only";
import { RateLimiterMemory, type RateLimiterAbstract } from "rate-limiter-flexible";

// Admits requests against a limit counted in a store without a call to it per request (with
// a shared store, Redis or PostgreSQL, a round trip): an instance takes tokens ahead, as a
// lease that the store counts at once, and admits from it locally. A lease is LEASE_SHARE
// of the room left as last seen, so leases shrink to one token near the limit. The store's
// count never falls below what was admitted, so all instances together never admit more
// than the limit. The price: tokens one instance leased and didn't use before the window
// ended are lost to the others (at most LEASE_SHARE of the room each, one token near it).
// The memory store (embedded database, one process) is leased from the same way: a token
// from a lease costs no call into the library (no promise, no result object per request),
// and as this process is the only one counting, usedHere() is exact.
const LEASE_SHARE = 0.25;
const SWEEP_EVERY = 1000;

export type Admission = { admitted: boolean; count: number };

type Lease = {
  tokens: number; // leased here, not yet used
  stored: number; // the store's count at the last answer
  fetching: Promise<void> | null;
  expiresAt: number; // when the store forgets the counter, in real time
};

export class LeasedCounter {
  private leases = new Map<string, Lease>();
  private calls = 0;

  constructor(private readonly store: RateLimiterAbstract) {}

  // One request against `limit` on counter `key` (kept `seconds` in the store): whether it
  // is admitted, and the count with it (tokens leased elsewhere included).
  async take(key: string, limit: number, seconds: number): Promise<Admission> {
    if (++this.calls % SWEEP_EVERY === 0) this.sweep();
    for (;;) {
      let lease = this.leases.get(key);
      if (!lease || lease.expiresAt <= Date.now()) {
        lease = { tokens: 0, stored: 0, fetching: null, expiresAt: Number.POSITIVE_INFINITY };
        this.leases.set(key, lease);
      }
      if (lease.tokens > 0) {
        lease.tokens -= 1;
        return { admitted: true, count: lease.stored - lease.tokens };
      }
      if (lease.fetching) {
        await lease.fetching;
        continue;
      }
      const fetched = this.fetch(key, lease, limit, seconds);
      // What others wait on never rejects (the caller gets the store's error): a failed
      // fetch nobody waited on must not become an unhandled rejection.
      lease.fetching = fetched.then(
        () => {},
        () => {},
      );
      try {
        if ((await fetched) === 0) return { admitted: false, count: lease.stored + 1 };
        return { admitted: true, count: lease.stored - lease.tokens };
      } finally {
        lease.fetching = null;
      }
    }
  }

  // Leases up to LEASE_SHARE of the room left, one token for the caller; what would pass
  // the limit is given back. Returns how many were granted.
  private async fetch(key: string, lease: Lease, limit: number, seconds: number): Promise<number> {
    const wanted = Math.max(1, Math.floor((Math.floor(limit) - lease.stored) * LEASE_SHARE));
    const result = await this.store.consume(key, wanted, { customDuration: seconds });
    const granted = Math.min(wanted, Math.max(0, Math.floor(limit) - (result.consumedPoints - wanted)));
    if (granted < wanted) await this.store.reward(key, wanted - granted, { customDuration: seconds });
    lease.stored = result.consumedPoints - (wanted - granted);
    // One of them is the caller's.
    lease.tokens += Math.max(0, granted - 1);
    lease.expiresAt = Date.now() + result.msBeforeNext;
    return granted;
  }

  // Memory store only: the requests admitted on `key` (leased tokens not yet used are not
  // counted); undefined when this process holds no lease for it, or for a shared store,
  // whose count includes other instances' requests.
  usedHere(key: string): number | undefined {
    if (!(this.store instanceof RateLimiterMemory)) return undefined;
    const lease = this.leases.get(key);
    return lease && lease.stored - lease.tokens;
  }

  private sweep(): void {
    const at = Date.now();
    for (const [key, lease] of this.leases) if (lease.expiresAt <= at && !lease.fetching) this.leases.delete(key);
  }
}
