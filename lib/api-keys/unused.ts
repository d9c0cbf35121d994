import { diff } from "@/lib/audit/diff";
import { now } from "@/lib/clock";
import { getDb, getUnscopedDb } from "@/lib/db";
import { publishEvent } from "@/lib/events/publish";
import { keyUnusedMail } from "@/lib/mail/notices";
import { queueMail } from "@/lib/mail/queue";
import { claimNotice } from "@/lib/notices/claim";
import { creatorMemberId, keyReaders } from "@/lib/notices/recipients";
import { wakeOutbox } from "@/lib/outbox/worker";
import { recordAnonymousChanges } from "@/lib/records/write";
import { UNUSED_NOTICE_DAYS } from "@/lib/validations/api-key";
import { apiKeySelect, apiKeyViewSelect, toApiKeyJson } from "@/lib/validations/api-key-view";
import { apiKeyKind, dropCachedKeys } from "./kind";

// The account policy "disable keys unused for N days", run by the periodic notice scan
// (lib/notices/scan.ts) on every instance. A key is unused since its last request, or
// since it was created if it never had one.
//  1. Notice: once a live, enabled key has been unused for N − 7 days, its creator and the
//     Owners are mailed that it will be disabled. The notice is claimed per key and
//     "unused since" (a key used again, then unused again, is noticed again), in the
//     transaction that queues the mails, so instances never mail twice. The claim keeps
//     the date the notice announced: at least 7 days after it was sent, even for keys
//     already unused longer than N days when an Owner turns the policy on.
//  2. Disable: once that date has come and the key is still unused for N days, it is
//     disabled by a conditional update (enabled and still unused): of two instances, one
//     update matches, so one audit event (by "Unused-key policy") and one api_key.disabled
//     event are written, and the key leaves every instance's cache before the scan goes on.
const DAY_MS = 86_400_000;
const BATCH = 200;

type Unused = { id: string; accountId: string; since: Date; afterDays: number; claimKey: string };

export async function sweepUnusedKeys(): Promise<{ noticed: number; disabled: number }> {
  const at = now();
  const noticed = await noticeUnusedKeys(at);
  const disabled = await disableUnusedKeys(at);
  if (noticed + disabled > 0) wakeOutbox();
  return { noticed, disabled };
}

async function noticeUnusedKeys(at: Date): Promise<number> {
  // Every account with the policy: maintenance across accounts.
  const db = getUnscopedDb();
  let noticed = 0;
  for (;;) {
    const due = await db.$queryRaw<Unused[]>`
      WITH unused AS (
        SELECT k.id, k.account_id, coalesce(k.last_used_at, k.created_at) AS since,
               a.disable_unused_keys_after_days AS after_days
        FROM api_keys k JOIN accounts a ON a.id = k.account_id
        WHERE a.disable_unused_keys_after_days IS NOT NULL AND k.deleted_at IS NULL AND k.enabled
          AND coalesce(k.last_used_at, k.created_at)
              <= ${at}::timestamptz - make_interval(days => a.disable_unused_keys_after_days - ${UNUSED_NOTICE_DAYS}::int)
      ), keyed AS (
        SELECT *, concat('key_unused:', id, ':', (extract(epoch FROM since) * 1000)::bigint) AS claim_key FROM unused
      )
      SELECT id, account_id AS "accountId", since, after_days AS "afterDays", claim_key AS "claimKey" FROM keyed
      WHERE NOT EXISTS (SELECT 1 FROM sent_notices WHERE key = keyed.claim_key)
      ORDER BY since, id
      LIMIT ${BATCH}`;
    let claimed = 0;
    for (const key of due) if (await noticeUnused(key, at)) claimed += 1;
    noticed += claimed;
    if (due.length < BATCH || claimed === 0) return noticed;
  }
}

async function noticeUnused(due: Unused, at: Date): Promise<boolean> {
  const { accountId } = due;
  // Never sooner than the notice's 7 days from now.
  const disableAt = new Date(
    Math.max(due.since.getTime() + due.afterDays * DAY_MS, at.getTime() + UNUSED_NOTICE_DAYS * DAY_MS),
  );
  return getDb().$transaction(async (tx) => {
    // As it is now: used, disabled or deleted since the scan read it.
    const key = await tx.apiKey.findFirst({
      where: { id: due.id, accountId, deletedAt: null, enabled: true },
      select: { ...apiKeyViewSelect, account: { select: { name: true } } },
    });
    if (!key || (key.lastUsedAt ?? key.createdAt).getTime() > due.since.getTime()) return false;
    if (!(await claimNotice(tx, { key: due.claimKey, accountId, keepUntil: disableAt }))) return false;
    const creator = creatorMemberId(key.createdById);
    for (const reader of await keyReaders(tx, accountId, creator ? [creator] : [], "key_unused")) {
      const mail = keyUnusedMail(reader, {
        accountName: key.account.name,
        key,
        unusedSince: due.since,
        disableAt,
        afterDays: due.afterDays,
      });
      await queueMail(tx, { accountId, kind: "key_unused", ...mail });
    }
    return true;
  });
}

async function disableUnusedKeys(at: Date): Promise<number> {
  const db = getUnscopedDb();
  let disabled = 0;
  for (;;) {
    // Noticed (the claim of this "unused since"), its announced date come, and unused for
    // N days by the policy as it is now.
    const due = await db.$queryRaw<Unused[]>`
      SELECT k.id, k.account_id AS "accountId", coalesce(k.last_used_at, k.created_at) AS since,
             a.disable_unused_keys_after_days AS "afterDays", n.key AS "claimKey"
      FROM api_keys k
      JOIN accounts a ON a.id = k.account_id
      JOIN sent_notices n
        ON n.key = concat('key_unused:', k.id, ':', (extract(epoch FROM coalesce(k.last_used_at, k.created_at)) * 1000)::bigint)
      WHERE a.disable_unused_keys_after_days IS NOT NULL AND k.deleted_at IS NULL AND k.enabled
        AND n.keep_until <= ${at}
        AND coalesce(k.last_used_at, k.created_at)
            <= ${at}::timestamptz - make_interval(days => a.disable_unused_keys_after_days)
      ORDER BY since, k.id
      LIMIT ${BATCH}`;
    let done = 0;
    for (const key of due) if (await disableUnused(key, at)) done += 1;
    disabled += done;
    if (due.length < BATCH || done === 0) return disabled;
  }
}

async function disableUnused(due: Unused, at: Date): Promise<boolean> {
  let acted = false;
  await recordAnonymousChanges(
    apiKeyKind,
    async (tx) => {
      const key = await tx.apiKey.findFirst({
        where: { id: due.id, accountId: due.accountId, deletedAt: null, enabled: true },
        select: apiKeySelect,
      });
      if (!key || (key.lastUsedAt ?? key.createdAt).getTime() > due.since.getTime()) {
        return { result: undefined, events: [] };
      }
      // The condition again in the update: another instance's sweep, or a request's last
      // use written meanwhile, makes it match nothing.
      const { count } = await tx.apiKey.updateMany({
        where: {
          id: key.id,
          enabled: true,
          deletedAt: null,
          OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: due.since } }],
        },
        data: { enabled: false },
      });
      if (count === 0) return { result: undefined, events: [] };
      acted = true;
      const after = { ...key, enabled: false };
      await publishEvent(tx, key.accountId, "api_key.disabled", toApiKeyJson(after, at));
      const actor = {
        kind: "anonymous" as const,
        accountId: key.accountId,
        label: `Unused-key policy (${due.afterDays} days)`,
      };
      const event = {
        action: "api_key.disable",
        target: { type: apiKeyKind.type, id: key.keyId, name: key.name },
        changes: diff(apiKeyKind.describe(key).fields, apiKeyKind.describe(after).fields),
      };
      return { result: undefined, events: [{ actor, event }] };
    },
    {
      afterCommit: async () => {
        if (acted) await dropCachedKeys([due.id]);
      },
    },
  );
  return acted;
}
