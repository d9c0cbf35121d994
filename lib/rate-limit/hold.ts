import { config } from "@/lib/config";

// A blocked address's answer, held back: once an address is over its failed key checks,
// each of its 429s leaves API_KEY_FAILURE_HOLD_MS later (1 s by default; never past the
// block's end). The answer is the same, only late: a client guessing on a few connections
// gets a few answers a second instead of thousands, and the server's time stays with
// everyone else. A held answer costs a timer, no work; at most MAX_HELD wait at once per
// instance (so a flood of connections can't pile up sockets), later ones leave at once.
// Kept on globalThis: route handlers and the front door load modules separately.
const MAX_HELD = 1000;
const globalForHold = globalThis as unknown as { wispHeldRefusals?: number };

// Resolves after the hold, with its length in ms (0 when not held).
export async function holdRefusal(blockedMs: number): Promise<number> {
  const ms = Math.min(config.apiKeyFailureHoldMs, blockedMs);
  const held = globalForHold.wispHeldRefusals ?? 0;
  if (ms <= 0 || held >= MAX_HELD) return 0;
  globalForHold.wispHeldRefusals = held + 1;
  try {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return ms;
  } finally {
    globalForHold.wispHeldRefusals = (globalForHold.wispHeldRefusals ?? 1) - 1;
  }
}
