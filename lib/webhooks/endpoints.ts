import { randomBytes } from "node:crypto";
import type { Actor } from "@/lib/actor";
import { seal } from "@/lib/auth/sealed";
import { now } from "@/lib/clock";
import { getDb } from "@/lib/db";
import { fieldError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { readList } from "@/lib/lists/read";
import { defineList } from "@/lib/lists/table";
import { allPermissions, type Area } from "@/lib/permissions";
import { defineKind } from "@/lib/records/kind";
import { createRecord, deleteRecord, readRecord, updateRecord } from "@/lib/records/write";
import type { PageQuery } from "@/lib/validations/common";
import type { CreateWebhookInput, UpdateWebhookInput, WebhookJson } from "@/lib/validations/webhook";
import { resolveChecked, RefusedAddressError } from "./address-policy";

// An account's webhook endpoints: created, changed and deleted through the record writer
// (account scope, audit event). The signing secret is shown once, at creation or roll,
// and stored sealed (lib/auth/sealed.ts). Nobody subscribes an endpoint to events of an
// area they can't read themselves (key events need API Keys, member events Team, role
// events Roles), checked on the endpoint as it was and as it becomes.
export const SECRET_PURPOSE = "webhook-secret";
export const ROLL_OVERLAP_MS = 24 * 60 * 60 * 1000;
export const MAX_ENDPOINTS = 20;

export const webhookSelect = {
  id: true,
  accountId: true,
  url: true,
  description: true,
  events: true,
  enabled: true,
  disabledReason: true,
  secretStart: true,
  previousSecretUntil: true,
  failingSince: true,
  createdAt: true,
} satisfies Prisma.WebhookEndpointSelect;
type WebhookRow = Prisma.WebhookEndpointGetPayload<{ select: typeof webhookSelect }>;

const AREA_OF_EVENT: Record<string, Area> = { api_key: "api_keys", member: "team", role: "roles" };

export function toWebhookJson(row: WebhookRow): WebhookJson {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events,
    enabled: row.enabled,
    disabledReason: row.disabledReason === "failing" ? "failing" : null,
    secretStart: row.secretStart,
    previousSecretUntil:
      row.previousSecretUntil && row.previousSecretUntil > now() ? row.previousSecretUntil.toISOString() : null,
    failingSince: row.failingSince?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export const webhookKind = defineKind<WebhookRow>({
  type: "webhook",
  notFound: "No webhook endpoint with this id.",
  conflict: "This webhook endpoint changed meanwhile. Reload and try again.",
  load: (tx, accountId, id) => tx.webhookEndpoint.findFirst({ where: { id, accountId }, select: webhookSelect }),
  describe: (row) => {
    const permissions = allPermissions("NONE");
    for (const event of row.events) {
      const area = AREA_OF_EVENT[event.split(".")[0]];
      if (area) permissions[area] = "READ";
    }
    return {
      id: row.id,
      name: row.url,
      fields: {
        url: row.url,
        description: row.description,
        events: row.events.join(", "),
        enabled: row.enabled,
        secretStart: row.secretStart,
      },
      access: { permissions, subject: `An endpoint with the events ${row.events.join(", ")}` },
    };
  },
});

export const webhookList = defineList({
  table: "webhook_endpoints",
  sorts: { createdAt: [{ column: "created_at", type: "timestamp(3)" }] },
});

export function listWebhooks(accountId: string, query: PageQuery) {
  return readList(
    webhookList,
    accountId,
    { ...query, sort: "createdAt", dir: "asc" },
    (ids) => getDb().webhookEndpoint.findMany({ where: { accountId, id: { in: ids } }, select: webhookSelect }),
    toWebhookJson,
  );
}

export async function getWebhook(accountId: string, id: string): Promise<WebhookJson> {
  return toWebhookJson(await readRecord(accountId, webhookKind, id));
}

function newSigningSecret() {
  const secret = `whsec_${randomBytes(24).toString("base64")}`;
  return { secret, sealed: seal(SECRET_PURPOSE, secret), start: secret.slice(0, 10) };
}

// The URL must be allowed now (its addresses are checked again before each delivery).
async function assertReachable(url: string): Promise<void> {
  try {
    await resolveChecked(new URL(url));
  } catch (error) {
    if (error instanceof RefusedAddressError) throw fieldError("url", error.message);
    throw error;
  }
}

export async function createWebhook(actor: Actor, input: CreateWebhookInput) {
  await assertReachable(input.url);
  const { secret, sealed, start } = newSigningSecret();
  const row = await createRecord(actor, webhookKind, async (tx) => {
    const count = await tx.webhookEndpoint.count({ where: { accountId: actor.accountId } });
    if (count >= MAX_ENDPOINTS) throw fieldError("url", `An account can have at most ${MAX_ENDPOINTS} endpoints.`);
    return tx.webhookEndpoint.create({
      data: {
        accountId: actor.accountId,
        url: input.url,
        description: input.description ?? "",
        events: input.events,
        enabled: input.enabled ?? true,
        secret: sealed,
        secretStart: start,
      },
      select: webhookSelect,
    });
  });
  return { webhook: toWebhookJson(row), secret };
}

// Enabling an endpoint (by hand) starts its failure count over.
export async function updateWebhook(actor: Actor, id: string, input: UpdateWebhookInput): Promise<WebhookJson> {
  if (input.url !== undefined) await assertReachable(input.url);
  const row = await updateRecord(actor, webhookKind, id, async (tx, before) => {
    await tx.webhookEndpoint.update({
      where: { id: before.id, accountId: actor.accountId },
      data: {
        url: input.url,
        description: input.description,
        events: input.events,
        enabled: input.enabled,
        ...(input.enabled === true && !before.enabled ? { disabledReason: null, failingSince: null } : {}),
        ...(input.enabled === false ? { disabledReason: null } : {}),
      },
    });
  });
  return toWebhookJson(row);
}

export async function deleteWebhook(actor: Actor, id: string): Promise<void> {
  await deleteRecord(actor, webhookKind, id, async (tx, before) => {
    await tx.webhookEndpoint.delete({ where: { id: before.id, accountId: actor.accountId } });
  });
}

// A new signing secret, shown once; the one it replaces keeps signing for 24 hours (each
// delivery carries both signatures), so receivers can switch over without losing events.
export async function rollWebhookSecret(actor: Actor, id: string) {
  const { secret, sealed, start } = newSigningSecret();
  const row = await updateRecord(
    actor,
    webhookKind,
    id,
    async (tx, before) => {
      const current = await tx.webhookEndpoint.findFirstOrThrow({
        where: { id: before.id, accountId: actor.accountId },
        select: { secret: true },
      });
      await tx.webhookEndpoint.update({
        where: { id: before.id, accountId: actor.accountId },
        data: {
          secret: sealed,
          secretStart: start,
          previousSecret: current.secret,
          previousSecretUntil: new Date(now().getTime() + ROLL_OVERLAP_MS),
        },
      });
    },
    { action: "webhook.roll_secret" },
  );
  return { webhook: toWebhookJson(row), secret };
}
