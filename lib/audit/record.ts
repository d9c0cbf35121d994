import { actorLabel, type Actor } from "@/lib/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import { currentRequest } from "@/lib/http/request-context";
import type { Changes } from "./diff";

export type AuditTarget = { type: string; id: string | null; name: string | null };

// Someone who is not (yet) a member: a failed sign-in names the email that was tried; a
// leak report names where the secret was found.
export type AnonymousActor = { kind: "anonymous"; accountId: string; label: string };

export type AuditEventInput = {
  action: string;
  target: AuditTarget;
  changes?: Changes | null;
};

// Writes one audit event with the transaction's client, so the event and the change
// commit or roll back together. Who and from where come from the actor and the request.
export async function recordEvent(
  tx: Prisma.TransactionClient,
  actor: Actor | AnonymousActor,
  event: AuditEventInput,
): Promise<void> {
  await recordEvents(tx, [{ actor, event }]);
}

// Several events in one statement (a batch touching many records, each its own event).
// `at`: when it happened, for an event written after the fact (else the insert's time).
export async function recordEvents(
  tx: Prisma.TransactionClient,
  events: { actor: Actor | AnonymousActor; event: AuditEventInput }[],
  at?: Date,
): Promise<void> {
  if (events.length === 0) return;
  const request = currentRequest();
  await tx.auditEvent.createMany({
    data: events.map(({ actor, event }) => ({
      accountId: actor.accountId,
      actorType: actor.kind,
      actorId: actor.kind === "anonymous" ? null : actor.id,
      actorName: actor.kind === "anonymous" ? actor.label : actorLabel(actor),
      action: event.action,
      targetType: event.target.type,
      targetId: event.target.id,
      targetName: event.target.name,
      changes: (event.changes ?? undefined) as Prisma.InputJsonValue | undefined,
      clientAddress: request?.clientAddress ?? null,
      userAgent: request?.userAgent ?? null,
      requestId: request?.requestId ?? null,
      ...(at ? { createdAt: at } : {}),
    })),
  });
}
