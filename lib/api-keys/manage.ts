import type { Actor } from "@/lib/actor";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { roleGrantableBy } from "@/lib/roles/queries";
import type { CreateApiKeyInput, ListApiKeysQuery, UpdateApiKeyInput } from "@/lib/validations/api-key";
import { invalidateKeyCache } from "./cache-coordinator";
import { generateKeyId, generateSecret, hashSecret, visibleStart } from "./format";

// What anyone may see of a key. The secret and its hash are never part of it.
const keyView = {
  keyId: true,
  name: true,
  start: true,
  createdAt: true,
  lastUsedAt: true,
  role: { select: { id: true, name: true } },
} satisfies Prisma.ApiKeySelect;

export type ApiKeyView = Prisma.ApiKeyGetPayload<{ select: typeof keyView }>;

export async function listApiKeys(accountId: string, query: ListApiKeysQuery) {
  const where: Prisma.ApiKeyWhereInput = { accountId, deletedAt: null };
  if (query.q) {
    where.OR = [{ name: { contains: query.q, mode: "insensitive" } }, { keyId: query.q }];
  }
  const orderBy: Prisma.ApiKeyOrderByWithRelationInput[] =
    query.sort === "lastUsedAt"
      ? [{ lastUsedAt: { sort: query.dir, nulls: "last" } }, { id: "asc" }]
      : [{ [query.sort]: query.dir }, { id: "asc" }];
  const db = getDb();
  const [items, total] = await Promise.all([
    db.apiKey.findMany({
      where,
      orderBy,
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      select: keyView,
    }),
    db.apiKey.count({ where }),
  ]);
  return { items, total, page: query.page, pageSize: query.pageSize };
}

export async function getApiKey(accountId: string, keyId: string): Promise<ApiKeyView> {
  const key = await getDb().apiKey.findFirst({ where: { keyId, accountId, deletedAt: null }, select: keyView });
  if (!key) throw notFound();
  return key;
}

// Returns the secret exactly once; only its hash is stored.
export async function createApiKey(actor: Actor, input: CreateApiKeyInput) {
  const role = await roleGrantableBy(actor, input.roleId);
  const secret = generateSecret();
  const key = await getDb().$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: {
        keyId: generateKeyId(),
        accountId: actor.accountId,
        roleId: role.id,
        name: input.name,
        hash: hashSecret(secret),
        start: visibleStart(secret),
        createdById: actor.ref,
      },
      select: keyView,
    });
    await tx.auditEvent.create({
      data: { accountId: actor.accountId, actor: actor.ref, action: "api_key.create", target: created.keyId },
    });
    return created;
  });
  return { key, secret };
}

export async function updateApiKey(actor: Actor, keyId: string, input: UpdateApiKeyInput): Promise<ApiKeyView> {
  await getApiKey(actor.accountId, keyId);
  const role = input.roleId ? await roleGrantableBy(actor, input.roleId) : undefined;
  const updated = await getDb().$transaction(async (tx) => {
    const { count } = await tx.apiKey.updateMany({
      where: { keyId, accountId: actor.accountId, deletedAt: null },
      data: { name: input.name, roleId: role?.id },
    });
    if (count === 0) throw notFound();
    await tx.auditEvent.create({
      data: { accountId: actor.accountId, actor: actor.ref, action: "api_key.update", target: keyId },
    });
    return tx.apiKey.findFirstOrThrow({ where: { keyId, accountId: actor.accountId }, select: keyView });
  });
  await invalidateKeyCache();
  return updated;
}

// Destroys the hash, so the key can never verify again; the row stays to record who
// deleted which Key ID, and when.
export async function deleteApiKey(actor: Actor, keyId: string): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const { count } = await tx.apiKey.updateMany({
      where: { keyId, accountId: actor.accountId, deletedAt: null },
      data: { hash: null, deletedAt: new Date(), deletedById: actor.ref },
    });
    if (count === 0) throw notFound();
    await tx.auditEvent.create({
      data: { accountId: actor.accountId, actor: actor.ref, action: "api_key.delete", target: keyId },
    });
  });
  // Done only once no instance can still answer with this key.
  await invalidateKeyCache();
}

function notFound(): AppError {
  return new AppError("not_found", "No API key with this Key ID.");
}
