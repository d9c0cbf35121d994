import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { getUnscopedDb } from "@/lib/db";
import { processSingleton } from "@/lib/process-singleton";
import { BATCH, deliverDue, describeError, type Deliver } from "./engine";

// The sender of one server process: started by the server's lifecycle, it delivers due
// messages when woken (after a commit that wrote one) and polls every few seconds for the
// rest (retries that came due, messages written by other instances). One round at a time.
// One per process (processSingleton): the lifecycle and the route handlers that wake it
// load separate copies of this module.
export const POLL_MS = 3000;

type Worker = {
  owner: string;
  deliver: Deliver;
  timer?: NodeJS.Timeout;
  running?: Promise<void>;
  again: boolean;
  stopped: boolean;
};
const slot = processSingleton("outbox-worker", (): { worker?: Worker } => ({}));

export function startOutboxWorker(deliver: Deliver): void {
  if (slot.worker && !slot.worker.stopped) return;
  slot.worker = {
    owner: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    deliver,
    again: false,
    stopped: false,
  };
  wakeOutbox();
}

// Delivers what is due now (after the current round, if one is running).
export function wakeOutbox(): void {
  const worker = slot.worker;
  if (!worker || worker.stopped) return;
  if (worker.running) {
    worker.again = true;
    return;
  }
  clearTimeout(worker.timer);
  worker.running = run(worker).finally(() => {
    worker.running = undefined;
    if (worker.stopped) return;
    if (worker.again) {
      worker.again = false;
      wakeOutbox();
    } else {
      worker.timer = setTimeout(wakeOutbox, POLL_MS);
      worker.timer.unref();
    }
  });
}

async function run(worker: Worker): Promise<void> {
  try {
    // Batch after batch while there are full ones: a backlog drains without waiting for polls.
    while (!worker.stopped) {
      const round = await deliverDue(getUnscopedDb(), worker.owner, worker.deliver);
      for (const problem of round.problems) {
        const outcome = problem.outcome === "failed" ? "failed for good" : "will be retried";
        console.error(`outbox: ${problem.kind} message ${problem.id} ${outcome}: ${problem.reason}`);
      }
      if (round.claimed < BATCH) return;
    }
  } catch (error) {
    // The database is away: the next poll tries again; the messages are safe in it.
    console.error(`outbox: delivery round failed: ${describeError(error)}`);
  }
}

// The round in flight, if any, has finished (its tries are logged and their retries
// scheduled). The test clock waits for it before moving, so a try that began at one time
// is not scheduled from another.
// A round that ends with more to do starts the next at once; that one is waited for too
// (a few at most: more means the outbox is never idle, and the clock moves anyway).
export async function roundInFlight(): Promise<void> {
  for (let rounds = 0; rounds < 5 && slot.worker?.running; rounds += 1) await slot.worker.running;
}

// Stops polling and waits for the round in flight (its messages are marked before the
// database closes).
export async function stopOutboxWorker(): Promise<void> {
  const worker = slot.worker;
  if (!worker) return;
  worker.stopped = true;
  clearTimeout(worker.timer);
  await worker.running;
}
