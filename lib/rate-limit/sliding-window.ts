// A sliding window estimated from two fixed windows (the current one and the one
// before), as counted in a shared store: the previous window's count weighs by the part
// of it still inside the sliding window. It assumes the previous window's requests were
// spread evenly; each fixed window's count itself is exact.
export type WindowCounts = { previous: number; current: number; elapsed: number };

export function estimate({ previous, current, elapsed }: WindowCounts): number {
  return previous * (1 - elapsed) + current;
}

// Milliseconds from now until one more request fits under `limit`, given the counts
// without that request.
export function msUntilRoom(counts: WindowCounts, limit: number, windowMs: number): number {
  const { previous, current, elapsed } = counts;
  // In this window: wait until enough of the previous one has slid out.
  if (current + 1 <= limit) {
    if (previous === 0) return 0;
    const needed = 1 - (limit - current - 1) / previous;
    return Math.max(0, Math.ceil((needed - elapsed) * windowMs));
  }
  // Only in the next window, where this window's count is the previous one's.
  const needed = 1 - (limit - 1) / current;
  return Math.ceil((1 - elapsed + Math.max(0, needed)) * windowMs);
}
