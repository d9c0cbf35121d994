import { now } from "@/lib/clock";
import { getDb, getUnscopedDb } from "@/lib/db";
import { publishEvent } from "@/lib/events/publish";
import { keyExpiryMail } from "@/lib/mail/notices";
import { queueMail } from "@/lib/mail/queue";
import { wakeOutbox } from "@/lib/outbox/worker";
import { apiKeyViewSelect, toApiKeyJson } from "@/lib/validations/api-key-view";
import { claimNotice } from "./claim";
import { creatorMemberId, keyReaders } from "./recipients";

// "A key expires in 7 days" and "…within a day": a scan finds live, enabled keys whose
// expiry is that close and whose notice for that expiry and lead isn't recorded yet. Each
// notice is claimed and its mails queued in one transaction (claim.ts), so scans of several
// instances never send one twice, and a key given a new expiry is noticed again for it.
// A server that was down through the 7-day mark sends only what is still due (1 day).
// Each notice is also the api_key.expiring webhook event; a key that expired is the
// api_key.expired event (no mail), claimed the same way, for keys that expired within
// the last 7 days of accounts with an endpoint that wants it.
const DAY_MS = 86_400_000;
const BATCH = 200;

type Due = { id: string; accountId: string; expiresAt: Date; lead: "7d" | "1d" };

const noticeKey = (due: Pick<Due, "id" | "expiresAt" | "lead">) =>
  `key_expiry:${due.id}:${due.expiresAt.getTime()}:${due.lead}`;

// Queues every expiry notice due now; returns how many keys were noticed.
export async function sendDueExpiryNotices(): Promise<number> {
  const at = now();
  const dayAhead = new Date(at.getTime() + DAY_MS);
  const weekAhead = new Date(at.getTime() + 7 * DAY_MS);
  // Every account's keys: the scan is maintenance across accounts (index on expires_at).
  const db = getUnscopedDb();
  // Records of notices whose moment is long gone (the key expired, the period ended).
  await db.sentNotice.deleteMany({ where: { keepUntil: { lt: new Date(at.getTime() - 30 * DAY_MS) } } });
  let noticed = 0;
  for (;;) {
    const due = await db.$queryRaw<Due[]>`
      WITH soon AS (
        SELECT id, account_id, expires_at,
               CASE WHEN expires_at <= ${dayAhead} THEN '1d' ELSE '7d' END AS lead
        FROM api_keys
        WHERE deleted_at IS NULL AND enabled AND expires_at > ${at} AND expires_at <= ${weekAhead}
      )
      SELECT id, account_id AS "accountId", expires_at AS "expiresAt", lead FROM soon
      WHERE NOT EXISTS (
        SELECT 1 FROM sent_notices
        WHERE key = concat('key_expiry:', soon.id, ':', (extract(epoch FROM soon.expires_at) * 1000)::bigint, ':', soon.lead)
      )
      ORDER BY expires_at, id
      LIMIT ${BATCH}`;
    let claimed = 0;
    for (const key of due) if (await noticeExpiry(key, at)) claimed += 1;
    noticed += claimed;
    // Another instance took them all meanwhile, or this was the last batch.
    if (due.length < BATCH || claimed === 0) break;
  }
  noticed += await publishExpired(db, at);
  if (noticed > 0) wakeOutbox();
  return noticed;
}

const EXPIRED_LOOKBACK_MS = 7 * DAY_MS;

async function publishExpired(db: ReturnType<typeof getUnscopedDb>, at: Date): Promise<number> {
  const since = new Date(at.getTime() - EXPIRED_LOOKBACK_MS);
  let published = 0;
  for (;;) {
    const due = await db.$queryRaw<Omit<Due, "lead">[]>`
      SELECT k.id, k.account_id AS "accountId", k.expires_at AS "expiresAt" FROM api_keys k
      WHERE k.deleted_at IS NULL AND k.expires_at <= ${at} AND k.expires_at > ${since}
        AND EXISTS (
          SELECT 1 FROM webhook_endpoints w
          WHERE w.account_id = k.account_id AND w.enabled AND 'api_key.expired' = ANY(w.events))
        AND NOT EXISTS (
          SELECT 1 FROM sent_notices
          WHERE key = concat('key_expired:', k.id, ':', (extract(epoch FROM k.expires_at) * 1000)::bigint))
      ORDER BY k.expires_at, k.id
      LIMIT ${BATCH}`;
    let claimed = 0;
    for (const key of due) if (await publishExpiry(key)) claimed += 1;
    published += claimed;
    if (due.length < BATCH || claimed === 0) return published;
  }
}

async function publishExpiry(due: Omit<Due, "lead">): Promise<boolean> {
  const { accountId } = due;
  return getDb().$transaction(async (tx) => {
    const key = await tx.apiKey.findFirst({
      where: { id: due.id, accountId, deletedAt: null, expiresAt: due.expiresAt },
      select: apiKeyViewSelect,
    });
    if (!key) return false;
    const claim = { key: `key_expired:${due.id}:${due.expiresAt.getTime()}`, accountId, keepUntil: due.expiresAt };
    if (!(await claimNotice(tx, claim))) return false;
    return publishEvent(tx, accountId, "api_key.expired", toApiKeyJson(key));
  });
}

async function noticeExpiry(due: Due, at: Date): Promise<boolean> {
  const { accountId } = due;
  return getDb().$transaction(async (tx) => {
    // As it is now: deleted, disabled or given another expiry since the scan read it.
    const key = await tx.apiKey.findFirst({
      where: { id: due.id, accountId, deletedAt: null, enabled: true, expiresAt: due.expiresAt },
      select: { ...apiKeyViewSelect, account: { select: { name: true } } },
    });
    if (!key) return false;
    if (!(await claimNotice(tx, { key: noticeKey(due), accountId, keepUntil: due.expiresAt }))) return false;
    await publishEvent(tx, accountId, "api_key.expiring", toApiKeyJson(key, at), { lead: due.lead });
    const creator = creatorMemberId(key.createdById);
    for (const reader of await keyReaders(tx, accountId, creator ? [creator] : [], "key_expiry")) {
      await queueMail(tx, {
        accountId,
        kind: "key_expiry",
        ...keyExpiryMail(reader, { accountName: key.account.name, key, expiresAt: due.expiresAt, at }),
      });
    }
    return true;
  });
}
