import { now } from "@/lib/clock";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { retryDelayMs } from "./backoff";

// Delivery of due outbox messages by any number of senders at once. A sender claims a
// batch in one statement: it takes a lease (owner and until when) on pending, due rows no
// one else holds, skipping rows another sender is claiming at that moment (FOR UPDATE SKIP
// LOCKED), so no two senders hold one message. Then it sends each and marks it, only while
// it still holds the lease. A sender that dies between sending and marking leaves the
// lease to run out; the next sender sends the same message again (same id, so the same
// Message-ID): delivery is at least once, never a different message.
export type ClaimedMessage = {
  id: string;
  accountId: string | null;
  channel: string;
  kind: string;
  recipient: string;
  subject: string;
  payload: unknown;
  attempts: number;
};

// Sends one message; throws to have it tried again later (or PermanentDeliveryError to
// give up at once, e.g. a mailbox that doesn't exist).
export type Deliver = (message: ClaimedMessage) => Promise<void>;

// One Deliver for all channels: each message goes to its channel's; an unknown channel
// (a message written by a newer version) fails for good rather than looping.
export function byChannel(channels: Record<string, Deliver>): Deliver {
  return (message) => {
    const deliver = channels[message.channel];
    if (!deliver) return Promise.reject(new PermanentDeliveryError(`No channel "${message.channel}" here.`));
    return deliver(message);
  };
}

export class PermanentDeliveryError extends Error {
  name = "PermanentDeliveryError";
}

// Longer than any one send may take (the SMTP transport's timeouts are shorter).
export const LEASE_MS = 2 * 60_000;
export const BATCH = 20;

export type Round = {
  claimed: number;
  sent: number;
  retrying: number;
  failed: number;
  // Why each try that failed did, for the log (no body, no link: the error's own message).
  problems: { id: string; kind: string; outcome: "retrying" | "failed"; reason: string }[];
};

export async function claimDue(db: PrismaClient, owner: string, batch = BATCH): Promise<ClaimedMessage[]> {
  const at = now();
  const leaseUntil = new Date(at.getTime() + LEASE_MS);
  return db.$queryRaw<ClaimedMessage[]>`
    UPDATE outbox_messages AS m
    SET lease_owner = ${owner}, lease_until = ${leaseUntil}, attempts = m.attempts + 1
    WHERE m.id IN (
      SELECT id FROM outbox_messages
      WHERE status = 'pending' AND next_attempt_at <= ${at}
        AND (lease_until IS NULL OR lease_until <= ${at})
      ORDER BY next_attempt_at
      LIMIT ${batch}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING m.id, m.account_id AS "accountId", m.channel, m.kind, m.recipient, m.subject, m.payload, m.attempts`;
}

// Marks a message sent, if this sender still holds it; erases its body.
export async function markSent(db: PrismaClient, owner: string, id: string): Promise<boolean> {
  const count = await db.$executeRaw`
    UPDATE outbox_messages
    SET status = 'sent', sent_at = ${now()}, payload = NULL, last_error = NULL, lease_owner = NULL, lease_until = NULL
    WHERE id = ${id}::uuid AND lease_owner = ${owner}`;
  return count === 1;
}

// Schedules the next try with backoff, or marks the message failed (body erased) when it
// has none left or the error is permanent.
export async function markFailedAttempt(
  db: PrismaClient,
  owner: string,
  message: Pick<ClaimedMessage, "id" | "attempts">,
  error: unknown,
): Promise<"retrying" | "failed"> {
  const reason = describeError(error);
  const delay = error instanceof PermanentDeliveryError ? null : retryDelayMs(message.attempts);
  if (delay === null) {
    await db.$executeRaw`
      UPDATE outbox_messages
      SET status = 'failed', payload = NULL, last_error = ${reason}, lease_owner = NULL, lease_until = NULL
      WHERE id = ${message.id}::uuid AND lease_owner = ${owner}`;
    return "failed";
  }
  await db.$executeRaw`
    UPDATE outbox_messages
    SET next_attempt_at = ${new Date(now().getTime() + delay)}, last_error = ${reason},
        lease_owner = NULL, lease_until = NULL
    WHERE id = ${message.id}::uuid AND lease_owner = ${owner}`;
  return "retrying";
}

// Claims one batch and delivers it, one message after another.
export async function deliverDue(db: PrismaClient, owner: string, deliver: Deliver, batch = BATCH): Promise<Round> {
  const messages = await claimDue(db, owner, batch);
  const round: Round = { claimed: messages.length, sent: 0, retrying: 0, failed: 0, problems: [] };
  for (const message of messages) {
    try {
      await deliver(message);
    } catch (error) {
      const outcome = await markFailedAttempt(db, owner, message, error);
      round[outcome] += 1;
      round.problems.push({
        id: message.id,
        kind: `${message.channel}/${message.kind}`,
        outcome,
        reason: describeError(error),
      });
      continue;
    }
    await markSent(db, owner, message.id);
    round.sent += 1;
  }
  return round;
}

// A short reason for the record and the log: the error's own message (a mail server's
// answer), never a URL that could carry credentials.
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/[a-z][a-z0-9+.-]*:\/\/[^\s]+/gi, "<url>").slice(0, 500);
}
