import { now } from "@/lib/clock";
import { getUnscopedDb } from "@/lib/db";
import { processSingleton } from "@/lib/process-singleton";

// "Last used" costs no database write per request: uses (when, and from which client
// address) are kept in memory and written in one statement per key every
// FLUSH_INTERVAL_MS, and on shutdown.
export const LAST_USED_PRECISION_SECONDS = 5;
const FLUSH_INTERVAL_MS = LAST_USED_PRECISION_SECONDS * 1000;

type Use = { at: Date; address: string | null };
type LastUsedState = { pending: Map<string, Use>; timer?: NodeJS.Timeout };
const state = processSingleton<LastUsedState>("lastUsed", () => ({ pending: new Map() }));

// By the server's clock (lib/clock.ts), which "unused for N days" is measured against.
export function recordKeyUse(apiKeyId: string, address: string | null, at = now()): void {
  state.pending.set(apiKeyId, { at, address });
  if (!state.timer) {
    state.timer = setInterval(() => void flushLastUsed().catch(() => {}), FLUSH_INTERVAL_MS);
    state.timer.unref();
  }
}

export async function flushLastUsed(): Promise<void> {
  if (state.pending.size === 0) return;
  const batch = [...state.pending];
  state.pending.clear();
  // Keys of any account, by their internal id, as the verify path recorded them.
  const db = getUnscopedDb();
  for (const [id, use] of batch) {
    // updateMany: a key deleted meanwhile is simply skipped.
    await db.apiKey.updateMany({
      where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: use.at } }] },
      data: { lastUsedAt: use.at, lastUsedAddress: use.address },
    });
  }
}
