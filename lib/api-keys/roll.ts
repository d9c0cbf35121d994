import type { Actor } from "@/lib/actor";
import { now } from "@/lib/clock";
import { updateRecord } from "@/lib/records/write";
import { GRACE_PERIODS, type GracePeriod } from "@/lib/validations/api-key";
import { newSecret } from "./format";
import { publishKeyChange } from "@/lib/key-cache/coordinator";
import { apiKeyKind } from "./kind";
import { getApiKey } from "./manage";

// Replaces a key's secret and keeps everything else: Key ID, name, role, expiry,
// allowlist. The old secret keeps working until the grace period ends, checked against
// the clock on every request (cached entries carry that end), so it stops on every
// instance at the same moment with no message needed. Secrets already in a grace period
// end no later than the new one. A key reported leaked gets no grace: its old secrets
// stop now, whatever was asked, since someone else holds one of them.
export async function rollApiKey(actor: Actor, keyId: string, gracePeriod: GracePeriod) {
  const { secret, hash, start } = newSecret();
  let keyRowId = "";
  await updateRecord(
    actor,
    apiKeyKind,
    keyId,
    async (tx, before) => {
      keyRowId = before.id;
      // The key's row first: this update locks it until the transaction ends, so two rolls
      // of one key run one after the other, and the later one (whose statements from here
      // on see what the earlier one committed) ends the earlier one's secret too. Exactly
      // one secret is current. Whether it was reported leaked is read under the lock too.
      const { leakReportedAt } = await tx.apiKey.update({
        where: { id: before.id, accountId: actor.accountId },
        data: { start },
        select: { leakReportedAt: true },
      });
      const at = now();
      const graceEnd = new Date(at.getTime() + (leakReportedAt ? 0 : GRACE_PERIODS[gracePeriod] * 1000));
      await tx.apiKeySecret.updateMany({
        where: { apiKeyId: before.id, OR: [{ validUntil: null }, { validUntil: { gt: graceEnd } }] },
        data: { validUntil: graceEnd },
      });
      await tx.apiKeySecret.create({ data: { apiKeyId: before.id, hash, start, createdAt: at } });
    },
    {
      action: "api_key.roll",
      afterCommit: () => publishKeyChange({ evict: { keys: [keyRowId] }, added: [hash] }),
    },
  );
  return { key: await getApiKey(actor.accountId, keyId), secret };
}
