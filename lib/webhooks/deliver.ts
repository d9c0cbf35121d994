import { Webhook } from "standardwebhooks";
import { unseal } from "@/lib/auth/sealed";
import { now } from "@/lib/clock";
import { getDb } from "@/lib/db";
import type { WebhookMessage } from "@/lib/events/publish";
import { PermanentDeliveryError, type ClaimedMessage } from "@/lib/outbox/engine";
import { TEST_EVENT_TYPE } from "@/lib/validations/webhook";
import { SECRET_PURPOSE } from "./endpoints";
import { disableFailingEndpoint, FAILING_DAYS } from "./failing";
import { sendSigned } from "./send";

// The "webhook" channel of the outbox: one event to one endpoint, signed by the Standard
// Webhooks scheme (webhook-id: the event's id, the same on every retry and resend;
// webhook-timestamp; webhook-signature: one v1 signature per live secret, two during a
// roll's overlap). Each try is written to the endpoint's delivery log. A failed try throws,
// so the outbox retries it with backoff (about 3 days); an endpoint failing for 5 days is
// disabled and its Owners are mailed (failing.ts). Delivery is at least once; the order of
// events per endpoint is not promised.
const DAY_MS = 86_400_000;

export async function deliverWebhook(message: ClaimedMessage): Promise<void> {
  const { endpointId, eventId } = message.payload as WebhookMessage;
  const accountId = message.accountId;
  if (!accountId) throw new PermanentDeliveryError("A webhook message without an account.");
  const db = getDb();
  const endpoint = await db.webhookEndpoint.findFirst({
    where: { id: endpointId, accountId },
    select: {
      url: true,
      enabled: true,
      secret: true,
      previousSecret: true,
      previousSecretUntil: true,
      failingSince: true,
    },
  });
  if (!endpoint) throw new PermanentDeliveryError("The endpoint was deleted.");
  // A test event goes to a disabled endpoint too (to check it before switching it on).
  if (!endpoint.enabled && message.kind !== TEST_EVENT_TYPE)
    throw new PermanentDeliveryError("The endpoint is disabled.");
  const event = await db.webhookEvent.findFirst({
    where: { id: eventId, accountId },
    select: { type: true, body: true },
  });
  if (!event) throw new PermanentDeliveryError("The event is no longer kept.");

  const secrets = [endpoint.secret];
  if (endpoint.previousSecret && endpoint.previousSecretUntil && endpoint.previousSecretUntil > now()) {
    secrets.push(endpoint.previousSecret);
  }
  // The receiver checks the timestamp against its own clock (5 minutes' tolerance), so
  // this is the wall clock, not the server's (test) clock.
  const sentAt = new Date();
  const signature = secrets
    .map((sealed) => {
      const secret = unseal(SECRET_PURPOSE, sealed);
      // Sealed under another AUTH_SECRET: the endpoint needs its secret rolled.
      if (secret === null) throw new PermanentDeliveryError("The signing secret can't be read; roll it.");
      return new Webhook(secret).sign(eventId, sentAt, event.body);
    })
    .join(" ");
  const headers = {
    "webhook-id": eventId,
    "webhook-timestamp": String(Math.floor(sentAt.getTime() / 1000)),
    "webhook-signature": signature,
  };
  const result = await sendSigned(endpoint.url, headers, event.body);
  await db.webhookDelivery.create({
    data: { accountId, endpointId, eventId, eventType: event.type, ...result },
    select: { id: true },
  });
  if (result.ok) {
    if (endpoint.failingSince) {
      await db.webhookEndpoint.updateMany({ where: { id: endpointId, accountId }, data: { failingSince: null } });
    }
    return;
  }
  const failingSince = endpoint.failingSince ?? now();
  if (!endpoint.failingSince) {
    await db.webhookEndpoint.updateMany({
      where: { id: endpointId, accountId, failingSince: null },
      data: { failingSince },
    });
  } else if (endpoint.enabled && now().getTime() - failingSince.getTime() >= FAILING_DAYS * DAY_MS) {
    await disableFailingEndpoint(accountId, endpointId);
    throw new PermanentDeliveryError(`The endpoint failed for ${FAILING_DAYS} days and was disabled.`);
  }
  throw new Error(result.status === null ? result.response : `The endpoint answered ${result.status}.`);
}
