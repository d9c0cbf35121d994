import type { Prisma } from "@/lib/generated/prisma/client";
import { enqueueMessage } from "@/lib/outbox/enqueue";
import type { MailPayload } from "@/lib/validations/mail";

export const MAIL_CHANNEL = "mail";

// Queues a mail in the caller's transaction (see lib/outbox/enqueue.ts): it is sent after
// commit, and only if the change commits.
export function queueMail(
  tx: Prisma.TransactionClient,
  mail: MailPayload & { accountId: string | null; kind: string },
): Promise<{ id: string }> {
  const { accountId, kind, ...payload } = mail;
  return enqueueMessage(tx, {
    accountId,
    channel: MAIL_CHANNEL,
    kind,
    recipient: payload.to,
    subject: payload.subject,
    payload,
  });
}
