import { actorRef, type Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { invalidateKeyCache } from "@/lib/key-cache/coordinator";
import { readList } from "@/lib/lists/read";
import { defineList } from "@/lib/lists/table";
import { toPermissions } from "@/lib/permissions";
import { defineKind } from "@/lib/records/kind";
import { createRecord, deleteRecord, readRecord, updateRecord } from "@/lib/records/write";
import { roleOfAccount } from "@/lib/roles/queries";
import type { CreateApiKeyInput, ListApiKeysQuery, UpdateApiKeyInput } from "@/lib/validations/api-key";
import { keyLimitColumns } from "@/lib/validations/key-limits";
import { generateKeyId, newSecret } from "./format";
import { apiKeySelect, toApiKeyJson, type ApiKeyJson, type ApiKeyRow } from "./view";

// A key is addressed by its Key ID; deleted keys are no longer found.
export const apiKeyKind = defineKind<ApiKeyRow>({
  type: "api_key",
  notFound: "No API key with this Key ID.",
  conflict: "A key with these values already exists.",
  load: (tx, accountId, keyId) =>
    tx.apiKey.findFirst({ where: { keyId, accountId, deletedAt: null }, select: apiKeySelect }),
  describe: (key) => ({
    id: key.keyId,
    name: key.name,
    fields: { name: key.name, role: key.role?.name ?? null, ...limitFields(key) },
    access: {
      permissions: toPermissions(key.role?.permissions ?? []),
      subject: `Key “${key.name}” (role ${key.role?.name})`,
      field: "roleId",
    },
  }),
});

// The limits as the audit log shows them: "10/s, 500/min", "10000/day"; null: none.
function limitFields(key: ApiKeyRow) {
  const rates = [
    key.rateLimitPerSecond && `${key.rateLimitPerSecond}/s`,
    key.rateLimitPerMinute && `${key.rateLimitPerMinute}/min`,
  ];
  return {
    rateLimit: rates.filter(Boolean).join(", ") || null,
    quota: key.quotaLimit && key.quotaPeriod ? `${key.quotaLimit}/${key.quotaPeriod}` : null,
  };
}

// Live keys, with an index for each sort (schema.prisma). A key's name is citext, compared
// and sorted without regard to case.
export const apiKeyList = defineList({
  table: "api_keys",
  live: "deleted_at IS NULL",
  // A Key ID is key_ and 16 letters or digits: a q with anything else can't be part of one.
  search: ["name", { column: "key_id", only: /^[0-9A-Za-z_]+$/ }],
  sorts: {
    createdAt: [{ column: "created_at", type: "timestamp(3)" }],
    name: [{ column: "name", type: "citext" }],
    lastUsedAt: [{ column: "last_used_at", type: "timestamp(3)", nulls: "first" }],
  },
});

// Every instance drops the key from memory before the change is reported done.
const afterCommit = () => invalidateKeyCache();

// Newest first by default; `q` matches part of the name or the Key ID (lib/lists/).
export async function listApiKeys(accountId: string, query: ListApiKeysQuery) {
  return readList(
    apiKeyList,
    accountId,
    query,
    (ids) => getDb().apiKey.findMany({ where: { accountId, id: { in: ids } }, select: apiKeySelect }),
    toApiKeyJson,
  );
}

export async function getApiKey(accountId: string, keyId: string): Promise<ApiKeyJson> {
  return toApiKeyJson(await readRecord(accountId, apiKeyKind, keyId));
}

// Returns the secret exactly once; only its hash is stored.
export async function createApiKey(actor: Actor, input: CreateApiKeyInput) {
  const { secret, hash, start } = newSecret();
  const key = await createRecord(actor, apiKeyKind, async (tx) => {
    const role = await roleOfAccount(tx, actor.accountId, input.roleId);
    return tx.apiKey.create({
      data: {
        keyId: generateKeyId(),
        accountId: actor.accountId,
        roleId: role.id,
        name: input.name,
        hash,
        start,
        createdById: actorRef(actor),
        ...keyLimitColumns(input),
      },
      select: apiKeySelect,
    });
  });
  return { key: toApiKeyJson(key), secret };
}

export async function updateApiKey(actor: Actor, keyId: string, input: UpdateApiKeyInput): Promise<ApiKeyJson> {
  const key = await updateRecord(
    actor,
    apiKeyKind,
    keyId,
    async (tx, before) => {
      const role = input.roleId ? await roleOfAccount(tx, actor.accountId, input.roleId) : undefined;
      await tx.apiKey.update({
        where: { id: before.id, accountId: actor.accountId },
        data: { name: input.name, roleId: role?.id, ...keyLimitColumns(input) },
      });
    },
    { afterCommit },
  );
  return toApiKeyJson(key);
}

// Destroys the hash, so the key can never verify again; the row stays to record who
// deleted which Key ID, and when.
export async function deleteApiKey(actor: Actor, keyId: string): Promise<void> {
  await deleteRecord(
    actor,
    apiKeyKind,
    keyId,
    async (tx, before) => {
      await tx.apiKey.update({
        where: { id: before.id, accountId: actor.accountId },
        data: { hash: null, deletedAt: new Date(), deletedById: actorRef(actor) },
      });
    },
    { afterCommit },
  );
}
