import type { WebhookDeliveryJson, WebhookJson } from "@/lib/validations/webhook";

export type WebhookRow = WebhookJson;
export type DeliveryRow = WebhookDeliveryJson;
