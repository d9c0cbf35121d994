import type { Actor } from "@/lib/actor";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { queueDelivery, writeEvent } from "@/lib/events/publish";
import { wakeOutbox } from "@/lib/outbox/worker";
import { readRecord, recordChange } from "@/lib/records/write";
import { TEST_EVENT_TYPE, type WebhookDeliveryJson } from "@/lib/validations/webhook";
import { toWebhookJson, webhookKind } from "./endpoints";

// An endpoint's delivery log (each try: when, which event, the answer) and the two ways
// to send on demand: a test event, and an event again ("Resend", same event id).

export async function listDeliveries(accountId: string, endpointId: string, take = 50): Promise<WebhookDeliveryJson[]> {
  await readRecord(accountId, webhookKind, endpointId);
  const rows = await getDb().webhookDelivery.findMany({
    where: { accountId, endpointId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
  });
  return rows.map((row) => ({
    id: row.id,
    eventId: row.eventId,
    eventType: row.eventType,
    status: row.status,
    ok: row.ok,
    latencyMs: row.latencyMs,
    response: row.response,
    createdAt: row.createdAt.toISOString(),
  }));
}

// "Send test event": a webhook.test event to this endpoint only (even a disabled one, so
// it can be checked before it is switched on), with the endpoint as its data.
export async function sendTestEvent(actor: Actor, endpointId: string) {
  const eventId = await recordChange(
    actor,
    webhookKind,
    async (tx) => {
      const endpoint = await webhookKind.load(tx, actor.accountId, endpointId);
      if (!endpoint) throw new AppError("not_found", webhookKind.notFound);
      const id = await writeEvent(tx, actor.accountId, TEST_EVENT_TYPE, { webhook: toWebhookJson(endpoint) }, [
        endpoint,
      ]);
      return {
        result: id,
        event: {
          action: "webhook.test",
          target: { type: "webhook", id: endpoint.id, name: endpoint.url },
          changes: null,
        },
      };
    },
    { afterCommit: async () => wakeOutbox() },
  );
  return { eventId, queued: true as const };
}

// "Resend": the same event (same id, so a receiver that already has it can tell) once more.
export async function resendEvent(actor: Actor, endpointId: string, eventId: string) {
  await recordChange(
    actor,
    webhookKind,
    async (tx) => {
      const endpoint = await webhookKind.load(tx, actor.accountId, endpointId);
      if (!endpoint) throw new AppError("not_found", webhookKind.notFound);
      const sent = await tx.webhookDelivery.findFirst({
        where: { accountId: actor.accountId, endpointId, eventId },
        select: { eventType: true },
      });
      const event = await tx.webhookEvent.findFirst({
        where: { accountId: actor.accountId, id: eventId },
        select: { id: true },
      });
      if (!sent || !event)
        throw new AppError("not_found", "No such event in this endpoint's delivery log (kept 30 days).");
      await queueDelivery(tx, actor.accountId, sent.eventType, { endpointId, eventId });
      return {
        result: undefined,
        event: {
          action: "webhook.resend",
          target: { type: "webhook", id: endpoint.id, name: endpoint.url },
          changes: { event: { from: null, to: `${sent.eventType} ${eventId}` } },
        },
      };
    },
    { afterCommit: async () => wakeOutbox() },
  );
  return { eventId, queued: true as const };
}
