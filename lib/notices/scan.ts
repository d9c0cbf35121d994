import { describeError } from "@/lib/outbox/engine";
import { processSingleton } from "@/lib/process-singleton";
import { sendDueExpiryNotices } from "./expiry";

// The periodic scan for notices that come due with time alone (keys about to expire):
// started with the server, every SCAN_EVERY_MS and once at start. The test clock's POST
// runs it too, so tests move the clock instead of waiting.
export const SCAN_EVERY_MS = 10 * 60_000;

const slot = processSingleton("notice-scan", (): { timer?: NodeJS.Timeout; running?: Promise<void> } => ({}));

export function startNoticeScan(): void {
  if (slot.timer) return;
  slot.timer = setInterval(() => void scanOnce(), SCAN_EVERY_MS);
  slot.timer.unref();
  void scanOnce();
}

// One scan at a time per process; a call while one runs waits for it, then scans again
// (the clock may have moved meanwhile).
export async function scanOnce(): Promise<void> {
  while (slot.running) await slot.running;
  slot.running = sendDueExpiryNotices()
    .then(() => undefined)
    .catch((error) => console.error(`notices: expiry scan failed: ${describeError(error)}`))
    .finally(() => (slot.running = undefined));
  await slot.running;
}

export async function stopNoticeScan(): Promise<void> {
  clearInterval(slot.timer);
  slot.timer = undefined;
  await slot.running;
}
