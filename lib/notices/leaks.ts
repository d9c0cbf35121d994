import { keyLeakedMail, type NoticeKey } from "@/lib/mail/notices";
import { queueMail } from "@/lib/mail/queue";
import type { Tx } from "@/lib/records/kind";
import { creatorMemberId, keyReaders } from "./recipients";

// "Keys were reported leaked and disabled": a security notice (it can't be turned off),
// queued in the leak report's own transaction. One mail per person and account: Owners
// read about every key of the report in their account, creators about theirs.
type LeakedKey = NoticeKey & { accountId: string; createdById: string | null };

export async function queueLeakNotices(tx: Tx, keys: LeakedKey[], at: Date): Promise<number> {
  let queued = 0;
  for (const accountId of new Set(keys.map((key) => key.accountId))) {
    const ofAccount = keys.filter((key) => key.accountId === accountId);
    const account = await tx.account.findUniqueOrThrow({ where: { id: accountId }, select: { name: true } });
    const creators = ofAccount.flatMap((key) => creatorMemberId(key.createdById) ?? []);
    for (const reader of await keyReaders(tx, accountId, creators, "key_leaked")) {
      const theirs = reader.reasons.includes("owner")
        ? ofAccount
        : ofAccount.filter((key) => creatorMemberId(key.createdById) === reader.memberId);
      const mail = keyLeakedMail(reader, {
        accountName: account.name,
        keys: theirs.map(({ keyId, name }) => ({ keyId, name })),
        at,
      });
      await queueMail(tx, { accountId, kind: "key_leaked", ...mail });
      queued += 1;
    }
  }
  return queued;
}
