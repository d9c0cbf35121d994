import { now } from "@/lib/clock";
import { getUnscopedDb } from "@/lib/db";
import { describeError } from "@/lib/outbox/engine";
import { processSingleton } from "@/lib/process-singleton";

// Events and delivery logs are kept 30 days, then deleted (every account's: maintenance),
// once an hour and at start.
export const KEEP_DAYS = 30;
const EVERY_MS = 60 * 60_000;
const slot = processSingleton("webhook-prune", (): { timer?: NodeJS.Timeout } => ({}));

export async function pruneWebhookLog(): Promise<void> {
  const before = new Date(now().getTime() - KEEP_DAYS * 86_400_000);
  const db = getUnscopedDb();
  await db.webhookDelivery.deleteMany({ where: { createdAt: { lt: before } } });
  await db.webhookEvent.deleteMany({ where: { createdAt: { lt: before } } });
}

const pruneLogged = () =>
  pruneWebhookLog().catch((error) => console.error(`webhooks: pruning the log failed: ${describeError(error)}`));

export function startWebhookLogPrune(): void {
  if (slot.timer) return;
  slot.timer = setInterval(() => void pruneLogged(), EVERY_MS);
  slot.timer.unref();
  void pruneLogged();
}

export function stopWebhookLogPrune(): void {
  clearInterval(slot.timer);
  slot.timer = undefined;
}
