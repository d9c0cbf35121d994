import { invalidateKeyCache, publishKeyChange } from "@/lib/key-cache/coordinator";
import { toKeyScope } from "@/lib/key-scope";
import { toPermissions } from "@/lib/permissions";
import { defineKind } from "@/lib/records/kind";
import { apiKeySelect, toApiKeyJson, type ApiKeyRow } from "@/lib/validations/api-key-view";

// A key as the record writer sees it: addressed by its Key ID (deleted keys are no longer
// found), and described by the fields its audit events compare: everything a lifecycle
// action can change (never a secret or hash; `start` shows that a roll replaced the secret).
export const apiKeyKind = defineKind<ApiKeyRow>({
  type: "api_key",
  notFound: "No API key with this Key ID.",
  conflict: "A key with these values already exists.",
  load: (tx, accountId, keyId) =>
    tx.apiKey.findFirst({ where: { keyId, accountId, deletedAt: null }, select: apiKeySelect }),
  describe: (key) => ({
    id: key.keyId,
    name: key.name,
    fields: {
      name: key.name,
      role: key.role?.name ?? null,
      start: key.start,
      enabled: key.enabled,
      expiresAt: key.expiresAt?.toISOString() ?? null,
      ipAllowlist: key.ipAllowlist,
      bindToFirstAddress: key.bindToFirstAddress,
      description: key.description,
      tags: key.tags,
      scope: toKeyScope(key),
      leakReportedBy: key.leakSource,
      ...limitFields(key),
    },
    access: {
      permissions: toPermissions(key.role?.permissions ?? []),
      subject: `Key “${key.name}” (role ${key.role?.name})`,
      field: "roleId",
      scope: toKeyScope(key),
    },
  }),
  view: (key) => toApiKeyJson(key),
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

// Every instance drops these keys' cached secrets before a change to them is reported done.
export const dropCachedKeys = (keyRowIds: string[]) => invalidateKeyCache({ keys: keyRowIds });

// Every instance knows a new secret (a created key) before it is handed out, so its
// filter of live secrets never refuses it.
export const announceSecret = (hash: string) => publishKeyChange({ added: [hash] });
