// Leak reports need no key, so each client address may send only so many: LIMIT calls
// (of up to 100 secrets each) per WINDOW_MS, counted in this instance's memory. With
// several instances behind a load balancer the limit applies per instance, which is
// enough to stop someone from hashing through the endpoint at volume.
const LIMIT = 10;
const WINDOW_MS = 60_000;

type Window = { startedAt: number; count: number };
const globalForLimit = globalThis as unknown as { wispLeakReportLimit?: Map<string, Window> };
const windows = (globalForLimit.wispLeakReportLimit ??= new Map());

// Counts one call; returns the seconds to wait when over the limit, else null.
export function takeLeakReport(address: string | null, at = Date.now()): number | null {
  const id = address ?? "unknown";
  if (windows.size > 10_000) {
    for (const [key, window] of windows) if (at - window.startedAt >= WINDOW_MS) windows.delete(key);
  }
  const window = windows.get(id);
  if (!window || at - window.startedAt >= WINDOW_MS) {
    windows.set(id, { startedAt: at, count: 1 });
    return null;
  }
  if (window.count >= LIMIT) return Math.ceil((window.startedAt + WINDOW_MS - at) / 1000);
  window.count++;
  return null;
}
