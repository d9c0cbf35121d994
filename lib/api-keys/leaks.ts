import { diff } from "@/lib/audit/diff";
import { now } from "@/lib/clock";
import { publishEvent } from "@/lib/events/publish";
import { queueLeakNotices } from "@/lib/notices/leaks";
import { wakeOutbox } from "@/lib/outbox/worker";
import { recordAnonymousChanges } from "@/lib/records/write";
import { hashSecret, isWellFormed } from "./format";
import { apiKeyKind, dropCachedKeys } from "./kind";
import { apiKeySelect, toApiKeyJson } from "@/lib/validations/api-key-view";

// Leaked-key revocation for anyone who finds a key: holding a secret proves enough to
// have its key switched off. Every key with a matching secret that still works (the
// current one, or an old one in its grace period) is disabled in one transaction, gets
// an api_key.leak_reported event in its own account, and is dropped from every
// instance's cache before the call returns. The caller learns nothing either way: the
// answer does not depend on what matched (a finder who wants to know if a secret is live
// could call whoami with it anyway, so the timing tells nothing new). The keys' creators and
// their accounts' Owners are mailed (lib/notices/leaks.ts), in the same transaction.
export async function reportLeakedSecrets(secrets: string[], source: string): Promise<void> {
  const hashes = [...new Set(secrets.filter(isWellFormed).map(hashSecret))];
  if (hashes.length === 0) return;
  let matched: string[] = [];
  let noticed = 0;
  await recordAnonymousChanges(
    apiKeyKind,
    async (tx) => {
      const at = now();
      const found = await tx.apiKeySecret.findMany({
        where: {
          hash: { in: hashes },
          OR: [{ validUntil: null }, { validUntil: { gt: at } }],
          apiKey: { deletedAt: null },
        },
        select: { apiKey: { select: apiKeySelect } },
      });
      const keys = [...new Map(found.map(({ apiKey }) => [apiKey.id, apiKey])).values()];
      matched = keys.map((key) => key.id);
      if (matched.length === 0) return { result: undefined, events: [] };
      await tx.apiKey.updateMany({
        where: { id: { in: keys.map((key) => key.id) } },
        data: { enabled: false, leakReportedAt: at, leakSource: source },
      });
      // A security notice, once per report of a key (a repeated report of a key still
      // disabled by an earlier one mails nobody).
      noticed = await queueLeakNotices(
        tx,
        keys.filter((key) => key.leakReportedAt === null),
        at,
      );
      // api_key.leaked for each key newly reported, as the API shows it now (disabled).
      for (const key of keys.filter((key) => key.leakReportedAt === null)) {
        const disabled = { ...key, enabled: false, leakReportedAt: at, leakSource: source };
        if (await publishEvent(tx, key.accountId, "api_key.leaked", toApiKeyJson(disabled, at))) noticed += 1;
      }
      const events = keys.map((key) => ({
        actor: { kind: "anonymous" as const, accountId: key.accountId, label: `Leak report: ${source}` },
        event: {
          action: "api_key.leak_reported",
          target: { type: apiKeyKind.type, id: key.keyId, name: key.name },
          changes: diff(
            apiKeyKind.describe(key).fields,
            apiKeyKind.describe({ ...key, enabled: false, leakReportedAt: at, leakSource: source }).fields,
          ),
        },
      }));
      return { result: undefined, events };
    },
    {
      afterCommit: async () => {
        if (noticed > 0) wakeOutbox();
        if (matched.length > 0) await dropCachedKeys(matched);
      },
    },
  );
}
