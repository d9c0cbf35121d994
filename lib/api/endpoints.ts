import { z } from "zod";
import { KEY_FORMAT } from "@/lib/api-keys/format";
import type { Area } from "@/lib/permissions";
import { RESOURCES } from "./resources";
import {
  apiKeyDetailSchema,
  apiKeySchema,
  createApiKeySchema,
  createdApiKeySchema,
  keyFormatSchema,
  keyPolicyPatchSchema,
  keyPolicySchema,
  leakReportResultSchema,
  leakReportSchema,
  listApiKeysSchema,
  rollApiKeySchema,
  updateApiKeySchema,
  whoamiSchema,
} from "@/lib/validations/api-key";
import { auditEventSchema, auditQuerySchema } from "@/lib/validations/audit";
import { listQuerySchema, pageOf } from "@/lib/validations/common";
import { apiKeyRequestSchema, requestLogQuerySchema } from "@/lib/validations/request-log";
import { memberSchema } from "@/lib/validations/team";
import { usageQuerySchema, usageSchema } from "@/lib/validations/usage";
import {
  createdWebhookSchema,
  createWebhookSchema,
  queuedSchema,
  resendDeliverySchema,
  updateWebhookSchema,
  webhookDeliveriesQuerySchema,
  webhookDeliverySchema,
  webhookSchema,
} from "@/lib/validations/webhook";
import {
  groupMemberInputSchema,
  groupSchema,
  voucherBatchResultSchema,
  voucherBatchSchema,
} from "@/lib/validations/wifi";

export type Method = "GET" | "POST" | "PATCH" | "DELETE";

// Every endpoint of /api/v1 with the schemas its handler validates with. The OpenAPI
// document and the authorization-matrix tests are generated from this list.
export type Endpoint = {
  method: Method;
  path: string;
  area: Area | null;
  summary: string;
  tag: string;
  query?: z.ZodObject;
  body?: z.ZodType;
  status: number;
  response?: z.ZodType;
  // Needs no key at all (a leak report, the key format).
  public?: boolean;
  // A request body shown in the reference.
  example?: unknown;
};

const ISO_IN_90_DAYS = "2027-03-01T00:00:00Z";

const webhook = { area: "webhooks", tag: "webhooks" } as const;
const WEBHOOK_ENDPOINTS: Endpoint[] = [
  {
    ...webhook,
    method: "GET",
    path: "/api/v1/webhooks",
    summary: "List webhook endpoints",
    query: listQuerySchema({}),
    status: 200,
    response: pageOf(webhookSchema),
  },
  {
    ...webhook,
    method: "POST",
    path: "/api/v1/webhooks",
    summary: "Create a webhook endpoint; its signing secret is in this response only",
    body: createWebhookSchema,
    example: { url: "https://example.com/webhooks/wisp", events: ["api_key.created", "api_key.leaked"] },
    status: 201,
    response: createdWebhookSchema,
  },
  {
    ...webhook,
    method: "GET",
    path: "/api/v1/webhooks/{id}",
    summary: "Get a webhook endpoint",
    status: 200,
    response: webhookSchema,
  },
  {
    ...webhook,
    method: "PATCH",
    path: "/api/v1/webhooks/{id}",
    summary: "Change an endpoint's URL, events or description, or disable/enable it",
    body: updateWebhookSchema,
    example: { enabled: false },
    status: 200,
    response: webhookSchema,
  },
  {
    ...webhook,
    method: "DELETE",
    path: "/api/v1/webhooks/{id}",
    summary: "Delete a webhook endpoint",
    status: 204,
  },
  {
    ...webhook,
    method: "POST",
    path: "/api/v1/webhooks/{id}/roll-secret",
    summary: "A new signing secret (in this response only); the old one also signs for 24 hours",
    status: 200,
    response: createdWebhookSchema,
  },
  {
    ...webhook,
    method: "POST",
    path: "/api/v1/webhooks/{id}/test",
    summary: "Send a webhook.test event to this endpoint",
    status: 202,
    response: queuedSchema,
  },
  {
    ...webhook,
    method: "GET",
    path: "/api/v1/webhooks/{id}/deliveries",
    summary: "The endpoint's delivery log, newest first (kept 30 days)",
    query: webhookDeliveriesQuerySchema,
    status: 200,
    response: z.object({ items: z.array(webhookDeliverySchema) }),
  },
  {
    ...webhook,
    method: "POST",
    path: "/api/v1/webhooks/{id}/resend",
    summary: "Send an event from the delivery log again (same event id)",
    body: resendDeliverySchema,
    status: 202,
    response: queuedSchema,
  },
];

export const ENDPOINTS: Endpoint[] = [
  {
    method: "GET",
    path: "/api/v1/whoami",
    area: null,
    tag: "whoami",
    summary: "The calling key, its account, role and permissions",
    status: 200,
    response: whoamiSchema,
  },
  {
    method: "GET",
    path: "/api/v1/api-keys",
    area: "api_keys",
    tag: "api-keys",
    summary: "List API keys",
    query: listApiKeysSchema,
    status: 200,
    response: pageOf(apiKeySchema),
  },
  {
    method: "POST",
    path: "/api/v1/api-keys",
    area: "api_keys",
    tag: "api-keys",
    summary: "Create an API key; its secret is in this response only",
    body: createApiKeySchema,
    example: {
      name: "billing sync",
      roleId: "8d1e5a43-3c1f-4f0e-9a55-0b8f6a1d2c3e",
      expiresAt: ISO_IN_90_DAYS,
      ipAllowlist: ["203.0.113.7", "198.51.100.0/24"],
    },
    status: 201,
    response: createdApiKeySchema,
  },
  {
    method: "GET",
    path: "/api/v1/api-keys/{keyId}",
    area: "api_keys",
    tag: "api-keys",
    summary: "Get an API key by Key ID, with its roll history",
    status: 200,
    response: apiKeyDetailSchema,
  },
  {
    method: "PATCH",
    path: "/api/v1/api-keys/{keyId}",
    area: "api_keys",
    tag: "api-keys",
    summary: "Rename a key, change its role, expiry or IP allowlist, or disable/enable it",
    body: updateApiKeySchema,
    example: { enabled: false },
    status: 200,
    response: apiKeyDetailSchema,
  },
  {
    method: "POST",
    path: "/api/v1/api-keys/{keyId}/roll",
    area: "api_keys",
    tag: "api-keys",
    summary: "Roll a key: a new secret (in this response only); the old one works until the grace period ends",
    body: rollApiKeySchema,
    example: { gracePeriod: "24h" },
    status: 200,
    response: createdApiKeySchema,
  },
  {
    method: "GET",
    path: "/api/v1/api-keys/{keyId}/usage",
    area: "api_keys",
    tag: "api-keys",
    summary: "A key's usage: requests over time by outcome class, top routes, error rate (up to 5 s late)",
    query: usageQuerySchema,
    status: 200,
    response: usageSchema,
  },
  {
    method: "GET",
    path: "/api/v1/api-keys/{keyId}/requests",
    area: "api_keys",
    tag: "api-keys",
    summary:
      "A key's request log, newest first: time, operation, status, client address, user agent, latency, request id (7 days, at most a key's newest 10,000 by default; up to 5 s late)",
    query: requestLogQuerySchema,
    status: 200,
    response: pageOf(apiKeyRequestSchema),
  },
  {
    method: "GET",
    path: "/api/v1/usage",
    area: "api_keys",
    tag: "api-keys",
    summary: "The usage of all the account's keys together (up to 5 s late)",
    query: usageQuerySchema,
    status: 200,
    response: usageSchema,
  },
  {
    method: "DELETE",
    path: "/api/v1/api-keys/{keyId}",
    area: "api_keys",
    tag: "api-keys",
    summary: "Delete a key; it is refused from the next request on",
    status: 204,
  },
  ...RESOURCES.flatMap((resource): Endpoint[] => {
    const base = `/api/v1/${resource.name}`;
    const common = { area: resource.area, tag: resource.name };
    return [
      {
        ...common,
        method: "GET",
        path: base,
        summary: `List ${resource.name}`,
        query: listQuerySchema(resource),
        status: 200,
        response: pageOf(resource.schemas.output),
      },
      {
        ...common,
        method: "POST",
        path: base,
        summary: `Create a ${resource.singular}`,
        body: resource.schemas.create,
        status: 201,
        response: resource.schemas.output,
      },
      {
        ...common,
        method: "GET",
        path: `${base}/{id}`,
        summary: `Get a ${resource.singular}`,
        status: 200,
        response: resource.schemas.output,
      },
      {
        ...common,
        method: "PATCH",
        path: `${base}/{id}`,
        summary: `Update a ${resource.singular}`,
        body: resource.schemas.update,
        status: 200,
        response: resource.schemas.output,
      },
      { ...common, method: "DELETE", path: `${base}/{id}`, summary: `Delete a ${resource.singular}`, status: 204 },
    ];
  }),
  {
    method: "POST",
    path: "/api/v1/team/{id}/invitation",
    area: "team",
    tag: "team",
    summary:
      "Send an invited member a new invitation link (in this response only) and mail; the old link stops working. " +
      "At most 3 per member per 15 minutes. Revoke an invitation with DELETE /api/v1/team/{id}.",
    status: 200,
    response: memberSchema,
  },
  {
    method: "POST",
    path: "/api/v1/groups/{id}/users",
    area: "groups",
    tag: "groups",
    summary: "Add a user to a group, or change their priority",
    body: groupMemberInputSchema,
    status: 200,
    response: groupSchema,
  },
  {
    method: "DELETE",
    path: "/api/v1/groups/{id}/users/{userId}",
    area: "groups",
    tag: "groups",
    summary: "Take a user out of a group",
    status: 204,
  },
  {
    method: "POST",
    path: "/api/v1/vouchers/batch",
    area: "vouchers",
    tag: "vouchers",
    summary: "Create up to 1,000 vouchers in one transaction",
    body: voucherBatchSchema,
    status: 201,
    response: voucherBatchResultSchema,
  },
  {
    method: "GET",
    path: "/api/v1/api-key-policy",
    area: "api_keys",
    tag: "api-keys",
    summary: "The account's key policy: maximum lifetime, and disabling unused keys",
    status: 200,
    response: keyPolicySchema,
  },
  {
    method: "PATCH",
    path: "/api/v1/api-key-policy",
    area: "team",
    tag: "api-keys",
    summary:
      "Set the maximum key lifetime (applies whenever an expiry is set) and the days after which unused keys are disabled (null: none); fields left out stay",
    body: keyPolicyPatchSchema,
    example: { maxKeyLifetimeDays: 90, disableUnusedAfterDays: 90 },
    status: 200,
    response: keyPolicySchema,
  },
  {
    method: "POST",
    path: "/api/v1/leaked-keys",
    area: null,
    public: true,
    tag: "leaked-keys",
    summary:
      "Report up to 100 found secrets, no key needed: each that still works has its key disabled at once. " +
      "The answer is the same whether anything matched. Rate limited per client address.",
    body: leakReportSchema,
    example: { secrets: ["wisp_3fJ8kQ2mX9pL4vRtYb7cN1sD5gH0aZ2e1Qk9Xw"], source: "GitHub secret scanning" },
    status: 202,
    response: leakReportResultSchema,
  },
  {
    method: "GET",
    path: "/.well-known/api-key-format",
    area: null,
    public: true,
    tag: "leaked-keys",
    summary: "The key format for secret scanners: prefix, alphabet, lengths, checksum rule and a regular expression",
    status: 200,
    response: keyFormatSchema(KEY_FORMAT),
  },
  ...WEBHOOK_ENDPOINTS,
  {
    method: "GET",
    path: "/api/v1/audit-log",
    area: "audit_log",
    tag: "audit-log",
    summary: "Audit events, newest first, filtered by actor, action, target and date range",
    query: auditQuerySchema,
    status: 200,
    response: pageOf(auditEventSchema),
  },
];
