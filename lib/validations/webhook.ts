import { z } from "zod";
import { isoDate, pageQuerySchema } from "./common";
import { multiLine } from "./text";

// The events an account's webhook endpoints can receive, with what each means (the
// portal's checkboxes and the API reference show these words).
export const EVENT_TYPES = {
  "api_key.created": "A key was created.",
  "api_key.updated": "A key's name, role, expiry, allowlist or limits changed.",
  "api_key.deleted": "A key was deleted.",
  "api_key.rolled": "A key got a new secret.",
  "api_key.disabled": "A key was disabled.",
  "api_key.enabled": "A key was enabled again.",
  "api_key.expiring": "A key expires within 7 days, then within a day.",
  "api_key.expired": "A key expired.",
  "api_key.leaked": "A leak report disabled a key.",
  "api_key.quota_threshold": "A key used 80%, then 100% of its quota.",
  "member.invited": "Someone was invited to the account.",
  "member.joined": "An invited person accepted.",
  "member.removed": "A member was removed or an invitation revoked.",
  "member.role_changed": "A member got another role.",
  "role.created": "A role was created.",
  "role.updated": "A role's name or permissions changed.",
  "role.deleted": "A role was deleted.",
} as const;
export type EventType = keyof typeof EVENT_TYPES;
export const EVENT_TYPE_NAMES = Object.keys(EVENT_TYPES) as [EventType, ...EventType[]];
// What "Send test event" sends; no endpoint subscribes to it.
export const TEST_EVENT_TYPE = "webhook.test";

const MAX_URL = 2000;
// Syntax only; whether the host may be reached (no private networks) is decided by the
// server, which reads the deployment's setting (lib/webhooks/address-policy.ts).
export const webhookUrlSchema = z
  .string({ error: "Enter the endpoint's URL." })
  .trim()
  .min(1, "Enter the endpoint's URL.")
  .max(MAX_URL, `Use at most ${MAX_URL} characters.`)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "";
    } catch {
      return false;
    }
  }, "Enter a full URL that starts with https://, like https://example.com/webhooks.")
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.username === "" && url.password === "";
    } catch {
      return true;
    }
  }, "Leave the user name and password out of the URL.")
  .meta({ description: "https:// URL the events are POSTed to.", examples: ["https://example.com/webhooks/wisp"] });

const eventsSchema = z
  .array(z.enum(EVENT_TYPE_NAMES, { error: "Choose events from the list." }))
  .min(1, "Choose at least one event.")
  .transform((events) => [...new Set(events)].sort())
  .meta({ description: "The event types this endpoint receives." });

export const createWebhookSchema = z.strictObject({
  url: webhookUrlSchema,
  events: eventsSchema,
  description: multiLine(500).optional(),
  enabled: z.boolean().optional(),
});
export const updateWebhookSchema = createWebhookSchema.partial();
// The portal's dialog: creates an endpoint, or saves one when an id is given.
export const saveWebhookSchema = createWebhookSchema.extend({ id: z.uuid().optional() });

export type CreateWebhookInput = z.infer<typeof createWebhookSchema>;
export type UpdateWebhookInput = z.infer<typeof updateWebhookSchema>;

export const webhookSchema = z.object({
  id: z.uuid(),
  url: z.string(),
  description: z.string(),
  events: z.array(z.string()),
  enabled: z.boolean(),
  disabledReason: z
    .enum(["failing"])
    .nullable()
    .meta({ description: "failing: the server switched it off after 5 days of failed deliveries." }),
  secretStart: z.string().meta({ description: "The visible start of the current signing secret." }),
  previousSecretUntil: isoDate
    .nullable()
    .meta({ description: "Until when the secret it was rolled away from also signs." }),
  failingSince: isoDate.nullable().meta({ description: "The first failed delivery since the last that worked." }),
  createdAt: isoDate,
});
export type WebhookJson = z.infer<typeof webhookSchema>;

export const createdWebhookSchema = z.object({
  webhook: webhookSchema,
  secret: z.string().meta({ description: "The signing secret (whsec_…): in this response only." }),
});

export const webhookDeliverySchema = z.object({
  id: z.uuid(),
  eventId: z.uuid(),
  eventType: z.string(),
  status: z.number().int().nullable().meta({ description: "The HTTP status; null when no answer came." }),
  ok: z.boolean(),
  latencyMs: z.number().int(),
  response: z.string().meta({ description: "The answer's first 1 KiB, or why there was none." }),
  createdAt: isoDate,
});
export type WebhookDeliveryJson = z.infer<typeof webhookDeliverySchema>;

export const webhookDeliveriesQuerySchema = pageQuerySchema.pick({ pageSize: true });

export const resendDeliverySchema = z.strictObject({
  eventId: z.uuid({ error: "Send the id of an event this endpoint received." }),
});

export const queuedSchema = z.object({ eventId: z.uuid(), queued: z.literal(true) });
