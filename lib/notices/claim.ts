import type { Tx } from "@/lib/records/kind";

// Records that a notice came due, in the transaction that queues its mails. The key is
// unique: of several instances (or scans) that see the same moment, one inserts the row and
// queues the mails; the others' insert waits for that commit, then does nothing.
export async function claimNotice(tx: Tx, notice: { key: string; accountId: string; keepUntil: Date }) {
  const { count } = await tx.sentNotice.createMany({ data: [notice], skipDuplicates: true });
  return count === 1;
}
