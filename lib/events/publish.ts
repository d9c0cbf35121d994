import { randomUUID } from "node:crypto";
import { now } from "@/lib/clock";
import type { Prisma } from "@/lib/generated/prisma/client";
import { enqueueMessage } from "@/lib/outbox/enqueue";
import type { EventType } from "@/lib/validations/webhook";

export const WEBHOOK_CHANNEL = "webhook";

// What the outbox carries for one delivery: which endpoint, which event (its body is in
// webhook_events, once for all the endpoints that receive it).
export type WebhookMessage = { endpointId: string; eventId: string };

// Publishes an account's event in the caller's transaction: it exists if and only if the
// change commits. The body is written once; each enabled endpoint of the account that
// wants this type gets an outbox message, delivered after commit (lib/webhooks/deliver.ts).
// `data` is the record as the API shows it, never a secret; `context` says what about it
// (a quota's threshold, an expiry's lead) when the type alone doesn't. Returns whether any endpoint
// wants it (the caller then wakes the outbox after commit).
export async function publishEvent(
  tx: Prisma.TransactionClient,
  accountId: string,
  type: EventType,
  data: unknown,
  context?: Record<string, unknown>,
): Promise<boolean> {
  const endpoints = await tx.webhookEndpoint.findMany({
    where: { accountId, enabled: true, events: { has: type } },
    select: { id: true },
  });
  if (endpoints.length === 0) return false;
  await writeEvent(tx, accountId, type, data, endpoints, context);
  return true;
}

// The event itself, for the given endpoints (publishEvent, and "Send test event").
export async function writeEvent(
  tx: Prisma.TransactionClient,
  accountId: string,
  type: string,
  data: unknown,
  endpoints: { id: string }[],
  context?: Record<string, unknown>,
): Promise<string> {
  const id = randomUUID();
  const at = now();
  const body = JSON.stringify({
    id,
    type,
    timestamp: at.toISOString(),
    accountId,
    data,
    ...(context ? { context } : {}),
  });
  await tx.webhookEvent.create({ data: { id, accountId, type, body, createdAt: at }, select: { id: true } });
  for (const endpoint of endpoints) await queueDelivery(tx, accountId, type, { endpointId: endpoint.id, eventId: id });
  return id;
}

// One delivery of an event to an endpoint (also "Resend": the same event, the same id).
export function queueDelivery(tx: Prisma.TransactionClient, accountId: string, type: string, message: WebhookMessage) {
  return enqueueMessage(tx, {
    accountId,
    channel: WEBHOOK_CHANNEL,
    kind: type,
    recipient: message.endpointId,
    subject: message.eventId,
    payload: message,
  });
}
