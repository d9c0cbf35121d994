import { randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";

// Writes a message to the outbox inside the caller's transaction: it exists if and only if
// the change that causes it commits. The senders (worker.ts) deliver it after commit; call
// wakeOutbox() once committed (the record writer's afterCommit) so it leaves at once
// instead of at the next poll.
export type NewMessage = {
  // The account it belongs to; null for a message of no account.
  accountId: string | null;
  channel: string;
  kind: string;
  recipient: string;
  subject: string;
  // What the channel needs to send it (erased once sent or failed).
  payload: Prisma.InputJsonValue;
};

export async function enqueueMessage(tx: Prisma.TransactionClient, message: NewMessage): Promise<{ id: string }> {
  // The id is chosen here, not by the database, so a channel can derive the message's
  // stable identity (a mail's Message-ID) from it before anything is sent.
  const id = randomUUID();
  await tx.outboxMessage.create({ data: { id, ...message }, select: { id: true } });
  return { id };
}
