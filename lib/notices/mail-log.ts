import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { readList } from "@/lib/lists/read";
import { defineList } from "@/lib/lists/table";
import { MAIL_CHANNEL } from "@/lib/mail/queue";
import type { PageQuery } from "@/lib/validations/common";
import type { AccountMailJson, MailStatus } from "@/lib/validations/notices";

// The account's recent mail for its Owners (the Notifications page): from the outbox,
// newest first (index on account_id, created_at DESC). The body and its links are never
// read: they are not selected here, and erased from the row once sent anyway.
export const mailLogList = defineList({
  table: "outbox_messages",
  sorts: { createdAt: [{ column: "created_at", type: "timestamptz(3)" }] },
});

const select = {
  id: true,
  createdAt: true,
  kind: true,
  recipient: true,
  subject: true,
  status: true,
  attempts: true,
  nextAttemptAt: true,
  lastError: true,
  sentAt: true,
} satisfies Prisma.OutboxMessageSelect;

type Row = Prisma.OutboxMessageGetPayload<{ select: typeof select }>;

function statusOf(row: Row): MailStatus {
  if (row.status === "sent") return "delivered";
  if (row.status === "failed") return "failed";
  return row.attempts > 0 && row.lastError ? "retrying" : "queued";
}

function toJson(row: Row): AccountMailJson {
  const status = statusOf(row);
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    kind: row.kind,
    recipient: row.recipient,
    subject: row.subject,
    status,
    attempts: row.attempts,
    nextAttemptAt: status === "retrying" ? row.nextAttemptAt.toISOString() : null,
    sentAt: row.sentAt?.toISOString() ?? null,
    error: status === "retrying" || status === "failed" ? row.lastError : null,
  };
}

export function listAccountMail(accountId: string, page: PageQuery) {
  return readList(
    mailLogList,
    accountId,
    { ...page, sort: "createdAt", dir: "desc", where: [Prisma.sql`channel = ${MAIL_CHANNEL}`] },
    (ids) => getDb().outboxMessage.findMany({ where: { accountId, id: { in: ids } }, select }),
    toJson,
  );
}
