import { config } from "@/lib/config";
import { processSingleton } from "@/lib/process-singleton";

// A blocked address's answer, held back: once an address is over its failed key checks,
// each of its 429s leaves API_KEY_FAILURE_HOLD_MS later (1 s by default; never past the
// block's end). The answer is the same, only late: a client guessing on a few connections
// gets a few answers a second instead of thousands, and the server's time stays with
// everyone else. A held answer costs a timer, no work; at most MAX_HELD wait at once per
// instance (so a flood of connections can't pile up sockets), later ones leave at once.
const MAX_HELD = 1000;
const holding = processSingleton("heldRefusals", () => ({ count: 0 }));

// Resolves after the hold, with its length in ms (0 when not held).
export async function holdRefusal(blockedMs: number): Promise<number> {
  const ms = Math.min(config.apiKeyFailureHoldMs, blockedMs);
  const held = holding.count;
  if (ms <= 0 || held >= MAX_HELD) return 0;
  holding.count = held + 1;
  try {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return ms;
  } finally {
    holding.count -= 1;
  }
}
