import { actorRef, type Actor } from "@/lib/actor";
import { now } from "@/lib/clock";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { toKeyScope } from "@/lib/key-scope";
import { readList } from "@/lib/lists/read";
import { defineList } from "@/lib/lists/table";
import { createRecord, deleteRecord, readRecord, updateRecord } from "@/lib/records/write";
import { keyRoleOfAccount, roleOfAccount } from "@/lib/roles/queries";
import {
  EXPIRING_SOON_DAYS,
  type ApiKeyDetailJson,
  type ApiKeyStateFilter,
  type CreateApiKeyInput,
  type ListApiKeysQuery,
  type UpdateApiKeyInput,
} from "@/lib/validations/api-key";
import { keyLimitColumns } from "@/lib/validations/key-limits";
import { toStoredTags } from "@/lib/validations/key-notes";
import { generateKeyId, newSecret } from "./format";
import { announceSecret, apiKeyKind, dropCachedKeys } from "./kind";
import { checkExpiry, checkLifetime } from "./policy";
import { scopeColumns } from "./scope";
import {
  apiKeySelect,
  apiKeyViewSelect,
  secretSelect,
  toApiKeyJson,
  toSecretJson,
  type ApiKeyRow,
  type SecretRow,
} from "@/lib/validations/api-key-view";

const DAY_MS = 86_400_000;

// Live keys, with an index for each sort (schema.prisma). A key's name is citext, compared
// and sorted without regard to case.
export const apiKeyList = defineList({
  table: "api_keys",
  live: "deleted_at IS NULL",
  // A Key ID is key_ and 16 letters or digits: a q with anything else can't be part of one.
  search: ["name", { column: "key_id", only: /^[0-9A-Za-z_]+$/ }],
  sorts: {
    createdAt: [{ column: "created_at", type: "timestamp(3)" }],
    name: [{ column: "name", type: "citext", collated: true }],
    lastUsedAt: [{ column: "last_used_at", type: "timestamp(3)", nulls: "first" }],
  },
});

// Newest first by default; `q` matches part of the name or the Key ID, `state` one of the
// states toApiKeyJson shows (lib/lists/).
export async function listApiKeys(accountId: string, query: ListApiKeysQuery) {
  const at = now();
  return readList(
    apiKeyList,
    accountId,
    { ...query, where: [...(query.state ? [stateWhere(query.state, at)] : []), ...tagWhere(query.tag)] },
    (ids) => getDb().apiKey.findMany({ where: { accountId, id: { in: ids } }, select: apiKeyViewSelect }),
    (row) => toApiKeyJson(row, at),
  );
}

// The same states as toApiKeyJson's `state`, as a condition (expired wins over disabled).
function stateWhere(state: ApiKeyStateFilter, at: Date): Prisma.Sql {
  const instant = Prisma.sql`${at.toISOString()}::timestamptz`;
  const notExpired = Prisma.sql`(expires_at IS NULL OR expires_at > ${instant})`;
  switch (state) {
    case "expired":
      return Prisma.sql`expires_at <= ${instant}`;
    case "disabled":
      return Prisma.sql`NOT enabled AND ${notExpired}`;
    case "active":
      return Prisma.sql`enabled AND ${notExpired}`;
    case "expiring": {
      const soon = new Date(at.getTime() + EXPIRING_SOON_DAYS * DAY_MS).toISOString();
      return Prisma.sql`enabled AND expires_at > ${instant} AND expires_at <= ${soon}::timestamptz`;
    }
  }
}

// A stored "key=value" tag the key must carry (the GIN index on tags).
function tagWhere(tag: string | undefined): Prisma.Sql[] {
  return tag === undefined ? [] : [Prisma.sql`tags @> ARRAY[${tag}]::text[]`];
}

// One key with its roll history (its secrets, newest first).
export async function getApiKey(accountId: string, keyId: string): Promise<ApiKeyDetailJson> {
  return withSecrets(accountId, await readRecord(accountId, apiKeyKind, keyId));
}

async function withSecrets(accountId: string, key: ApiKeyRow): Promise<ApiKeyDetailJson> {
  const secrets = await getDb(accountId).apiKeySecret.findMany({
    where: { apiKeyId: key.id },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: secretSelect,
  });
  return detailOf(key, secrets);
}

function detailOf(key: ApiKeyRow, secrets: SecretRow[]): ApiKeyDetailJson {
  const at = now();
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
  // The new key's one secret is read back with the key, in the same query: no second
  // transaction before the answer (under load each round trip waits for a turn of a busy
  // event loop; bench/overload.mts).
  let secrets: SecretRow[] = [];
  const key = await createRecord(
    actor,
    apiKeyKind,
    async (tx) => {
      const role = await keyRoleOfAccount(tx, actor.accountId, input.roleId);
      checkLifetime(expiresAt, role.maxKeyLifetimeDays);
      const { secrets: created, ...row } = await tx.apiKey.create({
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
          description: input.description ?? "",
          tags: input.tags ? toStoredTags(input.tags) : [],
          bindToFirstAddress: input.bindToFirstAddress ?? false,
          ...(await scopeColumns(tx, actor.accountId, input.scope ?? null)),
          secrets: { create: { hash, start } },
          ...keyLimitColumns(input),
        },
        select: { ...apiKeySelect, secrets: { select: secretSelect } },
      });
      secrets = created;
      return row;
    },
    { afterCommit: () => announceSecret(hash) },
  );
  return { key: detailOf(key, secrets), secret };
}

// Changes any of name, role, expiry, enabled, allowlist, notes, tags and scope in one audited change. Changing
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
  let keyRowId = "";
  const key = await updateRecord(
    actor,
    apiKeyKind,
    keyId,
    async (tx, before) => {
      keyRowId = before.id;
      const role = input.roleId ? await roleOfAccount(tx, actor.accountId, input.roleId) : undefined;
      const expiresAt =
        input.expiresAt === undefined ? undefined : input.expiresAt === null ? null : new Date(input.expiresAt);
      if (expiresAt !== undefined) await checkExpiry(tx, actor.accountId, expiresAt);
      const scope =
        input.scope === undefined ? {} : await scopeColumns(tx, actor.accountId, input.scope, toKeyScope(before));
      await tx.apiKey.update({
        where: { id: before.id, accountId: actor.accountId },
        data: {
          name: input.name,
          roleId: role?.id,
          expiresAt,
          enabled: input.enabled,
          ipAllowlist: input.ipAllowlist,
          description: input.description,
          tags: input.tags && toStoredTags(input.tags),
          bindToFirstAddress: input.bindToFirstAddress,
          ...scope,
          ...(input.enabled === true ? { leakReportedAt: null, leakSource: null } : {}),
          ...keyLimitColumns(input),
        },
      });
    },
    { action, afterCommit: () => dropCachedKeys([keyRowId]) },
  );
  return withSecrets(actor.accountId, key);
}

// Erases every hash of the key, so none of its secrets can ever verify again; the row
// stays to record who deleted which Key ID, and when.
export async function deleteApiKey(actor: Actor, keyId: string): Promise<void> {
  let keyRowId = "";
  await deleteRecord(
    actor,
    apiKeyKind,
    keyId,
    async (tx, before) => {
      keyRowId = before.id;
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
    { afterCommit: () => dropCachedKeys([keyRowId]) },
  );
}
