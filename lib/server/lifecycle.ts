import { refuseAtTheDoor, type DoorRequest } from "@/lib/api/front-door";
import { loadSharedAuthSecret } from "@/lib/auth/secret";
import { startCacheCoordinator, stopCacheCoordinator } from "@/lib/key-cache/coordinator";
import { flushLastUsed } from "@/lib/api-keys/last-used";
import { processSingleton } from "@/lib/process-singleton";
import { flushUsage } from "@/lib/usage/counter";
import { closeConnection, getConnection } from "@/lib/db/connection";
import { DataDirLockedError } from "@/lib/db/data-dir-lock";
import { startEmbeddedMaintenance, stopEmbeddedMaintenance } from "@/lib/db/maintenance";
import { migrate } from "@/lib/db/migrate";
import { deliverMail } from "@/lib/mail/deliver";
import { MAIL_CHANNEL } from "@/lib/mail/queue";
import { byChannel } from "@/lib/outbox/engine";
import { startOutboxWorker, stopOutboxWorker } from "@/lib/outbox/worker";
import { addScanJob, startNoticeScan, stopNoticeScan } from "@/lib/notices/scan";
import { sweepUnusedKeys } from "@/lib/api-keys/unused";
import { WEBHOOK_CHANNEL } from "@/lib/events/publish";
import { deliverWebhook } from "@/lib/webhooks/deliver";
import { startWebhookLogPrune, stopWebhookLogPrune } from "@/lib/webhooks/prune";
import { connectRateLimitStore, closeRateLimitStore } from "@/lib/rate-limit/store";

// Start-up and shutdown of one server process, in an order a supervisor can rely on.
// scripts/serve.mjs answers 503 until startServer() reports `started`, and on SIGTERM
// stops taking requests and lets in-flight ones finish before it calls `stop`.
const RETRY_FIRST_MS = 250;
const RETRY_MAX_MS = 2000;
const LOG_EVERY_MS = 10_000;

// How serve.mjs (plain JavaScript outside Next's bundle) and this module reach each other.
type LifecycleHooks = {
  started?: () => void;
  stop?: () => Promise<void>;
  refuseAtTheDoor?: (request: DoorRequest) => Promise<Response | null> | null;
};
const hooks = processSingleton<LifecycleHooks>("lifecycle", () => ({}));
let stopping = false;

export async function startServer(): Promise<void> {
  hooks.stop = stopServer;
  try {
    await migrateWhenReachable();
    if (stopping) return;
    await startEmbeddedMaintenance(getConnection());
    await startCacheCoordinator();
    await connectRateLimitStore();
    startOutboxWorker(byChannel({ [MAIL_CHANNEL]: deliverMail, [WEBHOOK_CHANNEL]: deliverWebhook }));
    addScanJob("unused keys", sweepUnusedKeys);
    startNoticeScan();
    startWebhookLogPrune();
    hooks.refuseAtTheDoor = refuseAtTheDoor;
    hooks.started?.();
  } catch (error) {
    if (stopping) return; // asked to stop while starting: the error is the closed database
    // A locked data directory, a changed migration, a wrong password: waiting won't help.
    console.error(`Cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

// Migrations, then the shared auth secret; retried with backoff while the database can't
// be reached, saying why.
async function migrateWhenReachable(): Promise<void> {
  let delay = RETRY_FIRST_MS;
  let failingSince = 0;
  let loggedAt = 0;
  while (!stopping) {
    try {
      const applied = await migrate(getConnection());
      if (applied.length > 0) console.log(`Applied migrations: ${applied.join(", ")}`);
      await loadSharedAuthSecret();
      if (failingSince) console.log("The database is reachable again.");
      return;
    } catch (error) {
      if (error instanceof DataDirLockedError || !isUnreachable(error)) throw error;
      const now = Date.now();
      failingSince ||= now;
      if (now - loggedAt >= LOG_EVERY_MS) {
        loggedAt = now;
        const reason = error instanceof Error ? error.message : String(error);
        console.error(
          `The database is unreachable (${reason}); retrying, answering 503 meanwhile (${Math.round((now - failingSince) / 1000)} s).`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, RETRY_MAX_MS);
    }
  }
}

const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  "ENOTFOUND",
  "EPIPE",
  "57P01", // admin shutdown
  "57P02", // crash shutdown
  "57P03", // the database system is starting up
  "53300", // too many connections
]);

function isUnreachable(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  if (code && UNREACHABLE_CODES.has(code)) return true;
  const message = error instanceof Error ? error.message : "";
  return /timeout expired|Connection terminated|Query read timeout|timeout exceeded when trying to connect/.test(
    message,
  );
}

// Called once, after the HTTP server has stopped taking requests and drained.
export async function stopServer(): Promise<void> {
  stopping = true;
  try {
    await stopCacheCoordinator();
    await stopNoticeScan();
    stopWebhookLogPrune();
    await stopOutboxWorker();
    closeRateLimitStore();
    await flushLastUsed();
    await flushUsage();
    await stopEmbeddedMaintenance();
    await closeConnection();
  } catch (error) {
    console.error("shutdown:", error instanceof Error ? error.message : error);
  }
}
