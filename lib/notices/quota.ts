import { getDb } from "@/lib/db";
import { publishEvent } from "@/lib/events/publish";
import type { QuotaPeriod } from "@/lib/key-limits";
import { keyQuotaMail } from "@/lib/mail/notices";
import { queueMail } from "@/lib/mail/queue";
import { describeError } from "@/lib/outbox/engine";
import { wakeOutbox } from "@/lib/outbox/worker";
import { processSingleton } from "@/lib/process-singleton";
import { apiKeyViewSelect, toApiKeyJson } from "@/lib/validations/api-key-view";
import { claimNotice } from "./claim";
import { creatorMemberId, keyReaders } from "./recipients";

// "A key used 80% / 100% of its quota", once per threshold and quota period. Checked on
// the request path of a key with a quota, right after the quota counted the request (the
// count is exact there, on every store): below 80% it costs one comparison; past it, a
// lookup in this process's memory of notices already claimed. Only the first request past
// a threshold, per process, goes to the database, after the answer's path (not awaited):
// the claim (claim.ts) lets one instance queue the mails and the api_key.quota_threshold
// webhook event.
export type QuotaUse = { limit: number; period: QuotaPeriod; used: number; resetsAt: Date };

const claimed = processSingleton("quota-notices", () => new Set<string>());
const REMEMBERED = 10_000;

export function noticeQuotaIfDue(key: { rowId: string; accountId: string }, quota: QuotaUse): void {
  const percent = quota.used >= quota.limit ? 100 : quota.used >= Math.ceil((quota.limit * 4) / 5) ? 80 : null;
  if (percent === null) return;
  const id = `key_quota:${key.rowId}:${quota.resetsAt.getTime()}:${percent}`;
  if (claimed.has(id)) return;
  if (claimed.size >= REMEMBERED) claimed.clear();
  claimed.add(id);
  noticeQuota(id, key, quota, percent).catch((error) => {
    claimed.delete(id); // the next request past the threshold tries again
    console.error(`notices: quota notice failed: ${describeError(error)}`);
  });
}

async function noticeQuota(id: string, key: { rowId: string; accountId: string }, quota: QuotaUse, percent: 80 | 100) {
  const { accountId } = key;
  const queued = await getDb().$transaction(async (tx) => {
    const row = await tx.apiKey.findFirst({
      where: { id: key.rowId, accountId, deletedAt: null },
      select: { ...apiKeyViewSelect, account: { select: { name: true } } },
    });
    if (!row || !(await claimNotice(tx, { key: id, accountId, keepUntil: quota.resetsAt }))) return false;
    const { limit, period, used, resetsAt } = quota;
    await publishEvent(tx, accountId, "api_key.quota_threshold", toApiKeyJson(row), {
      percent,
      quota: { limit, period, used, resetsAt: resetsAt.toISOString() },
    });
    const creator = creatorMemberId(row.createdById);
    for (const reader of await keyReaders(tx, accountId, creator ? [creator] : [], "key_quota")) {
      await queueMail(tx, {
        accountId,
        kind: "key_quota",
        ...keyQuotaMail(reader, { accountName: row.account.name, key: row, percent, ...quota }),
      });
    }
    return true;
  });
  if (queued) wakeOutbox();
}
