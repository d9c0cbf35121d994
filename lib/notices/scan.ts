import { describeError } from "@/lib/outbox/engine";
import { processSingleton } from "@/lib/process-singleton";
import { sendDueExpiryNotices } from "./expiry";

// The periodic scan for notices that come due with time alone (keys about to expire):
// started with the server, every SCAN_EVERY_MS and once at start. The test clock's POST
// runs it too, so tests move the clock instead of waiting.
export const SCAN_EVERY_MS = 10 * 60_000;

// Scans of the layers above (an account policy that disables unused keys) join this one:
// the server's start adds them (lib/server/), so they run on the same timer and test clock.
type ScanJob = { name: string; run: () => Promise<unknown> };
const slot = processSingleton(
  "notice-scan",
  (): { timer?: NodeJS.Timeout; running?: Promise<void>; jobs: ScanJob[] } => ({ jobs: [] }),
);

export function addScanJob(name: string, run: () => Promise<unknown>): void {
  if (!slot.jobs.some((job) => job.name === name)) slot.jobs.push({ name, run });
}

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
  slot.running = runJobs([{ name: "expiry", run: sendDueExpiryNotices }, ...slot.jobs]).finally(
    () => (slot.running = undefined),
  );
  await slot.running;
}

// One after another; one failing doesn't keep the others from running.
async function runJobs(jobs: ScanJob[]): Promise<void> {
  for (const job of jobs) {
    await job.run().catch((error) => console.error(`notices: ${job.name} scan failed: ${describeError(error)}`));
  }
}

export async function stopNoticeScan(): Promise<void> {
  clearInterval(slot.timer);
  slot.timer = undefined;
  await slot.running;
}
