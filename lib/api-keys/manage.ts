import { actorRef, type Actor } from "@/lib/auth/actor";
import { now } from "@/lib/clock";
import { getDb } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { createRecord, deleteRecord, readRecord, updateRecord } from "@/lib/records/write";
import { roleOfAccount } from "@/lib/roles/queries";
import {
  EXPIRING_SOON_DAYS,
  type ApiKeyStateFilter,
  type CreateApiKeyInput,
  type ListApiKeysQuery,
  type UpdateApiKeyInput,
} from "@/lib/validations/api-key";
import { generateKeyId, newSecret } from "./format";
import { apiKeyKind, dropCachedKeys } from "./kind";
import { checkExpiry } from "./policy";
import {
  apiKeySelect,
  apiKeyViewSelect,
  secretSelect,
  toApiKeyJson,
  toSecretJson,
  type ApiKeyDetailJson,
  type ApiKeyRow,
} from "./view";

const DAY_MS = 86_400_000;

export async function listApiKeys(accountId: string, query: ListApiKeysQuery) {
  const at = now();
  const filters: Prisma.ApiKeyWhereInput[] = [{ accountId, deletedAt: null }];
  if (query.q) filters.push({ OR: [{ name: { contains: query.q, mode: "insensitive" } }, { keyId: query.q }] });
  if (query.state) filters.push(stateWhere(query.state, at));
  const where: Prisma.ApiKeyWhereInput = { AND: filters };
  const orderBy: Prisma.ApiKeyOrderByWithRelationInput[] =
    query.sort === "lastUsedAt"
      ? [{ lastUsedAt: { sort: query.dir, nulls: "last" } }, { id: "asc" }]
      : [{ [query.sort]: query.dir }, { id: "asc" }];
  const db = getDb();
  const [rows, total] = await Promise.all([
    db.apiKey.findMany({
      where,
      orderBy,
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      select: apiKeyViewSelect,
    }),
    db.apiKey.count({ where }),
  ]);
  return { items: rows.map((row) => toApiKeyJson(row, at)), total, page: query.page, pageSize: query.pageSize };
}

// The same states as toApiKeyJson's `state`, as a query (expired wins over disabled).
function stateWhere(state: ApiKeyStateFilter, at: Date): Prisma.ApiKeyWhereInput {
  const notExpired: Prisma.ApiKeyWhereInput = { OR: [{ expiresAt: null }, { expiresAt: { gt: at } }] };
  switch (state) {
    case "expired":
      return { expiresAt: { lte: at } };
    case "disabled":
      return { enabled: false, ...notExpired };
    case "active":
      return { enabled: true, ...notExpired };
    case "expiring":
      return { enabled: true, expiresAt: { gt: at, lte: new Date(at.getTime() + EXPIRING_SOON_DAYS * DAY_MS) } };
  }
}

// One key with its roll history (its secrets, newest first).
export async function getApiKey(accountId: string, keyId: string): Promise<ApiKeyDetailJson> {
  return withSecrets(await readRecord(accountId, apiKeyKind, keyId));
}

async function withSecrets(key: ApiKeyRow): Promise<ApiKeyDetailJson> {
  const at = now();
  const secrets = await getDb().apiKeySecret.findMany({
    where: { apiKeyId: key.id },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: secretSelect,
  });
  return {
    ...toApiKeyJson(key, at),
    createdBy: key.createdById,
    secrets: secrets.map((secret) => toSecretJson(secret, at)),
  };
}

// Returns the secret exactly once; only its hash is stored.
export async function createApiKey(actor: Actor, input: CreateApiKeyInput) {
  const { secret, hash, start } = newSecret();
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  const key = await createRecord(actor, apiKeyKind, async (tx) => {
    const role = await roleOfAccount(tx, actor.accountId, input.roleId);
    await checkExpiry(tx, actor.accountId, expiresAt);
    return tx.apiKey.create({
      data: {
        keyId: generateKeyId(),
        accountId: actor.accountId,
        roleId: role.id,
        name: input.name,
        start,
        createdById: actorRef(actor),
        enabled: input.enabled ?? true,
        expiresAt,
        ipAllowlist: input.ipAllowlist ?? [],
        secrets: { create: { hash, start } },
      },
      select: apiKeySelect,
    });
  });
  return { key: await withSecrets(key), secret };
}

// Changes any of name, role, expiry, enabled and allowlist in one audited change. Changing
// only `enabled` is recorded as api_key.disable or api_key.enable; enabling a key also
// settles a leak report (the member has decided).
export async function updateApiKey(actor: Actor, keyId: string, input: UpdateApiKeyInput): Promise<ApiKeyDetailJson> {
  const given = Object.entries(input).filter(([, value]) => value !== undefined);
  const action =
    given.length === 1 && input.enabled !== undefined
      ? input.enabled
        ? "api_key.enable"
        : "api_key.disable"
      : "api_key.update";
  const key = await updateRecord(
    actor,
    apiKeyKind,
    keyId,
    async (tx, before) => {
      const role = input.roleId ? await roleOfAccount(tx, actor.accountId, input.roleId) : undefined;
      const expiresAt =
        input.expiresAt === undefined ? undefined : input.expiresAt === null ? null : new Date(input.expiresAt);
      if (expiresAt !== undefined) await checkExpiry(tx, actor.accountId, expiresAt);
      await tx.apiKey.update({
        where: { id: before.id, accountId: actor.accountId },
        data: {
          name: input.name,
          roleId: role?.id,
          expiresAt,
          enabled: input.enabled,
          ipAllowlist: input.ipAllowlist,
          ...(input.enabled === true ? { leakReportedAt: null, leakSource: null } : {}),
        },
      });
    },
    { action, afterCommit: dropCachedKeys },
  );
  return withSecrets(key);
}

// Erases every hash of the key, so none of its secrets can ever verify again; the row
// stays to record who deleted which Key ID, and when.
export async function deleteApiKey(actor: Actor, keyId: string): Promise<void> {
  await deleteRecord(
    actor,
    apiKeyKind,
    keyId,
    async (tx, before) => {
      const at = now();
      await tx.apiKey.update({
        where: { id: before.id, accountId: actor.accountId },
        data: { deletedAt: at, deletedById: actorRef(actor) },
      });
      await tx.apiKeySecret.updateMany({ where: { apiKeyId: before.id }, data: { hash: null } });
      await tx.apiKeySecret.updateMany({
        where: { apiKeyId: before.id, OR: [{ validUntil: null }, { validUntil: { gt: at } }] },
        data: { validUntil: at },
      });
    },
    { afterCommit: dropCachedKeys },
  );
}
